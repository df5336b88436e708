"""Which recommender to serve, chosen on the newest events held out: pure, no Django.

`candidates_select()` splits the events in time (the newest share of the orders is the
validation set), fits the candidates on the older events - today's blend, plain item-kNN
(cosine), RP3beta, and a blend tuned on top of the best CF - and scores each on the
held-out orders with NDCG@k. The winner must beat the popularity list; if nothing does,
popularity is served (with content neighbours for "more with this vibe") and the
selection says so. `selected_fit()` then refits the winner on every event.

No leaks: the validation fit sees only the works listed before the cutoff (their text and
colours; TF-IDF learns its vocabulary from them alone), only events before the cutoff,
and the truth holds no work the buyer had already bought.

Cost: the content part is fitted once per split and reused; CF is fitted once per
method at the largest neighbourhood and truncated for smaller ones; at most
`max_users` held-out buyers are scored, so selection stays a few times a single fit.
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from recommend.engine import (
    BlendWeights,
    Catalogue,
    FitConfig,
    Interactions,
    Model,
    fit,
    popular_for_user,
    random_for_user,
    recommend_for_user,
)
from recommend.evaluation import (
    EvalResult,
    TimeSplit,
    UserTestSet,
    engine_recommender,
    evaluate,
    random_split,
    time_split,
)

__all__ = [
    "POPULARITY",
    "Candidate",
    "Selection",
    "available_at_cutoff",
    "candidates_select",
    "catalogue_listed_before",
    "selected_fit",
]

# CF alone; a whisper of popularity only orders what CF leaves at zero (fills a short list).
CF_ONLY = BlendWeights(cf=1.0, content=0.0, artist=0.0, popularity=0.001)
POPULARITY_BLEND = BlendWeights(cf=0.0, content=0.0, artist=0.0, popularity=1.0)
NEIGHBOURHOODS = (20, 50, 100)
RP3_BETAS = (0.2, 0.5)
# Coordinate ascent over the blend, one component at a time, on top of the best CF.
BLEND_STEPS = {
    "popularity": (0.01, 0.05, 0.2, 0.5, 1.0, 2.0, 5.0, 20.0),
    "content": (0.05, 0.2, 0.6),
    "artist": (0.05, 0.2, 0.6),
}
MIN_VALIDATION_USERS = 5
DEFAULT_CONFIG = FitConfig()
DEFAULT_BLEND = BlendWeights()


@dataclass(frozen=True)
class Candidate:
    name: str  # "popularity", "blend", "item-knn", "rp3beta", "tuned"
    config: FitConfig
    blend: BlendWeights

    @property
    def label(self) -> str:
        """Name and its neighbourhood, e.g. "rp3beta k=50 beta=0.5"."""
        if self.name == "popularity":
            return "popularity"
        extra = f" beta={self.config.rp3_beta:g}" if self.config.cf_method == "rp3beta" else ""
        return f"{self.name} ({self.config.cf_method} k={self.config.k_cf}{extra})"


POPULARITY = Candidate("popularity", FitConfig(), POPULARITY_BLEND)


@dataclass(frozen=True)
class Selection:
    chosen: Candidate
    reason: str  # one sentence for the training report and the CMS
    validated: bool  # False: too few held-out orders to compare anything
    cutoff: float | None  # unix seconds
    k: int
    n_validation_users: int
    n_train_events: int
    # label -> figures on the validation split: popularity, random, today's blend, the best
    # of each family, and the chosen one under "chosen".
    results: dict[str, EvalResult]

    def figures(self) -> dict:
        """JSON-ready summary for the model file and the training record."""
        return {
            "chosen": self.chosen.name,
            "chosen_label": self.chosen.label,
            "reason": self.reason,
            "validated": self.validated,
            "cutoff": self.cutoff,
            "k": self.k,
            "n_validation_users": self.n_validation_users,
            "n_train_events": self.n_train_events,
            "results": {
                label: {"ndcg": round(r.ndcg, 5), "recall": round(r.recall, 5),
                        "coverage": None if r.coverage is None else round(r.coverage, 5), "n_users": r.n_users}
                for label, r in self.results.items()
            },
        }


def available_at_cutoff(
    *,
    item_ids: np.ndarray,
    interactions: Interactions,
    is_order: np.ndarray,
    cutoff: float,
    listed_at: np.ndarray | None = None,
    original_ids: np.ndarray | None = None,
) -> np.ndarray:
    """Ids of the works a buyer could have bought at `cutoff`: listed by then (or already
    seen in an event, whatever the listing date says) and, if one of a kind, not sold."""
    item_ids = np.asarray(item_ids, dtype=np.int64)
    before = np.asarray(interactions.timestamp) < cutoff
    item_idx = np.asarray(interactions.item_idx, dtype=np.int64)
    listed = np.ones(item_ids.shape[0], dtype=bool) if listed_at is None else np.asarray(listed_at) < cutoff
    listed[item_idx[before]] = True
    sold = np.zeros(item_ids.shape[0], dtype=bool)
    if original_ids is not None:
        sold[item_idx[before & np.asarray(is_order, dtype=bool)]] = True
        sold &= np.isin(item_ids, original_ids)
    return item_ids[listed & ~sold]


def catalogue_listed_before(catalogue: Catalogue, *, listed_at: np.ndarray | None, cutoff: float) -> Catalogue:
    """The catalogue as known at the cutoff: works listed later keep their row but no text or colour."""
    if listed_at is None:
        return catalogue
    later = np.asarray(listed_at) >= cutoff
    if not later.any():
        return catalogue
    texts = None if catalogue.texts is None else ["" if late else text for text, late in zip(catalogue.texts, later)]
    colours = None
    if catalogue.colours is not None:
        colours = np.array(catalogue.colours, copy=True)
        colours[later] = 0.0
    return dataclasses.replace(catalogue, texts=texts, colours=colours)


def _truncated(model: Model, k: int) -> Model:
    return dataclasses.replace(model, cf_neighbours=model.cf_neighbours[:, :k], cf_scores=model.cf_scores[:, :k])


def _validation_split(
    *, interactions: Interactions, is_order: np.ndarray, item_ids: np.ndarray, validation_share: float,
    half_life_days: float | None, exclude_history: bool, sell_once: bool,
) -> tuple[float | None, TimeSplit | None]:
    order_times = np.asarray(interactions.timestamp, dtype=np.float64)[np.asarray(is_order, dtype=bool)]
    if order_times.size < 2:
        return None, None
    cutoff = float(np.quantile(order_times, 1.0 - validation_share, method="higher"))
    if cutoff <= float(np.min(interactions.timestamp)):
        return cutoff, None  # nothing would be left to train on
    return cutoff, time_split(interactions=interactions, is_order=is_order, item_ids=item_ids, cutoff=cutoff,
                              half_life_days=half_life_days, exclude_history=exclude_history, sell_once=sell_once)


def candidates_select(
    *,
    catalogue: Catalogue,
    interactions: Interactions,
    is_order: np.ndarray,
    config: FitConfig = DEFAULT_CONFIG,
    default_blend: BlendWeights = DEFAULT_BLEND,
    listed_at: np.ndarray | None = None,
    original_ids: np.ndarray | None = None,
    validation_share: float = 0.2,
    k: int = 10,
    max_users: int = 500,
    max_per_artist: int | None = 3,
    exclude_history: bool = False,
    seed: int = 0,
    validation: Literal["time", "random"] = "time",
    log: Callable[[str], None] = lambda message: None,
) -> Selection:
    """Hold out the newest `validation_share` of the orders, fit every candidate on the rest, keep the best.

    `exclude_history` (rating data) also keeps everything a user already rated out of their list
    and truth; `original_ids` marks one-of-a-kind works (gone once ordered). Too few held-out
    buyers to compare: today's blend is kept and the selection says it was not validated.
    """
    item_ids = np.asarray(catalogue.item_ids, dtype=np.int64)
    if validation == "random":  # mirrors a random-split benchmark; production validates on time
        cutoff = None
        split = random_split(interactions=interactions, is_order=is_order, item_ids=item_ids,
                             test_share=validation_share, seed=seed, exclude_history=exclude_history)
    else:
        cutoff, split = _validation_split(
            interactions=interactions, is_order=is_order, item_ids=item_ids, validation_share=validation_share,
            half_life_days=config.half_life_days, exclude_history=exclude_history,
            sell_once=original_ids is not None,
        )
    default = Candidate("blend", config, default_blend)
    test_sets: list[UserTestSet] = [] if split is None else list(split.test_sets)
    if len(test_sets) < MIN_VALIDATION_USERS:
        return Selection(
            chosen=default, validated=False, cutoff=cutoff, k=k, n_validation_users=len(test_sets),
            n_train_events=0 if split is None else len(split.train), results={},
            reason=(f"only {len(test_sets)} buyers ordered after the validation cutoff (fewer than "
                    f"{MIN_VALIDATION_USERS}): nothing to compare, serving today's blend unvalidated"),
        )
    if len(test_sets) > max_users:
        rng = np.random.default_rng(seed)
        test_sets = [test_sets[i] for i in sorted(rng.choice(len(test_sets), size=max_users, replace=False))]
    if cutoff is None:
        available, known = item_ids, catalogue
    else:
        available = available_at_cutoff(item_ids=item_ids, interactions=interactions, is_order=is_order,
                                         cutoff=cutoff, listed_at=listed_at, original_ids=original_ids)
        known = catalogue_listed_before(catalogue, listed_at=listed_at, cutoff=cutoff)
    n_items = item_ids.shape[0]

    def score(model: Model, serve) -> EvalResult:
        recommender = engine_recommender(model=model, available_ids=available, max_per_artist=max_per_artist,
                                         serve=serve)
        return evaluate(recommender_fn=recommender, test_sets=test_sets, k=k, catalogue_size=n_items)

    def blended(blend: BlendWeights):
        return functools.partial(recommend_for_user, blend=blend)

    k_max = max(NEIGHBOURHOODS)
    cosine = fit(catalogue=known, interactions=split.train, config=dataclasses.replace(config, k_cf=k_max,
                 cf_method="cosine"), now=cutoff)
    content = (cosine.content_neighbours, cosine.content_scores)
    results: dict[str, EvalResult] = {
        "popularity": score(cosine, popular_for_user),
        "random": score(cosine, functools.partial(random_for_user, rng=np.random.default_rng(seed))),
    }
    default_model = _truncated(cosine, config.k_cf) if config.cf_method == "cosine" else fit(
        catalogue=known, interactions=split.train, config=config, now=cutoff, content=content)
    results[default.label] = score(default_model, blended(default_blend))
    scored: list[tuple[EvalResult, Candidate, Model]] = [(results[default.label], default, default_model)]
    log(f"validation: popularity NDCG@{k} {results['popularity'].ndcg:.4f}, {default.label} "
        f"{results[default.label].ndcg:.4f} ({len(test_sets)} buyers)")

    # CF families alone, over neighbourhood sizes (one fit per method, truncated).
    cf_best: tuple[EvalResult, Candidate, Model] | None = None
    methods = [("item-knn", dataclasses.replace(config, cf_method="cosine"), cosine)]
    for beta in RP3_BETAS:
        rp3_config = dataclasses.replace(config, cf_method="rp3beta", rp3_beta=beta, k_cf=k_max)
        methods.append(("rp3beta", rp3_config, fit(catalogue=known, interactions=split.train, config=rp3_config,
                                                   now=cutoff, content=content)))
    for name, method_config, full in methods:
        for size in NEIGHBOURHOODS:
            candidate = Candidate(name, dataclasses.replace(method_config, k_cf=size), CF_ONLY)
            model = _truncated(full, size)
            result = score(model, blended(CF_ONLY))
            results[candidate.label] = result
            scored.append((result, candidate, model))
            if cf_best is None or result.ndcg > cf_best[0].ndcg:
                cf_best = (result, candidate, model)
    assert cf_best is not None
    log(f"validation: best CF {cf_best[1].label} NDCG@{k} {cf_best[0].ndcg:.4f}")

    # Tune the blend on top of the best CF, one component at a time.
    best_result, best_candidate, best_model = cf_best
    tuned_blend = best_candidate.blend
    for component, values in BLEND_STEPS.items():
        for value in values:
            blend = dataclasses.replace(tuned_blend, **{component: value})
            result = score(best_model, blended(blend))
            if result.ndcg > best_result.ndcg:
                best_result, tuned_blend = result, blend
    if tuned_blend != best_candidate.blend:
        tuned = Candidate("tuned", best_candidate.config, tuned_blend)
        results[tuned.label] = best_result
        scored.append((best_result, tuned, best_model))

    held_out = (f"the newest {validation_share:.0%} of orders" if cutoff is not None
                else f"a random {validation_share:.0%} of each user's events")
    winner_result, winner, _ = max(scored, key=lambda entry: entry[0].ndcg)
    popularity = results["popularity"]
    if winner_result.ndcg > popularity.ndcg:
        chosen = winner
        reason = (f"{winner.label} beat popularity on {held_out}: NDCG@{k} "
                  f"{winner_result.ndcg:.4f} vs {popularity.ndcg:.4f}")
        results["chosen"] = winner_result
    else:
        chosen = dataclasses.replace(POPULARITY, config=config)
        reason = (f"nothing beat popularity on {held_out} (best: {winner.label}, "
                  f"NDCG@{k} {winner_result.ndcg:.4f} vs {popularity.ndcg:.4f}): serving popularity, "
                  "with content neighbours for similar works")
        results["chosen"] = popularity
    log(f"chosen: {reason}")
    return Selection(chosen=chosen, reason=reason, validated=True, cutoff=cutoff, k=k,
                     n_validation_users=len(test_sets), n_train_events=len(split.train), results=results)


def selected_fit(
    *, candidate: Candidate, catalogue: Catalogue, interactions: Interactions, now: float | None = None
) -> Model:
    """Fit the chosen candidate on every event. Popularity keeps no CF neighbours ("buyers also
    liked" stays empty: it did not earn its place) but keeps the content ones."""
    model = fit(catalogue=catalogue, interactions=interactions, config=candidate.config, blend=candidate.blend,
                now=now)
    if candidate.name == "popularity":
        model = dataclasses.replace(
            model, cf_neighbours=np.full((model.n_items, 0), -1, dtype=np.int32),
            cf_scores=np.zeros((model.n_items, 0), dtype=np.float32),
        )
    return model
