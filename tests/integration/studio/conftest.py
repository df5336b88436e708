"""Studio fixtures: an artist signed in to the pages and to the API."""
import pytest

from tests.factories.api import client_for


@pytest.fixture
def studio(client, artist):
    """The test client, signed in as the shared artist."""
    client.force_login(artist.user)
    return client


@pytest.fixture
def studio_api(artist):
    return client_for(artist.user)


@pytest.fixture
def media_files(settings):
    """Every file under MEDIA_ROOT (relative paths), to prove a refused upload left nothing."""
    from pathlib import Path

    def files() -> list[str]:
        root = Path(settings.MEDIA_ROOT)
        if not root.exists():
            return []
        return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())

    return files
