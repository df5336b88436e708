"""Offline evaluation: hand-checked metrics, the time split, and a sanity run on synthetic data."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest

from recommend.engine import (
    Interactions,
    fit,
    popular_for_user,
    random_for_user,
    recommend_for_user,
    synthetic_data,
)
from recommend.evaluation import (
    UserTestSet,
    catalogue_coverage,
    engine_recommender,
    evaluate,
    ndcg_at_k,
    recall_at_k,
    time_split,
)

DAY = 86_400.0
T0 = 1_700_000_000.0


def _user(user_idx: int, relevant: set[int]) -> UserTestSet:
    return UserTestSet(user_idx=user_idx, history=(), relevant=frozenset(relevant), exclude_ids=frozenset())


def test_metrics_match_a_hand_computed_case():
    # User A: list [11, 12, 13, 14], relevant {12, 14, 15}, k = 3.
    #   top 3 = 11, 12, 13 -> one hit (12) at rank 2; 14 is at rank 4, outside k.
    #   recall = 1 / 3 = 0.3333
    #   DCG  = 1/log2(2+1) = 1/1.58496 = 0.63093
    #   IDCG = min(3, 3) = 3 ideal hits: 1/log2(2) + 1/log2(3) + 1/log2(4) = 1 + 0.63093 + 0.5 = 2.13093
    #   nDCG = 0.63093 / 2.13093 = 0.29608
    # User B: list [21, 22, 23], relevant {21}, k = 3.
    #   recall = 1/1 = 1;  DCG = 1/log2(2) = 1;  IDCG over min(3, 1) = 1 hit = 1;  nDCG = 1
    # User C: nothing relevant -> skipped, not averaged in as zero.
    # Means over A and B: recall = (0.3333 + 1) / 2 = 0.6667, nDCG = (0.29608 + 1) / 2 = 0.64804
    # Coverage: {11, 12, 13} | {21, 22, 23} = 6 distinct of a 10-item catalogue = 0.6 (14 is beyond k).
    lists = {0: [11, 12, 13, 14], 1: [21, 22, 23], 2: [31, 32, 33]}
    users = [_user(0, {12, 14, 15}), _user(1, {21}), _user(2, set())]

    assert recall_at_k(recommended=lists[0], relevant={12, 14, 15}, k=3) == pytest.approx(1 / 3)
    assert ndcg_at_k(recommended=lists[0], relevant={12, 14, 15}, k=3) == pytest.approx(0.29608, abs=1e-5)
    assert ndcg_at_k(recommended=lists[1], relevant={21}, k=3) == pytest.approx(1.0)

    result = evaluate(recommender_fn=lambda user, k: lists[user.user_idx], test_sets=users, k=3, catalogue_size=10)

    assert result.n_users == 2
    assert result.recall == pytest.approx(2 / 3)
    assert result.ndcg == pytest.approx(0.64804, abs=1e-5)
    assert result.coverage == pytest.approx(0.6)


def test_perfect_ranking_scores_one_and_repeats_earn_nothing_extra():
    assert ndcg_at_k(recommended=[5, 6, 9], relevant={5, 6}, k=3) == pytest.approx(1.0)
    # [5, 5, 6] at k=2 is [5, 5]: the repeat wastes its slot and earns nothing, so 1 hit of 2.
    assert recall_at_k(recommended=[5, 5, 6], relevant={5, 6}, k=2) == pytest.approx(0.5)
    # [9, 9, 1]: the hit is in slot 3 whatever the repeat did: (1/log2 4) / 1 = 0.5.
    assert ndcg_at_k(recommended=[9, 9, 1], relevant={1}, k=3) == pytest.approx(0.5)
    # k smaller than |relevant|: the ideal only has k slots, so filling them all is perfect.
    assert ndcg_at_k(recommended=[1, 2], relevant={1, 2, 3, 4}, k=2) == pytest.approx(1.0)
    # A miss at rank 1, hit at rank 2, one relevant: (1/log2 3) / 1.
    assert ndcg_at_k(recommended=[9, 1], relevant={1}, k=2) == pytest.approx(1 / math.log2(3))


def test_metrics_refuse_users_with_nothing_relevant():
    with pytest.raises(ValueError):
        recall_at_k(recommended=[1], relevant=set(), k=1)


def test_coverage_counts_distinct_items_once():
    assert catalogue_coverage(recommended_lists=[[1, 2], [2, 3], [3]], catalogue_size=6) == pytest.approx(0.5)


def test_time_split_trains_on_the_past_and_tests_on_later_orders():
    item_ids = np.array([10, 20, 30, 40])  # rows 0..3
    #            user, row, weight, when,          is order
    events = [
        (0, 0, 1.0, T0 - 10 * DAY, False),  # user 0 viewed 10
        (0, 1, 5.0, T0 - 5 * DAY, True),  # user 0 bought 20 before the cutoff
        (0, 2, 5.0, T0 + 1 * DAY, True),  # ... and 30 after it: the target
        (0, 3, 1.0, T0 + 2 * DAY, False),  # a later view is not a target
        (1, 2, 1.0, T0 - 1 * DAY, False),  # user 1 never ordered later: not a test user
        (2, 3, 5.0, T0 + 3 * DAY, True),  # user 2 is brand new at the cutoff
    ]
    interactions = Interactions(
        user_idx=np.array([e[0] for e in events]),
        item_idx=np.array([e[1] for e in events]),
        weight=np.array([e[2] for e in events]),
        timestamp=np.array([e[3] for e in events]),
    )

    split = time_split(interactions=interactions, is_order=np.array([e[4] for e in events]),
                       item_ids=item_ids, cutoff=T0)

    assert len(split.train) == 3 and (split.train.timestamp < T0).all()
    assert split.test_sets == [
        UserTestSet(user_idx=0, history=((10, 1.0), (20, 5.0)), relevant=frozenset({30}),
                    exclude_ids=frozenset({20})),
        UserTestSet(user_idx=2, history=(), relevant=frozenset({40}), exclude_ids=frozenset()),
    ]
    assert split.available_ids == frozenset({10, 30, 40})  # 20 was sold before the cutoff


def test_engine_beats_the_random_baseline_on_clustered_data():
    data = synthetic_data(n_items=600, n_users=500, n_interactions=12_000, n_artists=60, seed=7)
    split = time_split(interactions=data.interactions, is_order=data.is_order,
                       item_ids=data.catalogue.item_ids, cutoff=data.now - 60 * DAY, half_life_days=90.0)
    model = fit(catalogue=data.catalogue, interactions=split.train, now=data.now - 60 * DAY)

    def run(serve):
        recommender = engine_recommender(model=model, available_ids=split.available_ids, serve=serve)
        return evaluate(recommender_fn=recommender, test_sets=split.test_sets, k=10, catalogue_size=600)

    engine = run(serve=recommend_for_user)
    popular = run(serve=popular_for_user)
    random = run(serve=functools.partial(random_for_user, rng=np.random.default_rng(0)))

    assert engine.n_users == popular.n_users == random.n_users > 50
    assert engine.ndcg > random.ndcg and engine.recall > random.recall
    assert engine.coverage > popular.coverage  # personal lists reach deeper into the catalogue
