"""Shared fixtures: isolated media and index folders, the Wagtail site tree, users."""
import pytest

from tests.factories.catalogue import PASSWORD, make_artist, make_artwork, make_buyer, make_vibe


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Each test writes media, mail and the search index under its own folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    settings.HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
            "PATH": str(tmp_path / "whoosh"),
            "INCLUDE_SPELLING": True,
        }
    }
    from haystack import connections

    connections.reload("default")
    yield
    connections.reload("default")


@pytest.fixture
def site_tree(db):
    from storefront.cms.services import site_tree_ensure

    return site_tree_ensure()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def buyer(db):
    return make_buyer()


@pytest.fixture
def other_buyer(db):
    return make_buyer()


@pytest.fixture
def admin_user(db):
    return make_buyer("admin", is_staff=True, is_superuser=True)


@pytest.fixture
def vibe(db):
    return make_vibe("calm")


@pytest.fixture
def artist(site_tree, vibe):
    return make_artist("Mira Solberg", vibe=vibe, location="Bergen")


@pytest.fixture
def other_artist(site_tree, vibe):
    return make_artist("Tomas Lindqvist", vibe=vibe)


@pytest.fixture
def artwork(artist, vibe):
    return make_artwork(artist, title="Harbour at Dusk", vibe=vibe, medium="watercolour")
