"""Model selection: what training serves, chosen on the newest orders held out, and no leaks into it."""

from __future__ import annotations

import numpy as np

from recommend.engine import Catalogue, FitConfig, Interactions, synthetic_data
from recommend.evaluation import random_split, time_split
from recommend.selection import (
    POPULARITY,
    available_at_cutoff,
    candidates_select,
    catalogue_listed_before,
    selected_fit,
)

DAY = 86_400.0
T0 = 1_700_000_000.0


def _taste_driven(seed: int = 0):
    data = synthetic_data(n_items=300, n_users=600, n_interactions=9_000, n_artists=40, n_styles=6,
                          taste_share=0.95, seed=seed)
    # Every event is an order, so every held-out buyer has a truth to score.
    return data.catalogue, data.interactions, np.ones(len(data.interactions), dtype=bool)


def _popularity_driven(seed: int = 0):
    """Everyone buys the same few hits, at random: no taste for CF or content to find."""
    rng = np.random.default_rng(seed)
    n_items, n_users, n = 200, 500, 6_000
    catalogue = Catalogue(item_ids=np.arange(1, n_items + 1), artist_ids=np.arange(1, n_items + 1))
    item_idx = np.minimum((rng.pareto(1.2, size=n) * 3).astype(np.int64), n_items - 1)
    interactions = Interactions(user_idx=rng.integers(n_users, size=n), item_idx=item_idx, weight=np.ones(n),
                                timestamp=T0 + rng.random(n) * 300 * DAY)
    return catalogue, interactions, np.ones(n, dtype=bool)


def test_training_serves_a_collaborative_model_when_it_beats_popularity_on_the_newest_orders():
    catalogue, interactions, is_order = _taste_driven()
    selection = candidates_select(catalogue=catalogue, interactions=interactions, is_order=is_order)

    assert selection.validated
    assert selection.chosen.name != "popularity"
    assert selection.results["chosen"].ndcg > selection.results["popularity"].ndcg
    assert selection.results["chosen"].ndcg > selection.results["random"].ndcg
    figures = selection.figures()
    assert figures["chosen"] == selection.chosen.name and "beat popularity" in figures["reason"]
    assert {"popularity", "random", "chosen"} <= set(figures["results"])


def test_training_serves_popularity_and_says_so_when_nothing_beats_it():
    catalogue, interactions, is_order = _popularity_driven()
    selection = candidates_select(catalogue=catalogue, interactions=interactions, is_order=is_order)

    assert selection.validated
    assert selection.chosen.name == "popularity"
    assert "nothing beat popularity" in selection.reason and "serving popularity" in selection.reason
    assert selection.results["chosen"] == selection.results["popularity"]


def test_the_popularity_model_keeps_content_neighbours_but_no_bought_with_ones():
    catalogue, interactions, _ = _taste_driven()
    model = selected_fit(candidate=POPULARITY, catalogue=catalogue, interactions=interactions)

    assert model.cf_neighbours.shape[1] == 0
    assert (model.content_neighbours >= 0).any()
    assert model.blend.popularity == 1.0 and model.blend.cf == 0.0


def test_too_few_held_out_buyers_keep_todays_blend_unvalidated():
    catalogue = Catalogue(item_ids=np.array([1, 2, 3]), artist_ids=np.array([1, 1, 2]))
    interactions = Interactions(user_idx=np.array([0, 0, 1]), item_idx=np.array([0, 1, 2]), weight=np.ones(3),
                                timestamp=np.array([T0, T0 + DAY, T0 + 2 * DAY]))
    selection = candidates_select(catalogue=catalogue, interactions=interactions, is_order=np.ones(3, dtype=bool))

    assert not selection.validated
    assert selection.chosen.name == "blend"
    assert "nothing to compare" in selection.reason


def test_the_validation_fit_knows_no_text_or_colour_of_works_listed_after_the_cutoff():
    catalogue = Catalogue(item_ids=np.array([1, 2]), artist_ids=np.array([1, 2]), texts=["calm sea", "bold city"],
                          colours=np.array([[1.0, 0.0], [0.0, 1.0]]))
    known = catalogue_listed_before(catalogue, listed_at=np.array([T0, T0 + 10 * DAY]), cutoff=T0 + DAY)

    assert list(known.texts) == ["calm sea", ""]
    assert known.colours[1].tolist() == [0.0, 0.0]
    assert catalogue.texts[1] == "bold city"  # the real catalogue is untouched


def test_an_original_sold_before_the_cutoff_is_not_offered_at_validation():
    interactions = Interactions(user_idx=np.array([0, 1]), item_idx=np.array([0, 1]), weight=np.ones(2),
                                timestamp=np.array([T0, T0]))
    available = available_at_cutoff(item_ids=np.array([10, 20, 30]), interactions=interactions,
                                    is_order=np.array([True, True]), cutoff=T0 + DAY,
                                    listed_at=np.array([T0 - DAY, T0 - DAY, T0 + 5 * DAY]),
                                    original_ids=np.array([10]))
    # 10: an original, sold. 20: an edition, still for sale. 30: not listed yet.
    assert available.tolist() == [20]


def test_a_work_bought_again_after_the_cutoff_is_not_in_the_truth():
    # The buyer ordered edition 1 before the cutoff and again after, and edition 2 after.
    interactions = Interactions(user_idx=np.array([0, 0, 0]), item_idx=np.array([0, 0, 1]), weight=np.ones(3),
                                timestamp=np.array([T0, T0 + 5 * DAY, T0 + 6 * DAY]))
    split = time_split(interactions=interactions, is_order=np.ones(3, dtype=bool), item_ids=np.array([1, 2]),
                       cutoff=T0 + DAY, sell_once=False)

    assert [set(t.relevant) for t in split.test_sets] == [{2}]


def test_the_random_split_keeps_each_users_test_events_out_of_training():
    catalogue, interactions, is_order = _taste_driven()
    split = random_split(interactions=interactions, is_order=is_order, item_ids=catalogue.item_ids, seed=1)
    train_pairs = {(int(u), int(catalogue.item_ids[i])) for u, i in zip(split.train.user_idx, split.train.item_idx)}

    assert 0.7 < len(split.train) / len(interactions) < 0.9
    assert split.test_sets
    for test in split.test_sets:
        assert not any((test.user_idx, item) in train_pairs for item in test.relevant)
        assert test.exclude_ids == frozenset(item for item, _ in test.history)


def test_rp3beta_neighbours_are_scaled_so_each_works_best_neighbour_scores_one():
    catalogue, interactions, _ = _taste_driven()
    model = selected_fit(candidate=POPULARITY.__class__("rp3beta", FitConfig(cf_method="rp3beta", k_cf=10),
                                                         POPULARITY.blend),
                         catalogue=catalogue, interactions=interactions)
    # POPULARITY's blend drops CF neighbours only for the candidate named "popularity".
    has = model.cf_neighbours[:, 0] >= 0
    assert has.any()
    assert np.allclose(model.cf_scores[has, 0], 1.0)
    assert (np.diff(model.cf_scores[has], axis=1) <= 1e-6).all()  # best first
