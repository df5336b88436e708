"""Writes of the recommender: analyse new artwork images, train a model and publish it."""
from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from recommend.engine import BlendWeights, FitConfig
from recommend.models import ArtworkColour
from recommend.selection import candidates_select, selected_fit
from recommend.selectors import artwork_colour_sources, artwork_main_images, training_data_build, vibe_examples
from recommend.store import model_directory, model_publish, model_versions_prune, training_log_append
from storefront.catalogue.colours import UnreadableImage, colour_histogram_from_bytes
from storefront.catalogue.vibe_classifier import (
    VibeEvaluation,
    vibe_classifier_evaluate,
    vibe_classifier_fit,
    vibe_classifier_publish,
)

logger = logging.getLogger(__name__)

# The starting point of every training: the engine's defaults ("today's blend"). Each
# training then holds out its newest orders and serves whichever candidate (this blend,
# item-kNN, RP3beta, a tuned blend, or popularity) scored best on them: recommend/selection.py.
DEFAULT_CONFIG = FitConfig()
DEFAULT_BLEND = BlendWeights()
KEEP_VERSIONS = 3


class TrainingInProgress(RuntimeError):
    """Another process is training into the same directory right now."""


@dataclass(frozen=True)
class ColourRefresh:
    computed: int
    unreadable: int


@dataclass(frozen=True)
class TrainResult:
    version: str
    n_items: int
    n_available: int
    n_users: int
    n_events: int
    colours: ColourRefresh
    read_seconds: float
    fit_seconds: float
    chosen: str  # the candidate served, e.g. "tuned (rp3beta k=50 beta=0.2)" or "popularity"
    reason: str  # why, with the validation figures
    selection_seconds: float


def artwork_colours_refresh(*, batch_size: int = 500) -> ColourRefresh:
    """Compute colour histograms for images not analysed yet (new works, replaced images).

    An unreadable or missing file is recorded with no histogram, so it is not tried again
    on every training, but it is once its image changes.
    """
    known = artwork_colour_sources()
    computed = unreadable = 0
    batch: list[ArtworkColour] = []
    for image in artwork_main_images():
        if known.get(image.product_id) == image.source:
            continue
        try:
            with default_storage.open(image.file_name, "rb") as fh:
                histogram = colour_histogram_from_bytes(fh.read()).round(5).tolist()
            computed += 1
        except (UnreadableImage, OSError):
            histogram = None
            unreadable += 1
        batch.append(ArtworkColour(product_id=image.product_id, source=image.source, histogram=histogram,
                                   computed_at=timezone.now()))
        if len(batch) >= batch_size:
            _colours_save(batch)
            batch = []
    _colours_save(batch)
    return ColourRefresh(computed=computed, unreadable=unreadable)


def _colours_save(batch: list[ArtworkColour]) -> None:
    if not batch:
        return
    # MySQL/MariaDB upsert on any unique key and refuse a named one; SQLite needs it named.
    unique = ["product"] if connection.features.supports_update_conflicts_with_target else None
    ArtworkColour.objects.bulk_create(
        batch, update_conflicts=True, unique_fields=unique, update_fields=["source", "histogram", "computed_at"],
    )


@contextmanager
def _training_lock(directory: Path) -> Iterator[None]:
    """One training per model directory at a time (advisory lock, released if the process dies)."""
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory / ".train.lock", os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise TrainingInProgress(f"another training is running in {directory}") from exc
        yield
    finally:
        os.close(fd)


