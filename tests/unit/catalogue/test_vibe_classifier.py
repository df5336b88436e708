"""The vibe classifier: learns vibes from colours and words, is measured against the most common vibe,
and is stored and reloaded like the recommender's model."""
import random

import pytest

from storefront.catalogue.colours import COLOUR_BINS
from storefront.catalogue.vibe_classifier import (
    NotEnoughExamples,
    VibeExample,
    _rows,
    vibe_classifier_cache_clear,
    vibe_classifier_current,
    vibe_classifier_evaluate,
    vibe_classifier_fit,
    vibe_classifier_publish,
    vibe_guess,
)

WORDS = {"calm": ["quiet", "harbour", "mist", "still", "dawn"], "bold": ["loud", "blaze", "clash", "neon", "riot"],
         "dreamy": ["cloud", "drift", "haze", "float", "veil"]}
MAIN_BIN = {"calm": 7, "bold": 0, "dreamy": 10}  # blue, red, violet


def _histogram(rng, vibe: str) -> tuple[float, ...]:
    shares = [rng.random() * 0.1 for _ in range(COLOUR_BINS)]
    shares[MAIN_BIN[vibe]] += 1.0
    total = sum(shares)
    return tuple(share / total for share in shares)


def _examples(n_per_vibe: int, vibes=("calm", "bold", "dreamy"), seed=1) -> list[VibeExample]:
    rng = random.Random(seed)
    return [VibeExample(text=" ".join(rng.sample(WORDS[vibe], 3)), histogram=_histogram(rng, vibe), vibe=vibe)
            for vibe in vibes for _ in range(n_per_vibe)]


def test_a_trained_classifier_guesses_the_vibe_from_a_picture_alone_and_words_sway_an_unclear_picture():
    classifier = vibe_classifier_fit(examples=_examples(20))
    rng = random.Random(7)
    half_blue_half_violet = tuple(0.5 if i in (MAIN_BIN["calm"], MAIN_BIN["dreamy"]) else 0.0
                                  for i in range(COLOUR_BINS))

    def dreamy_probability(text: str) -> float:
        rows = _rows([VibeExample(text=text, histogram=half_blue_half_violet)])
        return float(classifier.predict_proba(rows)[0][list(classifier.classes_).index("dreamy")])

    picture_only = vibe_guess(classifier=classifier, example=VibeExample(text="", histogram=_histogram(rng, "bold")))

    assert picture_only.slug == "bold" and 0.5 < picture_only.confidence <= 1
    assert dreamy_probability("cloud haze drift") > dreamy_probability("quiet harbour mist") + 0.2


def test_the_measure_beats_always_the_most_common_vibe_on_works_held_out():
    figures = vibe_classifier_evaluate(examples=_examples(20) + _examples(10, vibes=("calm",), seed=2), seed=0)

    assert figures.n_train + figures.n_test == 70 and figures.n_vibes == 3
    assert figures.baseline_vibe == "calm"
    assert figures.baseline_accuracy == pytest.approx(30 / 70, abs=0.08)  # stratified: the test part has ~3/7 calm
    assert figures.accuracy > figures.baseline_accuracy + 0.3
    assert figures.accuracy_image_only > figures.baseline_accuracy


def test_a_shop_with_one_vibe_or_a_handful_of_works_has_nothing_to_learn():
    with pytest.raises(NotEnoughExamples):
        vibe_classifier_fit(examples=_examples(20, vibes=("calm",)))
    with pytest.raises(NotEnoughExamples):
        vibe_classifier_evaluate(examples=_examples(3))


def test_a_published_classifier_is_served_and_a_newer_one_replaces_it(tmp_path):
    vibe_classifier_cache_clear()
    assert vibe_classifier_current(directory=tmp_path) is None

    vibe_classifier_publish(classifier=vibe_classifier_fit(examples=_examples(10, vibes=("calm", "bold"))),
                            meta={}, directory=tmp_path)
    assert list(vibe_classifier_current(directory=tmp_path).classes_) == ["bold", "calm"]

    vibe_classifier_publish(classifier=vibe_classifier_fit(examples=_examples(10)), meta={}, directory=tmp_path)
    assert list(vibe_classifier_current(directory=tmp_path).classes_) == ["bold", "calm", "dreamy"]
    vibe_classifier_cache_clear()


def test_a_damaged_new_version_is_skipped_and_the_one_in_use_keeps_serving(tmp_path):
    vibe_classifier_cache_clear()
    version = vibe_classifier_publish(classifier=vibe_classifier_fit(examples=_examples(10)), meta={},
                                      directory=tmp_path)
    assert vibe_classifier_current(directory=tmp_path) is not None
    (tmp_path / "vibe-broken.joblib").write_bytes(b"not a pickle")
    (tmp_path / "current").write_text("broken\n")

    assert list(vibe_classifier_current(directory=tmp_path).classes_) == ["bold", "calm", "dreamy"]
    assert version != "broken"
    vibe_classifier_cache_clear()


def test_old_versions_are_deleted_beyond_the_newest_three(tmp_path):
    classifier = vibe_classifier_fit(examples=_examples(10))
    versions = [vibe_classifier_publish(classifier=classifier, meta={}, directory=tmp_path) for _ in range(5)]

    assert sorted(path.name for path in tmp_path.glob("vibe-*.joblib")) == [f"vibe-{v}.joblib" for v in versions[2:]]
    assert (tmp_path / "current").read_text().strip() == versions[-1]
