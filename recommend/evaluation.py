"""Offline evaluation of recommenders: time-based split, ranking metrics, `evaluate()`.

The question we ask is the product's: trained on everything up to a cutoff
date, would the model have put the works a user went on to ORDER after that
date in their top k? Views, carts and wishlists after the cutoff are ignored
as targets - an order is the outcome we care about.

Pure: no Django. Works with any recommender wrapped as
`fn(test_set, k) -> list of item ids`; `engine_recommender()` wraps the
engine's serving functions (including the popularity and random baselines).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from recommend.engine import Interactions, Model, Pick, recommend_for_user, time_decayed_weights

__all__ = [
    "EvalResult",
    "RecommenderFn",
    "TimeSplit",
    "UserTestSet",
    "catalogue_coverage",
    "engine_recommender",
    "evaluate",
    "ndcg_at_k",
    "random_split",
    "recall_at_k",
    "time_split",
]


@dataclass(frozen=True)
class UserTestSet:
    """What one user looked like at the cutoff, and what they ordered afterwards."""

    user_idx: int
    history: tuple[tuple[int, float], ...]  # (item_id, weight) from before the cutoff
    relevant: frozenset[int]  # item ids ordered at or after the cutoff
    exclude_ids: frozenset[int]  # item ids this user had already ordered before the cutoff


@dataclass(frozen=True)
class TimeSplit:
    train: Interactions  # events strictly before the cutoff; fit on these
    test_sets: list[UserTestSet]  # one per user with at least one order after the cutoff
    # Originals sell once: anything ordered before the cutoff was no longer for sale,
    # so a fair evaluation must not let recommenders suggest it.
    available_ids: frozenset[int]
    train_is_order: np.ndarray | None = None  # (len(train),) bool: which training events are orders


RecommenderFn = Callable[[UserTestSet, int], Sequence[int]]


@dataclass(frozen=True)
class EvalResult:
    recall: float  # mean recall@k over users with at least one relevant item
    ndcg: float  # mean nDCG@k over the same users
    coverage: float | None  # share of the catalogue recommended to anyone; None without catalogue_size
    n_users: int  # users averaged over


def time_split(
    *,
    interactions: Interactions,
    is_order: np.ndarray,
    item_ids: np.ndarray,
    cutoff: float,
    half_life_days: float | None = None,
    exclude_history: bool = False,
    sell_once: bool = True,
) -> TimeSplit:
    """Train on events before `cutoff` (unix seconds), test on each user's later orders.

    `item_ids` is the catalogue's id array that `interactions.item_idx` indexes.
    History weights are decayed to the cutoff with `half_life_days`, as the
    serving layer would decay them to "now". A work the user had already ordered
    before the cutoff is never part of the truth (nobody may be credited for
    recommending it again); with `exclude_history` (rating data: nobody rates a
    film twice) nothing in the history is.
    """
    before = np.asarray(interactions.timestamp, dtype=np.float64) < cutoff
    return _split(interactions=interactions, is_order=is_order, item_ids=item_ids, train_mask=before,
                  now=cutoff, half_life_days=half_life_days, exclude_history=exclude_history, sell_once=sell_once)


def random_split(
    *,
    interactions: Interactions,
    is_order: np.ndarray,
    item_ids: np.ndarray,
    test_share: float = 0.2,
    seed: int = 0,
    exclude_history: bool = True,
    sell_once: bool = False,
) -> TimeSplit:
    """Per-user random split: each user's events go to the test side with probability `test_share`.

    The usual protocol of rating benchmarks; it ignores time, so it is kinder to a
    model than a time split. No time decay: "now" is undefined.
    """
    rng = np.random.default_rng(seed)
    train_mask = rng.random(len(interactions)) >= test_share
    now = float(np.max(interactions.timestamp)) if len(interactions) else 0.0
    return _split(interactions=interactions, is_order=is_order, item_ids=item_ids, train_mask=train_mask,
                  now=now, half_life_days=None, exclude_history=exclude_history, sell_once=sell_once)


def _split(
    *,
    interactions: Interactions,
    is_order: np.ndarray,
    item_ids: np.ndarray,
    train_mask: np.ndarray,
    now: float,
    half_life_days: float | None,
    exclude_history: bool,
    sell_once: bool,
) -> TimeSplit:
    item_ids = np.asarray(item_ids, dtype=np.int64)
    is_order = np.asarray(is_order, dtype=bool)
    timestamp = np.asarray(interactions.timestamp, dtype=np.float64)
    before = np.asarray(train_mask, dtype=bool)
    train = interactions.subset(before)

    user = np.asarray(interactions.user_idx, dtype=np.int64)
    item = item_ids[np.asarray(interactions.item_idx, dtype=np.int64)]
    weight = time_decayed_weights(
        weight=interactions.weight, timestamp=timestamp, now=now, half_life_days=half_life_days
    )

    histories = _group_by_user(user[before], item[before], weight[before])
    ordered_before = _group_by_user(user[before & is_order], item[before & is_order], weight[before & is_order])
    ordered_after = _group_by_user(user[~before & is_order], item[~before & is_order], weight[~before & is_order])

    test_sets = []
    for u, later in sorted(ordered_after.items()):
        seen = set(histories.get(u, {})) if exclude_history else set(ordered_before.get(u, {}))
        relevant = frozenset(later) - seen
        if relevant:
            test_sets.append(UserTestSet(
                user_idx=u, history=tuple(histories.get(u, {}).items()), relevant=relevant,
                exclude_ids=frozenset(seen),
            ))
    # `sell_once`: every item is an original, so one ordered before the cutoff is gone.
    sold = set(item[before & is_order].tolist()) if sell_once else set()
    available = frozenset(item_ids.tolist()) - sold
    return TimeSplit(train=train, test_sets=test_sets, available_ids=available, train_is_order=is_order[before])


def _group_by_user(user: np.ndarray, item: np.ndarray, weight: np.ndarray) -> dict[int, dict[int, float]]:
    """{user: {item_id: summed weight}}."""
    grouped: dict[int, dict[int, float]] = {}
    for u, i, w in zip(user.tolist(), item.tolist(), weight.tolist()):
        items = grouped.setdefault(u, {})
        items[i] = items.get(i, 0.0) + w
    return grouped


# --------------------------------------------------------------------------- metrics


def recall_at_k(*, recommended: Sequence[int], relevant: Collection[int], k: int) -> float:
    """|distinct items in the first k slots ∩ relevant| / |relevant|.

    Undefined without relevant items, so that raises.
    """
    if not relevant:
        raise ValueError("recall is undefined when there are no relevant items")
    return len(set(recommended[:k]) & set(relevant)) / len(relevant)


def ndcg_at_k(*, recommended: Sequence[int], relevant: Collection[int], k: int) -> float:
    """Binary-relevance nDCG@k: DCG = sum over hits of 1 / log2(rank + 1), rank from 1;
    the ideal DCG puts min(k, |relevant|) hits at the top ranks.

    A repeated item earns credit only at its first slot; the repeat still uses
    up a slot, so repeating cannot game the metric.
    """
    if not relevant:
        raise ValueError("nDCG is undefined when there are no relevant items")
    seen: set[int] = set()
    dcg = 0.0
    for rank, item in enumerate(recommended[:k], start=1):
        if item in relevant and item not in seen:
            dcg += 1.0 / math.log2(rank + 1)
        seen.add(item)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(k, len(relevant)) + 1))
    return dcg / ideal


def catalogue_coverage(
    *, recommended_lists: Iterable[Sequence[int]], catalogue_size: int, k: int | None = None
) -> float:
    """Share of the catalogue that appears in at least one list (top k of each when given)."""
    if catalogue_size <= 0:
        raise ValueError("catalogue_size must be positive")
    shown: set[int] = set()
    for items in recommended_lists:
        shown.update(items if k is None else items[:k])
    return len(shown) / catalogue_size


def evaluate(
    *,
    recommender_fn: RecommenderFn,
    test_sets: Iterable[UserTestSet],
    k: int,
    catalogue_size: int | None = None,
) -> EvalResult:
    """Mean recall@k and nDCG@k over users with at least one relevant item
    (the others are skipped, not counted as zero), plus catalogue coverage."""
    recalls: list[float] = []
    ndcgs: list[float] = []
    lists: list[list[int]] = []
    for test_set in test_sets:
        if not test_set.relevant:
            continue
        recommended = list(recommender_fn(test_set, k))[:k]
        lists.append(recommended)
        recalls.append(recall_at_k(recommended=recommended, relevant=test_set.relevant, k=k))
        ndcgs.append(ndcg_at_k(recommended=recommended, relevant=test_set.relevant, k=k))
    n_users = len(recalls)
    return EvalResult(
        recall=float(np.mean(recalls)) if n_users else 0.0,
        ndcg=float(np.mean(ndcgs)) if n_users else 0.0,
        coverage=(None if catalogue_size is None
                  else catalogue_coverage(recommended_lists=lists, catalogue_size=catalogue_size)),
        n_users=n_users,
    )


def engine_recommender(
    *,
    model: Model,
    available_ids: Collection[int] | None = None,
    max_per_artist: int | None = 3,
    serve: Callable[..., list[Pick]] = recommend_for_user,
) -> RecommenderFn:
    """Wrap an engine serving function (recommend_for_user, popular_for_user,
    or functools.partial(random_for_user, rng=...)) for evaluate()."""
    # Convert once: serving takes an id array as cheaply as a set.
    available = None if available_ids is None else np.fromiter(available_ids, dtype=np.int64, count=len(available_ids))

    def recommend(test_set: UserTestSet, k: int) -> list[int]:
        picks = serve(
            model,
            history=list(test_set.history),
            exclude_ids=test_set.exclude_ids,
            available_ids=available,
            n=k,
            max_per_artist=max_per_artist,
        )
        return [p.item_id for p in picks]

    return recommend
