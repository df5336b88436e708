"""The benchmark shop served over HTTP: its MariaDB database, demo data and gunicorn, shared by
benchmarks/load/run.py (locust) and benchmarks/http_bench.py (wrk and the phone in Chromium).

A shop is a database plus a var folder (media, search index, recommender model, static
files), built once by `manage.py setup_artiqo` with the demo sizes asked for and then
reused: the sizes are written to a stamp file in the var folder, and a later run with the
same sizes skips the build. Only 127.0.0.1 is ever served or loaded.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
STAMP = "shop-built.json"


@dataclass(frozen=True)
class ShopSizes:
    artworks: int
    artists: int
    buyers: int
    orders: int

    @property
    def key(self) -> str:
        """Short and safe in a database name: 10000w_200a_5000b_50000o."""
        return f"{self.artworks}w_{self.artists}a_{self.buyers}b_{self.orders}o"

    def arguments(self) -> list[str]:
        return ["--artworks", str(self.artworks), "--artists", str(self.artists),
                "--buyers", str(self.buyers), "--orders", str(self.orders)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_prepare(url: str, *, fresh: bool) -> None:
    """CREATE DATABASE (utf8mb4_general_ci, see the README) unless it exists; --fresh drops it first."""
    import MySQLdb

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        sys.exit(f"unexpected database name {name!r}")
    connection = MySQLdb.connect(host=parsed.hostname or "127.0.0.1", port=parsed.port or 3306,
                                 user=parsed.username or "root", passwd=parsed.password or "")
    cursor = connection.cursor()
    if fresh:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
    cursor.execute(f"CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci")
    connection.close()


def redis_answers(url: str) -> bool:
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        return True
    except Exception:  # noqa: BLE001  (any failure means: run without Redis)
        return False


def shop_env(*, database_url: str | None, var_dir: Path, settings: str = "artiqo.settings.base",
             **extra: str) -> dict[str, str]:
    """The environment of every process of the shop: DEBUG off, its own database and var folder.

    database_url None: SQLite in var_dir (the settings' default under ARTIQO_VAR_DIR).
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        # A local, benchmark-only secret: never a production one.
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-" + "x" * 40),
        "DEBUG": "false",
        "ARTIQO_VAR_DIR": str(var_dir),
        "WHOOSH_INDEX_PATH": str(var_dir / "whoosh_index"),
        "RECOMMENDER_DIR": str(var_dir / "models"),
        **extra,
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
        env.setdefault("CONN_MAX_AGE", "60")
    return env


def static_collect(env: dict) -> None:
    """The static files of the shop's settings (hashed under production's; make run collects unhashed ones)."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                   check=True)


def shop_build(*, env: dict, var_dir: Path, sizes: ShopSizes | None, database_url: str | None,
               fresh: bool = False, always: bool = False) -> str:
    """Build the shop unless its stamp says it holds these sizes; returns what was done.

    sizes None: setup_artiqo's own default demo (as `make run`). always: run setup_artiqo
    even when the stamp matches (it is idempotent; the load benchmark tops up its buyers).
    """
    var_dir.mkdir(parents=True, exist_ok=True)
    stamp = var_dir / STAMP
    wanted = {"sizes": asdict(sizes) if sizes else "default", "database": database_url or "sqlite"}
    if database_url:
        database_prepare(database_url, fresh=fresh)
    if not (fresh or always) and stamp.exists() and json.loads(stamp.read_text()) == wanted:
        # Reused data, today's code: its migrations and its (hashed) static files, or a page
        # would name a stylesheet the reused shop has never collected.
        started = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
        static_collect(env)
        return f"shop reused ({stamp} matches); migrate and collectstatic: {time.perf_counter() - started:.0f} s"
    stamp.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "setup_artiqo", *(sizes.arguments() if sizes else []), "-v", "0"],
                   cwd=ROOT, env=env, check=True)
    stamp.write_text(json.dumps(wanted))
    return f"setup_artiqo (migrate, demo data, index, recommender, static): {time.perf_counter() - started:.0f} s"


def wait_ready(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn exited while starting; see its log in the output folder")
        try:
            if requests.get(f"{url}/healthz", timeout=15).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    sys.exit("gunicorn did not answer /healthz in time")


@contextmanager
def gunicorn_serving(*, env: dict, log_path: Path, workers: int = 2, port: int | None = None) -> Iterator[str]:
    """gunicorn (sync workers) on 127.0.0.1 until the block ends; gives its base URL.

    Its log (Django logs every 4xx) goes to log_path, not the terminal.
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "artiqo.wsgi:application", "--bind",
                                   f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60",
                                   "--graceful-timeout", "5", "--log-level", "warning"],
                                  cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_ready(url, server)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
