"""Offline evaluation on the database: train on the past, score each buyer's later orders.

The cutoff splits the events in time (by default so that the last 20 % of bought order
lines are the test). The model is fitted on the events before it, exactly as
production trains, and must put the works each buyer ordered afterwards in their top
k. The popularity baseline and random picks are scored on the same split.

What was for sale at the cutoff is rebuilt honestly: a work counts as listed if it was
created before the cutoff or already had events then, and an original ordered before
the cutoff was sold (editions stay for sale). Nothing from after the cutoff leaks in: the
content part (TF-IDF vocabulary and weights, colours) is fitted on the works listed
before it only, and a work a buyer had ordered before it is not part of their truth.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from recommend.engine import BlendWeights, FitConfig, fit, popular_for_user, random_for_user, recommend_for_user
from recommend.evaluation import EvalResult, engine_recommender, evaluate, time_split
from recommend.selection import available_at_cutoff, candidates_select, catalogue_listed_before, selected_fit
from recommend.selectors import TrainingData, training_data_build
from recommend.services import DEFAULT_BLEND, DEFAULT_CONFIG


class NothingToEvaluate(ValueError):
    """No bought order after the cutoff (or none at all): there is nothing to score."""


@dataclass(frozen=True)
class OfflineReport:
    cutoff: datetime
    k: int
    n_train_events: int
    n_test_buyers: int
    n_available: int  # works for sale at the cutoff
    n_items: int
    results: dict[str, EvalResult]  # "model" (today's blend), "selected", "popularity", "random"
    selected_label: str = ""  # what train_recommender would have served at the cutoff, and why


def default_cutoff(*, data: TrainingData, test_share: float) -> float:
    """The moment by which (1 - test_share) of the bought order lines had been placed."""
    order_times = np.asarray(data.interactions.timestamp)[data.is_order]
    if order_times.size == 0:
        raise NothingToEvaluate("there are no bought orders to evaluate on")
    if not 0.0 < test_share < 1.0:
        raise ValueError("test_share must be between 0 and 1")
    return float(np.quantile(order_times, 1.0 - test_share, method="higher"))


def available_at(*, data: TrainingData, cutoff: float) -> np.ndarray:
    """Ids of the works a buyer could have bought at `cutoff`."""
    return available_at_cutoff(item_ids=data.catalogue.item_ids, interactions=data.interactions,
                               is_order=data.is_order, cutoff=cutoff, listed_at=data.listed_at,
                               original_ids=data.original_ids)


def recommender_evaluate(
    *,
    k: int = 10,
    cutoff: datetime | None = None,
    test_share: float = 0.2,
    seed: int = 0,
    config: FitConfig = DEFAULT_CONFIG,
    blend: BlendWeights = DEFAULT_BLEND,
    data: TrainingData | None = None,
) -> OfflineReport:
    """Recall@k, nDCG@k and catalogue coverage on a time split: today's blend ("model"), the model
    training would have chosen from the events before the cutoff ("selected"), and both baselines."""
    data = data or training_data_build()
    cut = cutoff.timestamp() if cutoff is not None else default_cutoff(data=data, test_share=test_share)
    split = time_split(
        interactions=data.interactions, is_order=data.is_order, item_ids=data.catalogue.item_ids,
        cutoff=cut, half_life_days=config.half_life_days,
    )
    if not split.test_sets:
        raise NothingToEvaluate("no buyer ordered anything after the cutoff")
    known = catalogue_listed_before(data.catalogue, listed_at=data.listed_at, cutoff=cut)
    model = fit(catalogue=known, interactions=split.train, config=config, blend=blend, now=cut)
    available = available_at(data=data, cutoff=cut)
    selection = candidates_select(
        catalogue=known, interactions=split.train, is_order=split.train_is_order, config=config, default_blend=blend,
        listed_at=data.listed_at, original_ids=data.original_ids, max_users=300, seed=seed,
    )
    selected = selected_fit(candidate=selection.chosen, catalogue=known, interactions=split.train, now=cut)
    servers = {
        "model": None,  # engine_recommender's default: recommend_for_user
        "selected": functools.partial(recommend_for_user, blend=selection.chosen.blend),
        "popularity": popular_for_user,
        "random": functools.partial(random_for_user, rng=np.random.default_rng(seed)),
    }
    n_items = model.n_items
    results = {}
    for name, serve in servers.items():
        extra = {} if serve is None else {"serve": serve}
        recommender = engine_recommender(model=selected if name == "selected" else model,
                                         available_ids=frozenset(available.tolist()), **extra)
        results[name] = evaluate(recommender_fn=recommender, test_sets=split.test_sets, k=k, catalogue_size=n_items)
    return OfflineReport(
        cutoff=datetime.fromtimestamp(cut, tz=UTC), k=k, n_train_events=len(split.train),
        n_test_buyers=len(split.test_sets), n_available=int(available.shape[0]), n_items=n_items, results=results,
        selected_label=f"{selection.chosen.label}: {selection.reason}",
    )
