"""Search tests run on the engine production uses (search.backends), in the per-test index folder."""
import pytest


@pytest.fixture(autouse=True)
def _artiqo_search_engine(_isolated_files, settings):
    from haystack import connections

    settings.HAYSTACK_CONNECTIONS = {
        "default": {**settings.HAYSTACK_CONNECTIONS["default"], "ENGINE": "search.backends.ArtiqoWhooshEngine"}
    }
    connections.reload("default")
    yield
    connections.reload("default")


@pytest.fixture
def catalogue(site_tree):
    from tests.factories.search import make_search_catalogue

    return make_search_catalogue()
