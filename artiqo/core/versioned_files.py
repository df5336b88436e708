"""Versioned files with a "current" pointer: how trained models are saved, swapped and loaded.

The recommender (recommend.store) and the vibe classifier (storefront.catalogue.vibe_classifier)
keep their trained models the same way, each in a directory of its own:

    <name>-<version>.<ext>   one saved version (written aside, then renamed: never half a file)
    current                  the name of the version in use, replaced with os.replace

A reader sees the old pointer or the new one, and a version is pointed to only once its
files are complete. Each web process loads the current version once (`VersionedLoader`),
checks the pointer's identity (one stat) on every use, and reloads when it changes; a
version that fails to load is logged and the one in use kept until the pointer moves again.
"""
from __future__ import annotations

import logging
import os
import secrets
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

logger = logging.getLogger(__name__)

POINTER_NAME = "current"

T = TypeVar("T")


def version_new() -> str:
    """A new version name: the time (UTC, microseconds, so names sort by age) and a random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)


def file_write_atomically(path: Path, write: Callable[[IO[bytes]], Any]) -> None:
    """`write(file)` into a file beside `path`, synced, then renamed over it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def text_write_atomically(path: Path, text: str) -> None:
    file_write_atomically(path, lambda fh: fh.write(text.encode("utf-8")))


def pointer_write(directory: Path, version: str) -> None:
    """Make `version` the current one of `directory` (after its files are written)."""
    text_write_atomically(directory / POINTER_NAME, version + "\n")


def pointer_read(directory: Path) -> str | None:
    """The version the pointer names; None without a (readable) pointer."""
    try:
        return (directory / POINTER_NAME).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _pointer_key(directory: Path) -> tuple | None:
    try:
        stat = (directory / POINTER_NAME).stat()
    except OSError:  # missing, or a directory we may not read: serve what we have
        return None
    # os.replace gives the pointer a new inode, so a swap is seen even within one mtime tick.
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


@dataclass
class _Slot(Generic[T]):
    pointer_key: tuple | None = None  # identity of the pointer file last looked at
    version: str | None = None
    value: T | None = None


class VersionedLoader(Generic[T]):
    """This process's loaded current version per directory, for one kind of file.

    `load(directory, version)` reads a version from disk (and raises if it cannot); `what`
    names the kind in the log.
    """

    def __init__(self, *, load: Callable[[Path, str], T], what: str):
        self._load = load
        self._what = what
        self._slots: dict[Path, _Slot[T]] = {}
        self._lock = threading.Lock()

    def current(self, directory: Path) -> T | None:
        """The current version's value: None before the first one; reloaded when the pointer changes."""
        directory = Path(directory)
        key = _pointer_key(directory)
        slot = self._slots.get(directory)
        if slot is not None and slot.pointer_key == key:
            return slot.value
        with self._lock:
            slot = self._slots.setdefault(directory, _Slot())
            if slot.pointer_key == key:
                return slot.value
            version = pointer_read(directory) if key is not None else None
            if version is not None and version != slot.version:
                try:
                    slot.value, slot.version = self._load(directory, version), version
                except Exception:
                    logger.exception("Could not load %s %s from %s; keeping the one in use", self._what, version,
                                     directory)
            slot.pointer_key = key
            return slot.value

    def clear(self) -> None:
        """Forget every loaded version in this process (tests; a reload follows on next use)."""
        with self._lock:
            self._slots.clear()