def recommender_train(
    *,
    config: FitConfig = DEFAULT_CONFIG,
    blend: BlendWeights = DEFAULT_BLEND,
    directory: Path | None = None,
    keep_versions: int = KEEP_VERSIONS,
    max_validation_users: int = 300,
) -> TrainResult:
    """Choose a model on the newest orders held out, refit it on the whole database, make it the one served.

    The model file's metadata records the choice and the validation figures of every
    candidate (against popularity and random). Nothing is swapped unless the fit and both
    files succeed: any exception leaves the current model serving. Old versions beyond
    `keep_versions` are deleted afterwards.
    """
    directory = directory or model_directory()
    with _training_lock(directory):
        started = time.perf_counter()
        colours = artwork_colours_refresh()
        data = training_data_build()
        read_seconds = time.perf_counter() - started
        started = time.perf_counter()
        selection = candidates_select(
            catalogue=data.catalogue, interactions=data.interactions, is_order=data.is_order, config=config,
            default_blend=blend, listed_at=data.listed_at, original_ids=data.original_ids,
            max_users=max_validation_users,
        )
        selection_seconds = time.perf_counter() - started
        started = time.perf_counter()
        model = selected_fit(candidate=selection.chosen, catalogue=data.catalogue, interactions=data.interactions,
                             now=time.time())
        fit_seconds = time.perf_counter() - started
        meta = {
            "trained_at": timezone.now().isoformat(),
            "n_items": model.n_items,
            "n_users": data.n_users,
            "n_events": len(data.interactions),
            "read_seconds": round(read_seconds, 3),
            "fit_seconds": round(fit_seconds, 3),
            "selection_seconds": round(selection_seconds, 3),
            "config": asdict(selection.chosen.config),
            "blend": asdict(selection.chosen.blend),
            "selection": selection.figures(),
        }
        version = model_publish(model=model, available_ids=data.available_ids, meta=meta, directory=directory)
        figures = selection.figures()
        try:
            training_log_append(directory=directory, entry={
                "version": version, "trained_at": meta["trained_at"], "n_events": meta["n_events"],
                "n_users": data.n_users, "n_items": model.n_items, "chosen": figures["chosen"],
                "chosen_label": figures["chosen_label"], "reason": figures["reason"],
                "validated": figures["validated"], "n_validation_users": figures["n_validation_users"],
                "results": {name: figures["results"][name] for name in ("chosen", "popularity", "random")
                            if name in figures["results"]},
            })
        except OSError:
            logger.warning("Could not add to the training log in %s", directory, exc_info=True)
        try:
            model_versions_prune(keep=keep_versions, directory=directory)
        except OSError:
            logger.warning("Could not delete old recommender versions in %s", directory, exc_info=True)
    return TrainResult(
        version=version, n_items=model.n_items, n_available=int(data.available_ids.shape[0]),
        n_users=data.n_users, n_events=len(data.interactions), colours=colours,
        read_seconds=read_seconds, fit_seconds=fit_seconds, chosen=selection.chosen.label, reason=selection.reason,
        selection_seconds=selection_seconds,
    )


@dataclass(frozen=True)
class VibeTrainResult:
    version: str
    n_examples: int
    n_vibes: int
    seconds: float


def vibe_classifier_train(*, directory: Path | None = None) -> VibeTrainResult:
    """Teach the vibe classifier every labelled work and make it the one the studio suggests with.

    Run by `train_recommender` after the recommender (whose colour refresh it reuses);
    NotEnoughExamples with fewer than MIN_EXAMPLES labelled works or a single vibe, and
    then the classifier in use (if any) stays.
    """
    started = time.perf_counter()
    artwork_colours_refresh()  # cheap when the recommender just did it: only new images are read
    examples = vibe_examples()
    classifier = vibe_classifier_fit(examples=examples)
    seconds = time.perf_counter() - started
    n_vibes = len({example.vibe for example in examples})
    version = vibe_classifier_publish(classifier=classifier, directory=directory, meta={
        "trained_at": timezone.now().isoformat(), "n_examples": len(examples), "n_vibes": n_vibes,
        "seconds": round(seconds, 3),
    })
    return VibeTrainResult(version=version, n_examples=len(examples), n_vibes=n_vibes, seconds=seconds)


def vibe_classifier_measure(*, test_share: float = 0.25, seed: int = 0) -> VibeEvaluation:
    """The classifier's accuracy on a held-out stratified part of the labelled works (nothing is published)."""
    artwork_colours_refresh()
    return vibe_classifier_evaluate(examples=vibe_examples(), test_share=test_share, seed=seed)
