"""The model files on disk: versioned saves, an atomically swapped "current" pointer, per-process loading.

Layout of settings.RECOMMENDER_DIR:

    model-<version>.npz    the engine's arrays (engine.Model.save, written atomically)
    model-<version>.json   what serving needs besides them: the works for sale at training
                           time, and figures about the run
    current                the name of the version being served, replaced with os.replace

A reader sees the old pointer or the new one, never a half-written file, and a version
is only pointed to once both of its files are complete. A web process loads the current
model once, checks the pointer's identity (one stat) on each use, and reloads when it
changes; if the new files cannot be loaded it logs and keeps serving what it has. The
vibe classifier keeps its files the same way: both use artiqo.core.versioned_files.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

from artiqo.core.versioned_files import (
    VersionedLoader,
    pointer_read,
    pointer_write,
    text_write_atomically,
    version_new,
)
from recommend.engine import Model, popular_for_user

logger = logging.getLogger(__name__)

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


def model_publish(*, model: Model, available_ids: np.ndarray, meta: dict, directory: Path | None = None) -> str:
    """Save a new version and make it current; returns the version name.

    Versions sort by time of training (UTC, microseconds) so the newest is the last name.
    """
    directory = directory or model_directory()
    directory.mkdir(parents=True, exist_ok=True)
    version = version_new()
    model_path, meta_path = _paths(directory, version)
    model.save(model_path)
    payload = {**meta, "version": version, "available_ids": np.asarray(available_ids, dtype=np.int64).tolist()}
    text_write_atomically(meta_path, json.dumps(payload))
    pointer_write(directory, version)
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
    return pointer_read(directory or model_directory())


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


_loaded = VersionedLoader(load=lambda directory, version: model_load(version=version, directory=directory),
                          what="recommender model")


def model_current(*, directory: Path | None = None) -> ServedModel | None:
    """The model this process serves: loaded once, reloaded when the pointer changes.

    None before the first training. A version that fails to load is logged and skipped
    (the previous one keeps serving) until the pointer changes again.
    """
    return _loaded.current(directory or model_directory())


def model_cache_clear() -> None:
    """Forget every loaded model in this process (tests; a reload follows on next use)."""
    _loaded.clear()


TRAINING_LOG = "trainings.jsonl"
TRAINING_LOG_KEEP = 200  # lines kept: months of nightly trainings, a few KiB each


def training_log_append(*, entry: dict, directory: Path | None = None) -> None:
    """Add one training's summary to the log the CMS report reads (newest last; old lines dropped).

    Model versions are pruned to a few; this log keeps the history of choices and figures.
    """
    path = (directory or model_directory()) / TRAINING_LOG
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [*lines, json.dumps(entry, sort_keys=True)][-TRAINING_LOG_KEEP:]
    text_write_atomically(path, "\n".join(lines) + "\n")


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
