"""Browser fixtures: Debian's Chromium driven by Playwright against the live test server.

Every page a journey opens is watched: a console error, an uncaught script error or a
Content-Security-Policy violation fails the test. `checkpoint` screenshots a key screen at
desktop and phone width (into var/e2e-screenshots/<journey>/) and fails when the phone
layout scrolls sideways.
"""
import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are ordinary blocking calls, so Django's async guard is lifted.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ARTIQO_E2E_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("ARTIQO_E2E_SCREENSHOTS",
                                  Path(__file__).resolve().parents[2] / "var" / "e2e-screenshots"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


@pytest.fixture(scope="session")
def _migrated_rows(django_db_setup, django_db_blocker):
    """The rows migrations made (the Wagtail root page...), as serialized rollback keeps them."""
    from django.db import connection

    with django_db_blocker.unblock():
        return getattr(connection, "_test_serialized_contents", None) or connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _restore_migrated_rows(_migrated_rows):
    # Once Playwright's sync API is running, Django's (context-local) connection in the test
    # can be an object without the serialized rows that `serialized_rollback` restores
    # before each test — then the second test found no Wagtail root page; give them back.
    from django.db import connection

    if not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = _migrated_rows


# Package scope: Playwright's sync API keeps an event loop running in this thread while it
# is open, and Django's context-local connections then differ from the ones later tests
# see (a forked process in the search tests found no rows). It stops with the journeys.
@pytest.fixture(scope="package")
def browser(_migrated_rows):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/system-deps.sh installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


class Watch:
    """What went wrong in the browser: console errors, page errors, CSP violations."""

    def __init__(self):
        self.problems: list[str] = []

    def attach(self, page):
        page.on("console", lambda msg: msg.type == "error" and self.problems.append(
            f"console: {msg.text} ({msg.location.get('url')})"))
        page.on("response", lambda response: response.status >= 400 and response.request.resource_type != "document"
                and self.problems.append(f"{response.status}: {response.url}"))
        page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))
        return page


@pytest.fixture
def open_page(browser, live_server, request):
    """Opens a fresh browser context (its own cookies) at desktop size on the live server."""
    from django.core.cache import cache

    # Thumbnail names and throttle counters live in the cache; the previous test's media
    # folder and database are gone.
    cache.clear()
    contexts, watch = [], Watch()

    def _open():
        context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return watch.attach(context.new_page())

    yield _open
    if getattr(request.node, "e2e_failed", False):
        # What each browser showed when the test failed, next to the journey's screenshots.
        folder = SCREENSHOTS / "failed" / re.sub(r"[^\w.-]+", "-", request.node.name)
        folder.mkdir(parents=True, exist_ok=True)
        for n, context in enumerate(contexts):
            for page in context.pages:
                page.screenshot(path=str(folder / f"browser-{n}.png"), full_page=True)
                (folder / f"browser-{n}.html").write_text(page.content())
    for context in contexts:
        context.close()
    assert not watch.problems, "\n".join(watch.problems)


@pytest.fixture
def page(open_page):
    return open_page()


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


# The elements sticking out on the right, so a failure says what to fix.
_WIDE_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && el.getBoundingClientRect().width > 0)
    .slice(0, 8)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().width)}px)`);
}"""


@pytest.fixture(scope="session")
def _screenshot_root():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def checkpoint(request, _screenshot_root):
    """`checkpoint(page, "step")`: screenshots at desktop and phone width, no sideways scroll."""
    journey = re.sub(r"^test_", "", request.node.name)
    folder = _screenshot_root / re.sub(r"[^\w.-]+", "-", journey)
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def _checkpoint(page, step: str):
        n = next(counter)
        size = page.viewport_size
        try:
            # Both widths whatever the journey's own: a phone journey's "desktop" shot was 390 px.
            page.set_viewport_size(DESKTOP)
            page.screenshot(path=str(folder / f"{n:02d}-{step}-desktop.png"), full_page=True)
            page.set_viewport_size(PHONE)
            page.screenshot(path=str(folder / f"{n:02d}-{step}-phone.png"), full_page=True)
            overflow = _overflow(page)
            assert overflow <= 0, (f"{step}: the page is {overflow}px wider than a phone screen ({page.url}): "
                                   f"{page.evaluate(_WIDE_ELEMENTS)}")
        finally:
            page.set_viewport_size(size)

    return _checkpoint
