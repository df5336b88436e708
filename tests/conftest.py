"""Shared fixtures: isolated media and index folders, the Wagtail site tree, users."""
import os
from pathlib import Path

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
    # Pages keep versioned parts in the cache (artiqo.core.cache): each test starts cold,
    # whatever the tests before it showed.
    from django.core.cache import cache

    cache.clear()
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


@pytest.fixture
def api_client(db):
    """A REST framework test client; the cache (throttle counters) starts empty."""
    from django.core.cache import cache
    from rest_framework.test import APIClient

    cache.clear()
    return APIClient()


@pytest.fixture
def fake_stripe(settings):
    """A local fake Stripe API (tests/fakes/stripe_server.py) that the real `stripe` library talks to."""
    from tests.fakes.stripe_server import FakeStripe

    fake = FakeStripe(hang_seconds=2.5).start()
    settings.ARTIQO_PAYMENTS = "stripe"
    settings.STRIPE_SECRET_KEY = "sk_test_artiqo_fake"
    settings.STRIPE_API_BASE = fake.url
    settings.STRIPE_WEBHOOK_SECRET = "whsec_artiqo_fake"
    settings.STRIPE_TIMEOUT_SECONDS = 1
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    yield fake
    fake.stop()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 (tests/fakes/smtp_server.py), and Django's SMTP backend aimed at it.

    Set `smtp_server.handler.refuse_times` / `refuse_recipients` to make it refuse first.
    """
    from tests.fakes.smtp_server import SmtpServer

    server = SmtpServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    yield server
    server.stop()


@pytest.fixture
def storefront_catalogue(site_tree):
    """A small shop for the storefront page tests (tests/factories/storefront.py)."""
    from tests.factories.storefront import make_storefront_catalogue

    return make_storefront_catalogue()


# Tests that check pages, browsers or the API's shape rather than the database: CI runs
# its two databases side by side (.ci/run sets ARTIQO_CI_RUN) and gives each of these to
# one of them only, to balance the two runs; `make test` and any other run take them all.
# Browser journeys and the one upgrade migration run where production runs, on MariaDB;
# the page walker (it walks pages, not rows) and the API fuzzer on SQLite.
TESTS = Path(__file__).resolve().parent
ONE_CI_RUN = {
    "e2e/test_every_page.py": "sqlite",
    "e2e/test_every_page_routes.py": "sqlite",
    "integration/api/test_fuzz.py": "sqlite",
    "e2e/": "mariadb",
    "integration/billing/test_charge_migration.py": "mariadb",
}


def _ci_run_of(item) -> str | None:
    path = Path(str(item.fspath)).relative_to(TESTS).as_posix()
    return next((run for prefix, run in ONE_CI_RUN.items() if path.startswith(prefix)), None)


def pytest_collection_modifyitems(config, items):
    """Skip `mysql`-marked tests before their database set-up when not on MySQL/MariaDB.

    Skipping inside the test is too late: a transactional test's serialized-rollback
    set-up already ran, and on SQLite it collides with the content types it reloads.
    In CI, leave out the tests that the other database's run takes (ONE_CI_RUN).
    """
    from django.conf import settings

    ci_run = os.environ.get("ARTIQO_CI_RUN")
    if ci_run:
        runs = [(item, _ci_run_of(item)) for item in items]
        config.hook.pytest_deselected(items=[item for item, run in runs if run not in (None, ci_run)])
        items[:] = [item for item, run in runs if run in (None, ci_run)]
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
        return
    skip = pytest.mark.skip(reason="needs MySQL/MariaDB: row locks and real concurrency")
    for item in items:
        if item.get_closest_marker("mysql"):
            item.add_marker(skip)
