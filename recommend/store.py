"""The model files on disk: versioned saves, an atomically swapped "current" pointer, per-process loading.

Layout of settings.RECOMMENDER_DIR:

    model-<version>.npz    the engine's arrays (engine.Model.save, written atomically)
    model-<version>.json   what serving needs besides them: the works for sale at training
                           time, and figures about the run
    current                the name of the version being served, replaced with os.replace

A reader sees the old pointer or the new one, never a half-written file, and a version
is only pointed to once both of its files are complete. A web process loads the current
model once, checks the pointer's identity (one stat) on each use, and reloads when it
changes; if the new files cannot be loaded it logs and keeps serving what it has.
"""
from __future__ import annotations

import json
import logging
import os
import secrets
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from django.conf import settings

from recommend.engine import Model, popular_for_user

logger = logging.getLogger(__name__)

POINTER_NAME = "current"
# Popular works kept ready per loaded model: enough to fill any list after filtering.
POPULAR_POOL = 300


@dataclass(frozen=True)
class ServedModel:
    """A loaded model version with what serving derives from it once."""

    version: str
    model: Model
    meta: dict
    available_ids: np.ndarray  # for sale when the model was trained (sorted)
    popular_ids: np.ndarray  # most popular of those, best first, no artist cap
    artist_of: dict[int, int]  # artwork id -> artist id, for the per-artist cap before any query


def model_directory() -> Path:
    return Path(settings.RECOMMENDER_DIR)


def _paths(directory: Path, version: str) -> tuple[Path, Path]:
    return directory / f"model-{version}.npz", directory / f"model-{version}.json"


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def model_publish(*, model: Model, available_ids: np.ndarray, meta: dict, directory: Path | None = None) -> str:
    """Save a new version and make it current; returns the version name.

    Versions sort by time of training (UTC, microseconds) so the newest is the last name.
    """
    directory = directory or model_directory()
    directory.mkdir(parents=True, exist_ok=True)
    version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)
    model_path, meta_path = _paths(directory, version)
    model.save(model_path)
    payload = {**meta, "version": version, "available_ids": np.asarray(available_ids, dtype=np.int64).tolist()}
    _write_atomically(meta_path, json.dumps(payload))
    _write_atomically(directory / POINTER_NAME, version + "\n")
    return version


def model_versions_prune(*, keep: int, directory: Path | None = None) -> list[str]:
    """Delete all but the newest `keep` versions (never the current one); returns those deleted."""
    directory = directory or model_directory()
    current = current_version(directory=directory)
    versions = sorted({path.name[len("model-"):].rsplit(".", 1)[0] for path in directory.glob("model-*.*")})
    deleted = []
    for version in versions[: max(len(versions) - keep, 0)]:
        if version == current:
            continue
        for path in _paths(directory, version):
            path.unlink(missing_ok=True)
        deleted.append(version)
    return deleted


def current_version(*, directory: Path | None = None) -> str | None:
    """The version the pointer names; None without a (readable) pointer."""
    try:
        return ((directory or model_directory()) / POINTER_NAME).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def model_load(*, version: str, directory: Path | None = None) -> ServedModel:
    """Read one version from disk (raises if its files are missing or damaged)."""
    model_path, meta_path = _paths(directory or model_directory(), version)
    model = Model.load(model_path)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    available_ids = np.unique(np.asarray(meta.pop("available_ids", []), dtype=np.int64))
    popular = popular_for_user(model, available_ids=available_ids, n=POPULAR_POOL, max_per_artist=None)
    return ServedModel(
        version=version,
        model=model,
        meta=meta,
        available_ids=available_ids,
        popular_ids=np.array([pick.item_id for pick in popular], dtype=np.int64),
        artist_of=dict(zip(model.item_ids.tolist(), model.artist_ids[model.item_artist].tolist())),
    )


@dataclass
class _Slot:
    pointer_key: tuple | None = None  # identity of the pointer file last looked at
    served: ServedModel | None = None


_slots: dict[Path, _Slot] = {}
_lock = threading.Lock()


def _pointer_key(directory: Path) -> tuple | None:
    try:
        stat = (directory / POINTER_NAME).stat()
    except OSError:  # missing, or a directory we may not read: serve what we have
        return None
    # os.replace gives the pointer a new inode, so a swap is seen even within one mtime tick.
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def model_current(*, directory: Path | None = None) -> ServedModel | None:
    """The model this process serves: loaded once, reloaded when the pointer changes.

    None before the first training. A version that fails to load is logged and skipped
    (the previous one keeps serving) until the pointer changes again.
    """
    directory = Path(directory or model_directory())
    key = _pointer_key(directory)
    slot = _slots.get(directory)
    if slot is not None and slot.pointer_key == key:
        return slot.served
    with _lock:
        slot = _slots.setdefault(directory, _Slot())
        if slot.pointer_key == key:
            return slot.served
        version = current_version(directory=directory) if key is not None else None
        if version is not None and (slot.served is None or slot.served.version != version):
            try:
                slot.served = model_load(version=version, directory=directory)
            except Exception:
                logger.exception("Could not load recommender model %s from %s; keeping the one in use", version,
                                 directory)
        slot.pointer_key = key
        return slot.served


def model_cache_clear() -> None:
    """Forget every loaded model in this process (tests; a reload follows on next use)."""
    with _lock:
        _slots.clear()


TRAINING_LOG = "trainings.jsonl"
TRAINING_LOG_KEEP = 200  # lines kept: months of nightly trainings, a few KiB each


def training_log_append(*, entry: dict, directory: Path | None = None) -> None:
    """Add one training's summary to the log the CMS report reads (newest last; old lines dropped).

    Model versions are pruned to a few; this log keeps the history of choices and figures.
    """
    path = (directory or model_directory()) / TRAINING_LOG
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [*lines, json.dumps(entry, sort_keys=True)][-TRAINING_LOG_KEEP:]
    _write_atomically(path, "\n".join(lines) + "\n")


def trainings_recent(*, limit: int = 30, directory: Path | None = None) -> list[dict]:
    """The last `limit` trainings' summaries, newest first (unreadable lines skipped)."""
    path = (directory or model_directory()) / TRAINING_LOG
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    entries = []
    for line in reversed(lines):
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue
        if len(entries) >= limit:
            break
    return entries
