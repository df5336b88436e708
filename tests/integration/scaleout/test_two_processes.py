"""Two app processes sharing one MariaDB and one Redis behave as one shop.

Starts two gunicorn servers on 127.0.0.1 with the same settings, the test database (also
as their read replica, so the replica router runs) and a Redis database of their own
(REDIS_URL), then uses them as a buyer whose requests a
load balancer spreads over both: a login, a cart, a login lock-out and the sign-up
throttle made through one are seen by the other. Needs Redis at 127.0.0.1:6379
(ARTIQO_TEST_REDIS_URL to use another); .ci/run starts it.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.db import connection

from tests.factories.catalogue import PASSWORD, make_artwork, make_buyer

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("ARTIQO_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")

pytestmark = [
    pytest.mark.mysql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    """The test database the pytest process made, as a DATABASE_URL for the servers."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "root") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"mysql://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 3306}/{db['NAME']}"


def _redis_reachable(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis is needed at {url} for this test (start it: see .ci/run): {exc}")


class Server:
    """One gunicorn process of the shop on its own port."""

    def __init__(self, name: str, env: dict, log_dir: Path):
        self.name, self.port = name, _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_dir / f"gunicorn-{name}.log", "w+")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "artiqo.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "1", "--timeout", "60", "--graceful-timeout", "2"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if requests.get(f"{self.url}/healthz", timeout=15).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        self.log.seek(0)
        pytest.fail(f"server {self.name} did not start:\n{self.log.read()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="module")
def shop(django_db_setup, django_db_blocker):
    """Servers A and B: same settings, same database, same Redis (a key prefix of their own)."""
    _redis_reachable(REDIS_URL)
    with django_db_blocker.unblock():
        database_url = _database_url()
    key_prefix = f"artiqo-test-{uuid.uuid4().hex[:12]}"
    log_dir = Path(tempfile.mkdtemp(prefix="artiqo-two-processes-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "artiqo.settings.test",
        "DATABASE_URL": database_url,
        # The read-replica router at work too: its "replica" is the primary itself (no lag).
        "DATABASE_REPLICA_URLS": database_url,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": key_prefix,
        "ARTIQO_VAR_DIR": str(log_dir / "var"),
        "ARTIQO_REGISTER_RATE": "3/hour",
        "DEBUG": "false",
    }
    servers = {}
    try:
        for name in ("A", "B"):
            servers[name] = Server(name, env, log_dir)
        deadline = time.monotonic() + 90
        for server in servers.values():
            server.wait_ready(deadline)
        yield {**servers, "cache_key_prefix": key_prefix}
    finally:
        for server in servers.values():
            server.stop()
        servers_cache_clear(key_prefix)


def servers_cache_clear(key_prefix: str) -> None:
    """Empty the servers' shared cache (their keys in Redis)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{key_prefix}:*"):
        client.delete(key)


@pytest.fixture(autouse=True)
def servers_cache_cold(shop):
    # Each test starts on a flushed database whose ids start again, which no signal tells
    # the servers: a page they cached in the test before would show the works of a
    # database that no longer exists. In production rows are never wiped behind the
    # shop's back, so this is the tests' own bookkeeping, not a gap in the cache.
    servers_cache_clear(shop["cache_key_prefix"])


def _web_login(http: requests.Session, server: Server, *, username: str, password: str) -> requests.Response:
    """Log in through the shop's login page, as a browser does (CSRF token included)."""
    page = http.get(f"{server.url}/shop/accounts/login/", timeout=20)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return http.post(f"{server.url}/shop/accounts/login/", timeout=20, allow_redirects=False,
                     data={"csrfmiddlewaretoken": token, "login-username": username, "login-password": password,
                           "login_submit": "Log in"})


def _api_login(server: Server, *, username: str, password: str) -> requests.Response:
    return requests.post(f"{server.url}/api/v1/users/login", json={"username": username, "password": password},
                         timeout=20)


def test_a_login_made_through_one_process_is_a_login_on_the_other(shop):
    buyer = make_buyer("mira", first_name="Mira")
    browser = requests.Session()

    logged_in = _web_login(browser, shop["A"], username=buyer.email, password=PASSWORD)
    assert logged_in.status_code == 302, logged_in.text[:500]

    account = browser.get(f"{shop['B'].url}/shop/accounts/profile/", timeout=20, allow_redirects=False)
    assert account.status_code == 200
    assert buyer.email in account.text

    # Logging out through B ends the session on A too.
    browser.get(f"{shop['B'].url}/shop/accounts/logout/", timeout=20)
    signed_out = browser.get(f"{shop['A'].url}/shop/accounts/profile/", timeout=20, allow_redirects=False)
    assert signed_out.status_code == 302 and "/login/" in signed_out.headers["Location"]


def test_a_cart_filled_through_one_process_is_seen_through_the_other(shop, artist):
    buyer = make_buyer()
    artwork = make_artwork(artist, title="Harbour at Dusk")
    token = _api_login(shop["A"], username=buyer.username, password=PASSWORD).json()["token"]
    auth = {"Authorization": f"Token {token}"}

    added = requests.post(f"{shop['A'].url}/api/v1/cart/{buyer.pk}/add", json={"product_id": artwork.pk},
                          headers=auth, timeout=20)
    assert added.status_code == 201, added.text

    cart = requests.get(f"{shop['B'].url}/api/v1/cart/{buyer.pk}", headers=auth, timeout=20).json()
    assert [line["title"] for line in cart["lines"]] == ["Harbour at Dusk"]

    browser = requests.Session()
    assert _web_login(browser, shop["B"], username=buyer.email, password=PASSWORD).status_code == 302
    assert "Harbour at Dusk" in browser.get(f"{shop['A'].url}/shop/basket/", timeout=20).text


def test_a_login_lockout_counted_on_one_process_holds_on_the_other(shop, settings):
    buyer = make_buyer()
    failures = settings.ARTIQO_LOGIN_MAX_FAILURES
    answers = [_api_login(shop["A" if attempt % 2 else "B"], username=buyer.username, password="wrong").status_code
               for attempt in range(failures)]
    # The failures through both processes add up to one count: the last one locks.
    assert answers == [401] * (failures - 1) + [429]

    for name in ("A", "B"):
        refused = _api_login(shop[name], username=buyer.username, password=PASSWORD)
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) > 0


def test_the_sign_up_throttle_counts_sign_ups_through_both_processes(shop):
    def register(name: str, n: int) -> int:
        user = f"newcomer{uuid.uuid4().hex[:8]}{n}"
        return requests.post(f"{shop[name].url}/api/v1/users/register", timeout=20,
                             json={"username": user, "email": f"{user}@example.com", "password": PASSWORD,
                                   "first_name": "Newcomer"}).status_code

    # 3 an hour per address (ARTIQO_REGISTER_RATE), counted in the shared Redis.
    assert [register(name, n) for n, name in enumerate("ABA")] == [201, 201, 201]
    assert register("B", 4) == 429


def test_a_price_change_and_a_withdrawal_through_one_process_show_on_the_other(shop, artist):
    # Pages keep their lists in the shared cache under the catalogue's version
    # (artiqo.core.cache): a change made through A bumps it in Redis, so B's next
    # request reads afresh, though B had the page cached a moment before.
    artwork = make_artwork(artist, title="Cliffs in the Rain", price=Decimal("120.00"))
    # The artwork page too, which is kept whole for visitors (artiqo.core.pages).
    pages = ("/shop/catalogue/", artwork.get_absolute_url(), "/api/v1/products/products",
             f"/api/v1/products/{artwork.pk}")
    for server in (shop["A"], shop["B"]):
        for page in pages:
            for _ in range(2):  # the second answer comes from the cache
                answer = requests.get(f"{server.url}{page}", timeout=20)
                assert answer.status_code == 200 and "Cliffs in the Rain" in answer.text, (server.name, page)
                assert "345.00" not in answer.text  # not "345": a random nonce or token may hold it
    token = _api_login(shop["A"], username=artist.user.username, password=PASSWORD).json()["token"]
    auth = {"Authorization": f"Token {token}"}

    changed = requests.patch(f"{shop['A'].url}/api/v1/studio/artworks/{artwork.pk}", json={"price": "345.00"},
                             headers=auth, timeout=20)
    assert changed.status_code == 200, changed.text
    for page in pages:
        assert "345.00" in requests.get(f"{shop['B'].url}{page}", timeout=20).text, page

    withdrawn = requests.delete(f"{shop['A'].url}/api/v1/studio/artworks/{artwork.pk}", headers=auth, timeout=20)
    assert withdrawn.status_code == 204, withdrawn.text
    assert "Cliffs in the Rain" not in requests.get(f"{shop['B'].url}/shop/catalogue/", timeout=20).text
    assert requests.get(f"{shop['B'].url}/api/v1/products/{artwork.pk}", timeout=20).status_code == 404
    assert requests.get(f"{shop['B'].url}{artwork.get_absolute_url()}", timeout=20).status_code == 404
