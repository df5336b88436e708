"""One index writer at a time across every process: an OS file lock beside the index.

Whoosh raises LockError when two processes open a writer at once; taking this lock
first makes concurrent writers queue up (or step aside) instead of failing.
"""
from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

_held = threading.local()
_POLL_SECONDS = 0.05


def index_lock_path() -> Path:
    """SEARCH_INDEX_LOCK_PATH, else next to the Whoosh index folder (rebuilds delete the folder)."""
    configured = getattr(settings, "SEARCH_INDEX_LOCK_PATH", "")
    if configured:
        return Path(configured)
    index_path = settings.HAYSTACK_CONNECTIONS["default"].get("PATH")
    if index_path:
        return Path(str(index_path).rstrip("/") + ".writer.lock")
    return Path(settings.VAR_DIR) / "search-index.writer.lock"


@contextmanager
def index_writer_lock(*, wait: float = 0.0):
    """Yield True while this thread holds the writer lock, False if not got within `wait` s.

    Re-entrant within a thread, so a rebuild holding the lock can drain the queue.
    """
    if getattr(_held, "depth", 0):
        _held.depth += 1
        try:
            yield True
        finally:
            _held.depth -= 1
        return
    path = index_lock_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(_POLL_SECONDS)
        _held.depth = 1
        try:
            yield True
        finally:
            _held.depth = 0
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
