"""The served model against popularity and item-kNN on any interaction data: pure, no Django.

`split_evaluate()` splits the events (a global time split, or a per-user random 80/20
split), runs the same model selection as `train_recommender` on the training side only
(its validation is the newest part of the training side, never the test), fits the
winner on the training side and scores it, popularity, plain item-kNN and today's blend
on the test side. Users, items and their later orders are as in `evaluation.time_split`.
"""
from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from recommend.engine import BlendWeights, Catalogue, FitConfig, Interactions, fit, popular_for_user, recommend_for_user
from recommend.evaluation import EvalResult, engine_recommender, evaluate, random_split, time_split
from recommend.selection import CF_ONLY, DEFAULT_CONFIG, Selection, candidates_select, selected_fit

__all__ = ["SplitReport", "split_evaluate"]

Split = Literal["time", "random"]


@dataclass(frozen=True)
class SplitReport:
    split: Split
    n_train_events: int
    n_test_users: int
    selection: Selection
    results: dict[str, EvalResult]  # "model", "popularity", "item-knn", "blend"
    seconds: float


def split_evaluate(
    *,
    catalogue: Catalogue,
    interactions: Interactions,
    is_order: np.ndarray,
    split: Split,
    k: int = 10,
    test_share: float = 0.2,
    seed: int = 0,
    exclude_history: bool = True,
    max_per_artist: int | None = None,
    config: FitConfig = DEFAULT_CONFIG,
    log: Callable[[str], None] = lambda message: None,
) -> SplitReport:
    started = time.perf_counter()
    item_ids = np.asarray(catalogue.item_ids, dtype=np.int64)
    if split == "time":
        targets = np.asarray(interactions.timestamp)[np.asarray(is_order, dtype=bool)]
        cutoff = float(np.quantile(targets, 1.0 - test_share, method="higher"))
        data = time_split(interactions=interactions, is_order=is_order, item_ids=item_ids, cutoff=cutoff,
                          half_life_days=config.half_life_days, exclude_history=exclude_history, sell_once=False)
        now = cutoff
    elif split == "random":
        data = random_split(interactions=interactions, is_order=is_order, item_ids=item_ids, test_share=test_share,
                            seed=seed, exclude_history=exclude_history)
        config = FitConfig(**{**config.__dict__, "half_life_days": None})  # no "now" without time
        now = None
    else:
        raise ValueError(f"unknown split {split!r}")
    train_is_order = data.train_is_order
    selection = candidates_select(
        catalogue=catalogue, interactions=data.train, is_order=train_is_order, config=config,
        exclude_history=exclude_history, max_per_artist=max_per_artist, k=k, seed=seed, log=log, validation=split,
    )
    model = selected_fit(candidate=selection.chosen, catalogue=catalogue, interactions=data.train, now=now)
    knn = fit(catalogue=Catalogue(item_ids=catalogue.item_ids, artist_ids=catalogue.artist_ids),
              interactions=data.train, config=FitConfig(**{**config.__dict__, "cf_method": "cosine", "k_cf": 50}),
              now=now)
    available = np.asarray(sorted(data.available_ids), dtype=np.int64)

    def score(model_, serve) -> EvalResult:
        recommender = engine_recommender(model=model_, available_ids=available, max_per_artist=max_per_artist,
                                         serve=serve)
        return evaluate(recommender_fn=recommender, test_sets=data.test_sets, k=k, catalogue_size=model_.n_items)

    results = {
        "model": score(model, functools.partial(recommend_for_user, blend=selection.chosen.blend)),
        "popularity": score(knn, popular_for_user),
        "item-knn": score(knn, functools.partial(recommend_for_user, blend=CF_ONLY)),
        "blend": score(
            fit(catalogue=catalogue, interactions=data.train, config=config, now=now),
            functools.partial(recommend_for_user, blend=BlendWeights()),
        ),
    }
    return SplitReport(split=split, n_train_events=len(data.train), n_test_users=len(data.test_sets),
                       selection=selection, results=results, seconds=time.perf_counter() - started)

