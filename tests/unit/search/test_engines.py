"""The search engine is a setting: SEARCH_ENGINE and SEARCH_URL choose Whoosh, Elasticsearch or Solr."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from artiqo.search_engines import haystack_connection

ROOT = Path(__file__).resolve().parents[3]


def test_whoosh_is_the_default_with_its_index_folder():
    connection = haystack_connection(engine="", whoosh_path="/srv/index")

    assert connection["ENGINE"] == "search.backends.ArtiqoWhooshEngine"
    assert connection["PATH"] == "/srv/index"
    assert connection["INCLUDE_SPELLING"] is True and connection["SILENTLY_FAIL"] is False


def test_elasticsearch_gets_its_server_and_index_name():
    connection = haystack_connection(engine="Elasticsearch", whoosh_path="/unused", url="http://es.internal:9200/",
                                     index_name="artiqo-prod", timeout=5)

    assert connection == {
        "ENGINE": "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine",
        "URL": "http://es.internal:9200", "INDEX_NAME": "artiqo-prod", "TIMEOUT": 5,
        "INCLUDE_SPELLING": True, "SILENTLY_FAIL": False,
    }


def test_solr_gets_its_core_and_the_cores_admin_beside_it():
    connection = haystack_connection(engine="solr", whoosh_path="/unused", url="http://solr:8983/solr/artiqo")

    assert connection["ENGINE"] == "haystack.backends.solr_backend.SolrEngine"
    assert connection["URL"] == "http://solr:8983/solr/artiqo"
    assert connection["ADMIN_URL"] == "http://solr:8983/solr/admin/cores"
    assert "PATH" not in connection and "INDEX_NAME" not in connection


def test_a_search_server_without_an_address_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="SEARCH_URL"):
        haystack_connection(engine="elasticsearch", whoosh_path="/unused")


def test_an_unknown_engine_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="whoosh, elasticsearch, solr"):
        haystack_connection(engine="algolia", whoosh_path="/unused")


def test_the_settings_read_the_engine_from_the_environment():
    env = {**os.environ, "SECRET_KEY": "x", "SEARCH_ENGINE": "elasticsearch", "SEARCH_URL": "http://es:9200",
           "SEARCH_INDEX_NAME": "shop", "SEARCH_TIMEOUT": "3"}
    code = "import json; from artiqo.settings import base; print(json.dumps(base.HAYSTACK_CONNECTIONS))"
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)

    default = json.loads(output.stdout)["default"]
    assert default["ENGINE"].endswith("Elasticsearch7SearchEngine")
    assert (default["URL"], default["INDEX_NAME"], default["TIMEOUT"]) == ("http://es:9200", "shop", 3)
