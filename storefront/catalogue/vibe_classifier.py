"""The vibe classifier: guesses a work's vibe from its image's colours and its title and description.

A scikit-learn pipeline: the 16-bin colour histogram of the main image
(storefront.catalogue.colours), scaled, next to the TF-IDF of the title and description,
into a multinomial logistic regression. It learns from the catalogue's works that have
a vibe, at the same moments as the recommender (`manage.py train_recommender`), and is
stored beside it under RECOMMENDER_DIR/vibe the same way: versioned files, a "current"
pointer swapped atomically, loaded once per process and reloaded when the pointer changes.

Each work is learnt twice, once with its text and once without, so a picture alone
(the studio asks before the artist has typed anything) still gets a sensible guess.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import joblib
import numpy as np
from django.conf import settings
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from artiqo.core.versioned_files import VersionedLoader, file_write_atomically, pointer_write, version_new

logger = logging.getLogger(__name__)

KEEP_VERSIONS = 3
MIN_EXAMPLES = 10  # fewer labelled works than this teach nothing worth suggesting


class NotEnoughExamples(ValueError):
    """Too few labelled works (or a single vibe) to learn from."""


@dataclass(frozen=True)
class VibeExample:
    """One labelled work as the classifier sees it (vibe is a Vibe slug; "" when unknown)."""

    text: str
    histogram: tuple[float, ...]
    vibe: str = ""


@dataclass(frozen=True)
class VibeGuess:
    slug: str
    confidence: float  # the classifier's probability for it, 0..1


def _texts(rows: np.ndarray) -> list[str]:
    return [str(text) for text in rows[:, 0]]


def _histograms(rows: np.ndarray) -> np.ndarray:
    return np.array([list(histogram) for histogram in rows[:, 1]], dtype=np.float64)


def _rows(examples: list[VibeExample]) -> np.ndarray:
    rows = np.empty((len(examples), 2), dtype=object)
    for i, example in enumerate(examples):
        rows[i, 0], rows[i, 1] = example.text, example.histogram
    return rows


def vibe_pipeline() -> Pipeline:
    """The untrained pipeline (module-level functions only, so joblib can store it)."""
    features = FeatureUnion([
        ("text", make_pipeline(FunctionTransformer(_texts),
                               TfidfVectorizer(sublinear_tf=True, max_features=5_000))),
        ("colours", make_pipeline(FunctionTransformer(_histograms), StandardScaler())),
    ], transformer_weights={"text": 3.0, "colours": 1.0})
    return Pipeline([("features", features), ("classify", LogisticRegression(max_iter=2000, C=1.0))])


def _with_image_only_copies(examples: list[VibeExample]) -> list[VibeExample]:
    return [*examples, *(VibeExample(text="", histogram=e.histogram, vibe=e.vibe) for e in examples if e.text)]


def _check_enough(examples: list[VibeExample]) -> None:
    vibes = {example.vibe for example in examples}
    if len(examples) < MIN_EXAMPLES or len(vibes) < 2:
        raise NotEnoughExamples(f"{len(examples)} labelled works in {len(vibes)} vibes "
                                f"(at least {MIN_EXAMPLES} works in 2 vibes are needed)")


def vibe_classifier_fit(*, examples: list[VibeExample]) -> Pipeline:
    """A pipeline trained on these labelled works (NotEnoughExamples below MIN_EXAMPLES or one vibe)."""
    _check_enough(examples)
    training = _with_image_only_copies(examples)
    return vibe_pipeline().fit(_rows(training), [example.vibe for example in training])


def vibe_guess(*, classifier: Pipeline, example: VibeExample) -> VibeGuess:
    probabilities = classifier.predict_proba(_rows([example]))[0]
    best = int(np.argmax(probabilities))
    return VibeGuess(slug=str(classifier.classes_[best]), confidence=round(float(probabilities[best]), 2))


@dataclass(frozen=True)
class VibeEvaluation:
    n_train: int
    n_test: int
    n_vibes: int
    accuracy: float  # image colours and text, as a work is labelled once its artist has typed
    accuracy_image_only: float  # the image alone, as the studio's first suggestion sees it
    baseline_accuracy: float  # always the most common vibe of the training part
    baseline_vibe: str

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def vibe_classifier_evaluate(*, examples: list[VibeExample], test_share: float = 0.25,
                             seed: int = 0) -> VibeEvaluation:
    """Accuracy on a held-out stratified part of the examples, against always the most common vibe."""
    _check_enough(examples)
    labels = [example.vibe for example in examples]
    counts = Counter(labels)
    # Stratify only when every vibe can be on both sides.
    stratify = labels if min(counts.values()) >= 2 else None
    train, test = train_test_split(examples, test_size=test_share, random_state=seed, stratify=stratify)
    classifier = vibe_classifier_fit(examples=train)
    truth = np.array([example.vibe for example in test])

    def accuracy(variant: list[VibeExample]) -> float:
        return round(float(np.mean(classifier.predict(_rows(variant)) == truth)), 3)

    majority = Counter(example.vibe for example in train).most_common(1)[0][0]
    return VibeEvaluation(
        n_train=len(train), n_test=len(test), n_vibes=len(counts),
        accuracy=accuracy(test),
        accuracy_image_only=accuracy([VibeExample(text="", histogram=e.histogram) for e in test]),
        baseline_accuracy=round(float(np.mean(truth == majority)), 3), baseline_vibe=majority,
    )


# Storage: the recommender's layout (artiqo.core.versioned_files), in a directory of its own.

def classifier_directory() -> Path:
    return Path(settings.RECOMMENDER_DIR) / "vibe"


def _path(directory: Path, version: str) -> Path:
    return directory / f"vibe-{version}.joblib"


def vibe_classifier_publish(*, classifier: Pipeline, meta: dict, directory: Path | None = None,
                            keep_versions: int = KEEP_VERSIONS) -> str:
    """Save a new version, make it current, delete all but the newest `keep_versions`; returns the version."""
    directory = directory or classifier_directory()
    directory.mkdir(parents=True, exist_ok=True)
    version = version_new()
    file_write_atomically(_path(directory, version),
                          lambda fh: joblib.dump({"classifier": classifier, "meta": meta}, fh))
    pointer_write(directory, version)
    for old in sorted(directory.glob("vibe-*.joblib"))[:-keep_versions]:
        if old != _path(directory, version):
            old.unlink(missing_ok=True)
    return version


_loaded = VersionedLoader(load=lambda directory, version: joblib.load(_path(directory, version))["classifier"],
                          what="the vibe classifier")


def vibe_classifier_current(*, directory: Path | None = None) -> Pipeline | None:
    """The classifier this process uses: None before the first training; reloaded when the pointer changes.

    A version that fails to load is logged and the one in use kept (as for the recommender).
    """
    return _loaded.current(directory or classifier_directory())


def vibe_classifier_cache_clear() -> None:
    """Forget every loaded classifier in this process (tests; a reload follows on next use)."""
    _loaded.clear()
