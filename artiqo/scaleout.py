"""Settings builders for running Artiqo on more than one machine.

Each builder turns environment values into a Django settings fragment: the database
(primary and read replicas), a shared Redis cache and media on S3-compatible object
storage. Settings call them only when the matching variable is set, so the embedded
defaults (`make run`: SQLite, local-memory cache, files under var/) stay as they are.
See docs/deployment.md.
"""
from __future__ import annotations

from pathlib import Path

import dj_database_url

PRIMARY = "default"


def database_from_url(url: str, *, conn_max_age: int) -> dict:
    """One DATABASES entry from a URL, with the options Artiqo needs on each engine."""
    database = dj_database_url.parse(url, conn_max_age=conn_max_age)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers and the single writer work side by side; the busy timeout makes a
        # writer wait for the lock instead of failing with "database is locked".
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif database["ENGINE"] == "django.db.backends.mysql":
        database["OPTIONS"] = {
            "charset": "utf8mb4",
            "isolation_level": "read committed",
            "init_command": "SET sql_mode='STRICT_TRANS_TABLES'",
        }
        # utf8mb4_unicode_ci breaks wagtailcore.0075 ("Illegal mix of collations") on MariaDB.
        database["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_general_ci"}
    return database


def replica_databases(urls: list[str], *, conn_max_age: int) -> dict[str, dict]:
    """`replica1`, `replica2`, ... from DATABASE_REPLICA_URLS.

    In tests each replica mirrors the primary (Django points it at the test database),
    so a suite run with replicas configured still sees its own rows.
    """
    replicas = {}
    for number, url in enumerate(urls, start=1):
        database = database_from_url(url, conn_max_age=conn_max_age)
        database.setdefault("TEST", {})["MIRROR"] = PRIMARY
        replicas[f"replica{number}"] = database
    return replicas


def redis_caches(url: str, *, key_prefix: str) -> dict:
    """Django's built-in Redis cache as the default cache, shared by every app process.

    Throttle counters, cached sessions, sorl's thumbnail store and anything else in the
    default cache then hold across processes and machines.
    """
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "TIMEOUT": 300,
        }
    }


def s3_storage(*, bucket: str, region: str, endpoint_url: str, custom_domain: str, location: str,
               querystring_auth: bool) -> dict:
    """django-storages' S3 backend for uploaded media (artwork pictures, CMS images).

    Credentials are not settings: boto3 reads them from its usual places (AWS_ACCESS_KEY_ID
    and AWS_SECRET_ACCESS_KEY, a profile, or the instance role), so they never sit in
    Django's settings or its error pages.
    """
    options = {
        "bucket_name": bucket,
        "location": location,
        # Never overwrite: two uploads of "photo.jpg" get two names, as on the file system.
        "file_overwrite": False,
        "querystring_auth": querystring_auth,
        # An upload never changes under its name (see file_overwrite), so caches may keep it.
        "object_parameters": {"CacheControl": "max-age=31536000, immutable"},
    }
    if region:
        options["region_name"] = region
    if endpoint_url:
        options["endpoint_url"] = endpoint_url
    if custom_domain:
        options["custom_domain"] = custom_domain
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
