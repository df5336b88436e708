"""Versioned caching: reads kept in Django's cache until what they show changes.

Each namespace (`CATALOGUE`: artworks, their stock, prices, features, artists, vibes and
the CMS pages that show them) has a version token. Cached values are stored under keys
carrying the token, so one bump makes every page read afresh on its next request, in
every process; the old entries are never read again and age out (or are evicted).

The token lives where every process sees it:

- in the default cache when it is shared (Redis with `REDIS_URL`): one GET per read;
- in a small file under `ARTIQO_CACHE_VERSION_DIR` (default `<ARTIQO_VAR_DIR>/cache-versions`)
  when the cache is local memory, which is per process: every web process of the machine
  reads the same file, so a sale made through one worker is seen by the others.

Tokens are random, never counters: a token lost with an evicted key or a deleted file is
replaced by a new one, never by one that old entries were stored under.

A bump happens at once (so the writing request, and a test inside a transaction, read
afresh) and again after the commit (a reader that read the old data before the commit
may have stored it under the first new token meanwhile).

Within one web request the token is read once and remembered (a page reads a dozen
cached values; each read of the file or of Redis cost as much as the value itself); the
next request reads it again, and a bump made by the request itself replaces it at once.
Remembering can only make a request store under a token older than the current one,
which no later request reads.
"""
from __future__ import annotations

import copy
import hashlib
import os
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction

CATALOGUE = "catalogue"

T = TypeVar("T")

_MISSING = object()

# Tokens read during the current request of this thread (None outside a request).
_request = threading.local()


def _request_begin(**_kwargs) -> None:
    _request.tokens = {}


def _request_end(**_kwargs) -> None:
    _request.tokens = None


request_started.connect(_request_begin, dispatch_uid="artiqo-cache-version-request-begin")
request_finished.connect(_request_end, dispatch_uid="artiqo-cache-version-request-end")


def _remembered() -> dict | None:
    return getattr(_request, "tokens", None)


def _memo_key(name: str) -> tuple:
    # Tests switch the cache or the version folder between requests: part of the key.
    return name, _shared(), settings.ARTIQO_CACHE_VERSION_DIR


def _default_timeout() -> int:
    # Time also changes what the catalogue shows without any event (a feature ends at
    # its end date), so entries live a minute at most by default.
    return settings.ARTIQO_CATALOGUE_CACHE_SECONDS


def _shared() -> bool:
    # Local memory is per process; any other backend (Redis, Memcached) is shared.
    return not isinstance(caches["default"], LocMemCache)


def _version_key(name: str) -> str:
    return f"cache-version:{name}"


def _version_path(name: str) -> Path:
    return Path(settings.ARTIQO_CACHE_VERSION_DIR) / name


def _new_token() -> str:
    return uuid.uuid4().hex[:16]


def _file_write(path: Path, token: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: a reader sees the old token or the new one, never half.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w") as file:
        file.write(token)
    os.replace(temporary, path)


def cache_version_get(*, name: str = CATALOGUE) -> str:
    """The current version token of `name` (made on first use; read once per request)."""
    tokens = _remembered()
    if tokens is not None:
        key = _memo_key(name)
        token = tokens.get(key)
        if token is None:
            token = tokens[key] = _version_read(name)
        return token
    return _version_read(name)


def _version_read(name: str) -> str:
    if _shared():
        token = cache.get(_version_key(name))
        if token is None:
            cache.add(_version_key(name), _new_token(), timeout=None)
            token = cache.get(_version_key(name)) or _new_token()
        return token
    path = _version_path(name)
    try:
        return path.read_text() or _new_token()
    except FileNotFoundError:
        token = _new_token()
        _file_write(path, token)
        return token


def _version_replace(name: str) -> None:
    token = _new_token()
    if _shared():
        cache.set(_version_key(name), token, timeout=None)
    else:
        _file_write(_version_path(name), token)
    tokens = _remembered()
    if tokens is not None:
        tokens[_memo_key(name)] = token


def cache_version_bump(*, name: str = CATALOGUE) -> None:
    """What `name` covers changed: every versioned entry of it is stale from now on."""
    _version_replace(name)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _version_replace(name), robust=True)


def versioned_key(*parts: Any, name: str = CATALOGUE) -> str:
    """A cache key for `parts` under the current version of `name` (hashed: any text is safe)."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"v:{name}:{cache_version_get(name=name)}:{digest}"


def versioned_get_or_set(*parts: Any, compute: Callable[[], T], name: str = CATALOGUE,
                         timeout: int | None = None) -> T:
    """`compute()`, kept under `parts` until `name` changes (or `timeout` seconds pass)."""
    key = versioned_key(*parts, name=name)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, _default_timeout() if timeout is None else timeout)
    return value


# Per process: versioned key -> (stamp, unpickled instance), for versioned_instance_get_or_set.
_instances: dict[str, tuple[str, Any]] = {}
_INSTANCES_MAX = 512


def _instance_copy(instance):
    # A copy for one request: attributes it sets (an artwork's `reserved_until`) and
    # relations it prefetches stay its own; the related rows it reads are shared.
    if instance is None:
        return None
    clone = copy.copy(instance)
    if "_prefetched_objects_cache" in instance.__dict__:
        clone._prefetched_objects_cache = dict(instance._prefetched_objects_cache)
    return clone


def versioned_instance_get_or_set(*parts: Any, compute: Callable[[], T], name: str = CATALOGUE,
                                  timeout: int | None = None) -> T:
    """versioned_get_or_set for a model instance (or None), without unpickling it on every read.

    Unpickling an artwork with its relations was the biggest single cost of its warm page
    (~0.12 ms, 8 model instances). The cache keeps a small random stamp beside the value;
    this process keeps the instance it unpickled with the stamp it came with, and uses it
    while the cache holds the same stamp. So an entry that expired, was evicted, cleared or
    replaced is read again exactly when versioned_get_or_set would read it again, and a
    version bump, which changes the key, too. Each caller gets its own copy.
    """
    key = versioned_key(*parts, name=name)
    stamp_key = f"{key}:stamp"
    stamp = cache.get(stamp_key)
    kept = _instances.get(key) if stamp is not None else None
    if kept is not None and kept[0] == stamp:
        return _instance_copy(kept[1])
    value = cache.get(key, _MISSING) if stamp is not None else _MISSING
    if value is _MISSING:
        value, stamp = compute(), _new_token()
        cache.set_many({key: value, stamp_key: stamp}, _default_timeout() if timeout is None else timeout)
    if len(_instances) >= _INSTANCES_MAX:
        _instances.clear()  # entries of older versions are never read again: start afresh
    _instances[key] = (stamp, value)
    return _instance_copy(value)

