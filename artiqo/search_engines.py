"""Which Haystack engine serves search: HAYSTACK_CONNECTIONS from SEARCH_ENGINE and SEARCH_URL.

Whoosh (the default) keeps the index in a folder on the web machine, one writer at a time;
when one machine is no longer enough, Elasticsearch 7 or Solr serve every web machine from
a server of their own. Only settings change: the app talks to Haystack either way. Imported
by the settings (it lives beside them, not in the search app: settings import no app code),
so it must not import Django models or apps.
"""
from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

ENGINES = {
    "whoosh": "search.backends.ArtiqoWhooshEngine",
    "elasticsearch": "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine",
    "solr": "haystack.backends.solr_backend.SolrEngine",
}


def haystack_connection(*, engine: str, whoosh_path: str, url: str = "", index_name: str = "artiqo",
                        timeout: int = 10) -> dict:
    """The `default` entry of HAYSTACK_CONNECTIONS for `engine` (whoosh, elasticsearch or solr).

    Every engine suggests spellings ("Did you mean") and raises on failure instead of
    failing silently (Haystack's default), so the index queue retries a failed write and a
    failed search is a 503, not an empty page.
    """
    name = (engine or "whoosh").strip().lower()
    if name not in ENGINES:
        raise ImproperlyConfigured(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {engine!r}.")
    connection = {"ENGINE": ENGINES[name], "INCLUDE_SPELLING": True, "SILENTLY_FAIL": False}
    if name == "whoosh":
        return {**connection, "PATH": whoosh_path}
    if not url:
        raise ImproperlyConfigured(f"SEARCH_ENGINE={name} needs SEARCH_URL (the server's address).")
    connection.update(URL=url.rstrip("/"), TIMEOUT=timeout)
    if name == "elasticsearch":
        connection["INDEX_NAME"] = index_name
    else:
        # SEARCH_URL names the core (http://solr:8983/solr/artiqo); build_solr_schema
        # --reload-core reloads it through the cores admin next to it.
        connection["ADMIN_URL"] = url.rstrip("/").rsplit("/", 1)[0] + "/admin/cores"
    return connection
