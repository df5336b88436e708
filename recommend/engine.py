"""Pure recommendation engine for Artiqo: fitting and serving, no Django.

The Django layer turns orders, cart adds, wishlist adds and product views into
plain numpy arrays (`Catalogue`, `Interactions`), calls `fit()` offline (a
management command / task), saves the resulting `Model` with `Model.save()`, and
at request time calls `recommend_for_user()` or `similar_items()` on the loaded
model. Serving only looks up precomputed neighbour lists; it never trains.

Why several signals: an original is sold once, so "people who bought X also
bought Y" is thin and Y is usually gone by the time we could show it. The
collaborative signal is therefore "lifted" to what survives a sale - the artist
(other works by artists you engaged with) and the content (vibe, medium, style,
colour) - and blended with item-item CF and a popularity prior.

Item ids are the integer product primary keys. Users are plain row indices
0..n_users-1: CF only needs to know which events share a user, not who it is.
Timestamps are unix seconds.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

__all__ = [
    "SIGNAL_WEIGHTS",
    "SECONDS_PER_DAY",
    "BlendWeights",
    "Catalogue",
    "FitConfig",
    "Interactions",
    "Model",
    "Pick",
    "ReasonKind",
    "SyntheticData",
    "content_text",
    "decay_factor",
    "fit",
    "popular_for_user",
    "random_for_user",
    "recommend_for_user",
    "similar_items",
    "synthetic_data",
    "time_decayed_weights",
]

# How much one event of each kind is worth before time decay. An order is the
# strongest evidence of taste; cart and wishlist adds show intent; a view is cheap.
SIGNAL_WEIGHTS: dict[str, float] = {"order": 5.0, "cart": 2.0, "wishlist": 2.0, "view": 1.0}

SECONDS_PER_DAY = 86_400.0

# "bought_with": buyers of the reason item also engaged with this one (item-item CF).
# "similar_content": same vibe/tags/medium/style/colours as the reason item.
# "same_artist": by the artist of the reason item.
# "popular": popularity prior (cold start or nothing better); no reason item.
# "random": only produced by the random baseline used in evaluation.
ReasonKind = Literal["bought_with", "similar_content", "same_artist", "popular", "random"]

_MODEL_FORMAT_VERSION = 1


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Catalogue:
    """Every item the model should know about, sold ones included.

    Sold works stay in the catalogue on purpose: their buyers and their content
    still tell us what goes together; availability is filtered at serving time.
    """

    item_ids: np.ndarray  # (n_items,) int, product primary keys, unique
    artist_ids: np.ndarray  # (n_items,) int, artist primary key of each item
    texts: Sequence[str] | None = None  # per-item text, see content_text()
    colours: np.ndarray | None = None  # (n_items, d) non-negative colour features, e.g. palette histogram


@dataclass(frozen=True)
class Interactions:
    """Events, one per row, already weighted by the caller with SIGNAL_WEIGHTS."""

    user_idx: np.ndarray  # (n,) int, 0..n_users-1
    item_idx: np.ndarray  # (n,) int, row in Catalogue.item_ids
    weight: np.ndarray  # (n,) float >= 0
    timestamp: np.ndarray  # (n,) float, unix seconds

    def __len__(self) -> int:
        return int(np.asarray(self.user_idx).shape[0])

    def subset(self, mask: np.ndarray) -> Interactions:
        """The events selected by a boolean mask or index array."""
        return Interactions(
            user_idx=np.asarray(self.user_idx)[mask],
            item_idx=np.asarray(self.item_idx)[mask],
            weight=np.asarray(self.weight)[mask],
            timestamp=np.asarray(self.timestamp)[mask],
        )


@dataclass(frozen=True)
class FitConfig:
    """Knobs for fit(). Defaults are sized for ~10k items."""

    k_cf: int = 50  # neighbours kept per item for item-item CF
    k_content: int = 50  # neighbours kept per item for content similarity
    half_life_days: float | None = 90.0  # an event this old counts half; None = no decay
    colour_weight: float = 0.25  # share of content similarity that comes from colour, 0..1
    max_text_features: int = 50_000  # caps TF-IDF vocabulary (memory)
    # Upper bound on the cells of one dense similarity block (rows x n_items).
    # 2**24 float32 cells is 64 MiB, which keeps peak memory far below 2 GiB.
    block_cells: int = 2**24
    # How item-item CF similarity is computed: "cosine" over the item x user matrix, or
    # "rp3beta" (a two-step random walk item -> user -> item, divided by the target's
    # popularity ** rp3_beta so that hits do not crowd out everything else).
    cf_method: Literal["cosine", "rp3beta"] = "cosine"
    rp3_alpha: float = 1.0
    rp3_beta: float = 0.3


@dataclass(frozen=True)
class BlendWeights:
    """final score = cf * CF + content * content + artist * artist affinity + popularity * prior.

    Every component is on a 0..1 scale (see recommend_for_user), so these weights
    read directly as relative importance.
    """

    cf: float = 1.0
    content: float = 0.6
    artist: float = 0.4
    popularity: float = 0.1


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True, slots=True)
class Pick:
    """One recommended item and why; the Django layer renders the reason text."""

    item_id: int
    score: float
    reason_kind: ReasonKind
    reason_item_id: int | None  # the history/seed item behind the pick; None for popular/random


@dataclass
class Model:
    """A fitted model: plain arrays, picklable, saved as .npz.

    Neighbour lists are padded 2-D arrays (row = item, columns sorted by
    descending score, -1 / 0.0 as padding) - simpler than CSR and a serving
    lookup is a single row read.
    """

    item_ids: np.ndarray  # (n_items,) int64, sorted ascending so id -> row is a binary search
    item_artist: np.ndarray  # (n_items,) int32, index into artist_ids
    artist_ids: np.ndarray  # (n_artists,) int64
    cf_neighbours: np.ndarray  # (n_items, k_cf) int32 row indices, -1 = padding
    cf_scores: np.ndarray  # (n_items, k_cf) float32 cosine in (0, 1], 0 = padding
    content_neighbours: np.ndarray  # (n_items, k_content) int32
    content_scores: np.ndarray  # (n_items, k_content) float32
    popularity: np.ndarray  # (n_items,) float32 in [0, 1]
    blend: BlendWeights = field(default_factory=BlendWeights)

    def __post_init__(self) -> None:
        n = self.item_ids.shape[0]
        for name in ("item_artist", "popularity"):
            if getattr(self, name).shape != (n,):
                raise ValueError(f"{name} must have shape ({n},)")
        for prefix in ("cf", "content"):
            nb, sc = getattr(self, f"{prefix}_neighbours"), getattr(self, f"{prefix}_scores")
            if nb.ndim != 2 or nb.shape[0] != n or nb.shape != sc.shape:
                raise ValueError(f"{prefix} neighbour arrays must both have shape ({n}, k)")

    @property
    def n_items(self) -> int:
        return int(self.item_ids.shape[0])

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write to `path` atomically: readers see the old file or the new one, never half of one."""
        path = os.fspath(path)
        directory = os.path.dirname(os.path.abspath(path))
        fd, tmp_path = tempfile.mkstemp(dir=directory, prefix=".recommend-model-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                # Passing a file object stops numpy from appending ".npz" to the name.
                np.savez(
                    fh,
                    format_version=np.array(_MODEL_FORMAT_VERSION),
                    item_ids=self.item_ids,
                    item_artist=self.item_artist,
                    artist_ids=self.artist_ids,
                    cf_neighbours=self.cf_neighbours,
                    cf_scores=self.cf_scores,
                    content_neighbours=self.content_neighbours,
                    content_scores=self.content_scores,
                    popularity=self.popularity,
                    blend=np.array(
                        [self.blend.cf, self.blend.content, self.blend.artist, self.blend.popularity],
                        dtype=np.float64,
                    ),
                )
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp_path, path)
        except BaseException:
            if os.path.exists(tmp_path):
                os.unlink(tmp_path)
            raise

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Model:
        """Read a file written by save(). Pickles are refused: a model file must never run code."""
        with np.load(os.fspath(path), allow_pickle=False) as data:
            version = int(data["format_version"])
            if version != _MODEL_FORMAT_VERSION:
                raise ValueError(f"unsupported model format version {version}")
            cf, content, artist, popularity = (float(x) for x in data["blend"])
            return cls(
                item_ids=data["item_ids"],
                item_artist=data["item_artist"],
                artist_ids=data["artist_ids"],
                cf_neighbours=data["cf_neighbours"],
                cf_scores=data["cf_scores"],
                content_neighbours=data["content_neighbours"],
                content_scores=data["content_scores"],
                popularity=data["popularity"],
                blend=BlendWeights(cf=cf, content=content, artist=artist, popularity=popularity),
            )


# --------------------------------------------------------------------------- time decay


def decay_factor(*, age_days: np.ndarray | float, half_life_days: float | None) -> np.ndarray:
    """0.5 ** (age / half_life): 1 for now, 0.5 one half-life ago. None disables decay.

    Negative ages (clock skew, events "from the future") count as now rather
    than more than full weight.
    """
    age = np.maximum(np.asarray(age_days, dtype=np.float64), 0.0)
    if half_life_days is None:
        return np.ones_like(age)
    if half_life_days <= 0:
        raise ValueError("half_life_days must be positive")
    return np.power(0.5, age / half_life_days)


def time_decayed_weights(
    *, weight: np.ndarray, timestamp: np.ndarray, now: float, half_life_days: float | None
) -> np.ndarray:
    """Event weights multiplied by their decay factor at time `now` (unix seconds)."""
    age_days = (now - np.asarray(timestamp, dtype=np.float64)) / SECONDS_PER_DAY
    return np.asarray(weight, dtype=np.float64) * decay_factor(age_days=age_days, half_life_days=half_life_days)


# --------------------------------------------------------------------------- content text


def content_text(
    *,
    vibe: str = "",
    tags: Sequence[str] = (),
    medium: str = "",
    style: str = "",
    description: str = "",
) -> str:
    """Build the text for one item for Catalogue.texts.

    The short curated fields are repeated so they outweigh words that merely
    happen to appear in a long free-text description.
    """
    curated = " ".join([vibe, *tags, medium, style])
    return f"{curated} {curated} {description}".strip()


# --------------------------------------------------------------------------- fitting


def fit(
    *,
    catalogue: Catalogue,
    interactions: Interactions,
    config: FitConfig = FitConfig(),
    blend: BlendWeights = BlendWeights(),
    now: float | None = None,
    content: tuple[np.ndarray, np.ndarray] | None = None,
) -> Model:
    """Precompute everything serving needs.

    `now` (unix seconds) is the reference time for decay; it defaults to the
    newest event so that refitting the same data gives the same model.
    `content` reuses the content neighbours of an earlier fit on the same catalogue
    (`(model.content_neighbours, model.content_scores)`): model selection fits CF
    several times but the text and colours only once.
    """
    if not 0.0 <= config.colour_weight <= 1.0:
        raise ValueError("colour_weight must be between 0 and 1")
    item_ids = np.asarray(catalogue.item_ids, dtype=np.int64)
    n_items = item_ids.shape[0]
    _validate(catalogue=catalogue, interactions=interactions, n_items=n_items)

    # Sort the catalogue by id once, so serving maps ids to rows with searchsorted.
    order = np.argsort(item_ids, kind="stable")
    new_row = np.empty(n_items, dtype=np.int64)
    new_row[order] = np.arange(n_items)
    item_ids = item_ids[order]
    artist_ids, item_artist = np.unique(np.asarray(catalogue.artist_ids, dtype=np.int64)[order], return_inverse=True)

    user_idx = np.asarray(interactions.user_idx, dtype=np.int64)
    item_idx = new_row[np.asarray(interactions.item_idx, dtype=np.int64)]
    timestamp = np.asarray(interactions.timestamp, dtype=np.float64)
    if now is None:
        now = float(timestamp.max()) if timestamp.size else 0.0
    weight = time_decayed_weights(
        weight=interactions.weight, timestamp=timestamp, now=now, half_life_days=config.half_life_days
    )

    cf_neighbours, cf_scores = _cf_neighbours(
        user_idx=user_idx, item_idx=item_idx, weight=weight, n_items=n_items, config=config
    )
    if content is not None:
        content_neighbours, content_scores = content
        if content_neighbours.shape[0] != n_items:
            raise ValueError("reused content neighbours must have one row per catalogue item")
    else:
        content_neighbours, content_scores = _content_neighbours(catalogue=catalogue, order=order, config=config)

    # log1p tames the head: one viral work should not drown the prior for everything else.
    popularity = np.log1p(np.bincount(item_idx, weights=weight, minlength=n_items))
    if popularity.max(initial=0.0) > 0:
        popularity /= popularity.max()

    return Model(
        item_ids=item_ids,
        item_artist=item_artist.astype(np.int32),
        artist_ids=artist_ids,
        cf_neighbours=cf_neighbours,
        cf_scores=cf_scores,
        content_neighbours=content_neighbours,
        content_scores=content_scores,
        popularity=popularity.astype(np.float32),
        blend=blend,
    )


def _validate(*, catalogue: Catalogue, interactions: Interactions, n_items: int) -> None:
    if np.unique(np.asarray(catalogue.item_ids)).shape[0] != n_items:
        raise ValueError("catalogue.item_ids must be unique")
    if np.asarray(catalogue.artist_ids).shape != (n_items,):
        raise ValueError("catalogue.artist_ids must have one artist per item")
    if catalogue.texts is not None and len(catalogue.texts) != n_items:
        raise ValueError("catalogue.texts must have one text per item")
    if catalogue.colours is not None:
        colours = np.asarray(catalogue.colours)
        if colours.ndim != 2 or colours.shape[0] != n_items:
            raise ValueError("catalogue.colours must have shape (n_items, d)")
        if (colours < 0).any():
            raise ValueError("catalogue.colours must be non-negative (e.g. a palette histogram)")
    n = len(interactions)
    for name in ("item_idx", "weight", "timestamp"):
        if np.asarray(getattr(interactions, name)).shape != (n,):
            raise ValueError(f"interactions.{name} must have the same length as user_idx")
    item_idx = np.asarray(interactions.item_idx)
    if n and (item_idx.min() < 0 or item_idx.max() >= n_items):
        raise ValueError("interactions.item_idx must index catalogue rows")
    if n and np.asarray(interactions.user_idx).min() < 0:
        raise ValueError("interactions.user_idx must be non-negative")
    # Negative weights would make "cosine" mean something else entirely.
    if n and np.asarray(interactions.weight).min() < 0:
        raise ValueError("interactions.weight must be non-negative")


def _cf_neighbours(
    *, user_idx: np.ndarray, item_idx: np.ndarray, weight: np.ndarray, n_items: int, config: FitConfig
) -> tuple[np.ndarray, np.ndarray]:
    """Item-item cosine over the item x user matrix; repeated events of a user on an item add up."""
    n_users = int(user_idx.max()) + 1 if user_idx.size else 0
    item_user = sparse.csr_matrix(
        (weight.astype(np.float32), (item_idx, user_idx)), shape=(n_items, n_users), dtype=np.float32
    )
    item_user.sum_duplicates()
    item_user.eliminate_zeros()
    if config.cf_method == "rp3beta":
        return _rp3beta_neighbours(item_user, config=config)
    if config.cf_method != "cosine":
        raise ValueError(f"unknown cf_method {config.cf_method!r}")
    if item_user.nnz:  # sklearn refuses a matrix with no columns (no events at all)
        item_user = normalize(item_user, norm="l2", axis=1)
    return _top_k_neighbours(item_user, k=config.k_cf, block_cells=config.block_cells)


def _rp3beta_neighbours(item_user: sparse.csr_matrix, *, config: FitConfig) -> tuple[np.ndarray, np.ndarray]:
    """RP3beta (Paudel et al. 2017): P(item -> user) @ P(user -> item), each step's
    probabilities raised to alpha, the target item's column divided by its degree ** beta.

    Scores are rescaled so each item's best neighbour is 1, keeping CF on the 0..1
    scale the blend expects.
    """
    if item_user.nnz == 0:
        return _top_k_neighbours(item_user, k=config.k_cf, block_cells=config.block_cells)
    # Repeats count once: RP3beta walks a graph, and one keen user must not outweigh many.
    binary = item_user.copy()
    binary.data = np.ones_like(binary.data)
    item_to_user = normalize(binary, norm="l1", axis=1)
    user_to_item = normalize(binary.T.tocsr(), norm="l1", axis=1)
    if config.rp3_alpha != 1.0:
        item_to_user.data **= config.rp3_alpha
        user_to_item.data **= config.rp3_alpha
    degree = np.asarray(binary.sum(axis=1)).ravel()
    damp = np.power(np.maximum(degree, 1.0), -config.rp3_beta).astype(np.float32)
    user_to_item = (user_to_item @ sparse.diags(damp)).tocsr().astype(np.float32)
    neighbours, scores = _top_k_neighbours(
        item_to_user.astype(np.float32), k=config.k_cf, block_cells=config.block_cells, columns=user_to_item
    )
    best = scores[:, :1] if scores.shape[1] else np.ones((scores.shape[0], 1), dtype=np.float32)
    with np.errstate(invalid="ignore", divide="ignore"):
        scaled = np.where(best > 0, scores / np.where(best > 0, best, 1.0), 0.0)
    return neighbours, scaled.astype(np.float32)


def _content_neighbours(
    *, catalogue: Catalogue, order: np.ndarray, config: FitConfig
) -> tuple[np.ndarray, np.ndarray]:
    """Cosine over [sqrt(1-c) * tfidf(text), sqrt(c) * colour], both parts unit length.

    With unit-length parts the dot product is exactly
    (1 - c) * text_cosine + c * colour_cosine, so colour_weight means what it says.
    """
    n_items = order.shape[0]
    parts: list[sparse.csr_matrix] = []
    has_colours = catalogue.colours is not None
    colour_weight = config.colour_weight if has_colours else 0.0
    if catalogue.texts is not None:
        texts = [catalogue.texts[i] or "" for i in order]
        vectorizer = TfidfVectorizer(
            stop_words="english", sublinear_tf=True, max_features=config.max_text_features, dtype=np.float32
        )
        try:
            tfidf = vectorizer.fit_transform(texts)  # rows are already L2-normalised
        except ValueError:  # every text empty or only stop words: no vocabulary, no text signal
            tfidf = sparse.csr_matrix((n_items, 0), dtype=np.float32)
        parts.append(tfidf * np.float32(np.sqrt(1.0 - colour_weight)))
    if has_colours:
        colours = normalize(np.asarray(catalogue.colours, dtype=np.float32)[order], norm="l2", axis=1)
        parts.append(sparse.csr_matrix(colours * np.float32(np.sqrt(colour_weight))))
    if not parts:
        features = sparse.csr_matrix((n_items, 0), dtype=np.float32)
    else:
        features = sparse.hstack(parts, format="csr", dtype=np.float32)
    return _top_k_neighbours(features, k=config.k_content, block_cells=config.block_cells)


def _top_k_neighbours(
    rows: sparse.csr_matrix, *, k: int, block_cells: int, columns: sparse.csr_matrix | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Top-k items by `rows @ columns` (default `rows @ rows.T`) for every row, one block of rows at a time.

    `rows` must already be scaled so the product is the similarity. Only a
    (block x n_items) slice of the similarity matrix ever exists, never the full
    n_items x n_items one.
    """
    n_items = rows.shape[0]
    k = max(0, min(k, n_items - 1))
    neighbours = np.full((n_items, k), -1, dtype=np.int32)
    scores = np.zeros((n_items, k), dtype=np.float32)
    if k == 0 or rows.nnz == 0:
        return neighbours, scores
    columns = rows.T.tocsr() if columns is None else columns
    block = max(1, min(n_items, block_cells // n_items))
    for start in range(0, n_items, block):
        stop = min(start + block, n_items)
        sims = (rows[start:stop] @ columns).toarray()
        local = np.arange(stop - start)
        sims[local, local + start] = 0.0  # an item is not its own neighbour
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        top_scores = np.take_along_axis(sims, top, axis=1)
        by_score = np.argsort(-top_scores, axis=1, kind="stable")
        top = np.take_along_axis(top, by_score, axis=1)
        top_scores = np.take_along_axis(top_scores, by_score, axis=1)
        # Zero similarity is no evidence at all; keep it out rather than pad with arbitrary items.
        keep = top_scores > 1e-6
        neighbours[start:stop] = np.where(keep, top, -1)
        # float32 round-off can give 1.0000001 for identical rows.
        scores[start:stop] = np.where(keep, np.minimum(top_scores, 1.0), 0.0)
    return neighbours, scores


# --------------------------------------------------------------------------- serving


def recommend_for_user(
    model: Model,
    *,
    history: Sequence[tuple[int, float]],
    exclude_ids: Collection[int] = frozenset(),
    available_ids: Collection[int] | np.ndarray | None = None,
    n: int = 10,
    max_per_artist: int | None = 3,
    blend: BlendWeights | None = None,
) -> list[Pick]:
    """Personal recommendations from a user's (item_id, weight) history.

    Weights are the caller's SIGNAL_WEIGHTS, ideally already time-decayed. The
    history is normalised to sum to 1, so each component is a weighted average
    of 0..1 similarities and the blend weights stay comparable across users.

    Never returns ids in `exclude_ids` (e.g. already bought) or, when given,
    outside `available_ids` (sold/withdrawn). History items are not excluded
    automatically: a work someone viewed and is still for sale may be the best
    suggestion; pass bought ones in `exclude_ids`. History ids unknown to the
    model (listed after the last fit) are ignored; with no known history the
    result is the popularity list.
    """
    hist_rows, hist_weights = _history_rows(model, history)
    if hist_rows.size == 0:
        return popular_for_user(
            model, history=history, exclude_ids=exclude_ids, available_ids=available_ids,
            n=n, max_per_artist=max_per_artist,
        )
    blend = blend or model.blend
    share = hist_weights / hist_weights.sum()
    n_items = model.n_items

    cf = _spread(model.cf_neighbours[hist_rows], model.cf_scores[hist_rows], share, n_items)
    content = _spread(model.content_neighbours[hist_rows], model.content_scores[hist_rows], share, n_items)
    # Artist affinity: the user's share of attention on each item's artist, minus the
    # item's own share, so a work never vouches for itself ("other works you liked by ...").
    own_share = np.zeros(n_items)
    own_share[hist_rows] = share
    artist_share = np.bincount(model.item_artist[hist_rows], weights=share, minlength=model.artist_ids.shape[0])
    artist = np.maximum(artist_share[model.item_artist] - own_share, 0.0)

    parts = np.vstack([
        blend.cf * cf,
        blend.content * content,
        blend.artist * artist,
        blend.popularity * model.popularity,
    ])
    total = parts.sum(axis=0)
    allowed = _allowed(model, exclude_ids=exclude_ids, available_ids=available_ids) & (total > 0)
    rows = _best_rows(model, scores=total, allowed=allowed, n=n, max_per_artist=max_per_artist)

    picks = []
    for row in rows:
        component = int(np.argmax(parts[:, row]))  # ties go to the first: cf, content, artist, popular
        kind, reason_row = _reason(model, row=row, component=component, hist_rows=hist_rows, share=share)
        picks.append(Pick(
            item_id=int(model.item_ids[row]),
            score=float(total[row]),
            reason_kind=kind,
            reason_item_id=None if reason_row is None else int(model.item_ids[reason_row]),
        ))
    return picks


def similar_items(
    model: Model,
    *,
    item_id: int,
    source: Literal["cf", "content"] = "cf",
    n: int = 10,
    available_ids: Collection[int] | np.ndarray | None = None,
    exclude_ids: Collection[int] = frozenset(),
    max_per_artist: int | None = 3,
) -> list[Pick]:
    """Neighbours of one item: "buyers of this also liked" (source="cf") or
    "more with this vibe" (source="content"). Unknown item -> empty list."""
    if source == "cf":
        neighbours, scores, kind = model.cf_neighbours, model.cf_scores, "bought_with"
    elif source == "content":
        neighbours, scores, kind = model.content_neighbours, model.content_scores, "similar_content"
    else:
        raise ValueError(f"unknown source {source!r}")
    rows, found = _rows_of(model, np.array([item_id], dtype=np.int64))
    if not found[0]:
        return []
    row = int(rows[0])
    valid = neighbours[row] >= 0
    candidates, candidate_scores = neighbours[row][valid], scores[row][valid]
    allowed = _allowed(model, exclude_ids=exclude_ids, available_ids=available_ids)
    keep = allowed[candidates]
    # Rows are stored best-first, so filtering keeps the ranking.
    chosen = _cap_per_artist(model, ordered_rows=candidates[keep], n=n, max_per_artist=max_per_artist)
    score_of = dict(zip(candidates[keep].tolist(), candidate_scores[keep].tolist()))
    return [
        Pick(item_id=int(model.item_ids[r]), score=float(score_of[r]), reason_kind=kind, reason_item_id=int(item_id))
        for r in chosen
    ]


def popular_for_user(
    model: Model,
    *,
    history: Sequence[tuple[int, float]] = (),
    exclude_ids: Collection[int] = frozenset(),
    available_ids: Collection[int] | np.ndarray | None = None,
    n: int = 10,
    max_per_artist: int | None = 3,
) -> list[Pick]:
    """Popularity baseline and cold-start list; `history` is accepted for a common interface and ignored."""
    allowed = _allowed(model, exclude_ids=exclude_ids, available_ids=available_ids) & (model.popularity > 0)
    rows = _best_rows(model, scores=model.popularity, allowed=allowed, n=n, max_per_artist=max_per_artist)
    return [
        Pick(item_id=int(model.item_ids[r]), score=float(model.popularity[r]), reason_kind="popular",
             reason_item_id=None)
        for r in rows
    ]


def random_for_user(
    model: Model,
    *,
    history: Sequence[tuple[int, float]] = (),
    exclude_ids: Collection[int] = frozenset(),
    available_ids: Collection[int] | np.ndarray | None = None,
    n: int = 10,
    max_per_artist: int | None = 3,
    rng: np.random.Generator | None = None,
) -> list[Pick]:
    """Random baseline for evaluation. Pass one shared `rng` for reproducible runs."""
    rng = rng if rng is not None else np.random.default_rng()
    scores = rng.random(model.n_items)
    allowed = _allowed(model, exclude_ids=exclude_ids, available_ids=available_ids)
    rows = _best_rows(model, scores=scores, allowed=allowed, n=n, max_per_artist=max_per_artist)
    return [
        Pick(item_id=int(model.item_ids[r]), score=float(scores[r]), reason_kind="random", reason_item_id=None)
        for r in rows
    ]


def _rows_of(model: Model, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Catalogue rows for item ids, plus a mask of which ids the model knows."""
    rows = np.searchsorted(model.item_ids, ids)
    rows = np.minimum(rows, max(model.n_items - 1, 0))
    found = model.item_ids[rows] == ids if model.n_items else np.zeros(ids.shape, dtype=bool)
    return rows, found


def _ids_array(ids: Collection[int] | np.ndarray) -> np.ndarray:
    if isinstance(ids, np.ndarray):
        return ids.astype(np.int64, copy=False).ravel()
    return np.fromiter(ids, dtype=np.int64, count=len(ids))


def _history_rows(model: Model, history: Sequence[tuple[int, float]]) -> tuple[np.ndarray, np.ndarray]:
    """Known history items as unique rows with summed positive weights."""
    if not history:
        return np.empty(0, dtype=np.int64), np.empty(0)
    ids = np.fromiter((item_id for item_id, _ in history), dtype=np.int64, count=len(history))
    weights = np.fromiter((w for _, w in history), dtype=np.float64, count=len(history))
    rows, found = _rows_of(model, ids)
    rows, weights = rows[found], weights[found]
    unique_rows, inverse = np.unique(rows, return_inverse=True)
    summed = np.bincount(inverse, weights=weights, minlength=unique_rows.shape[0])
    positive = summed > 0
    return unique_rows[positive], summed[positive]


def _spread(neighbours: np.ndarray, scores: np.ndarray, share: np.ndarray, n_items: int) -> np.ndarray:
    """sum_h share[h] * similarity(h, item) for every item, from the history rows' neighbour lists."""
    valid = neighbours >= 0
    contributions = scores * share[:, None]
    return np.bincount(neighbours[valid], weights=contributions[valid], minlength=n_items)


def _allowed(
    model: Model, *, exclude_ids: Collection[int], available_ids: Collection[int] | np.ndarray | None
) -> np.ndarray:
    if available_ids is None:
        allowed = np.ones(model.n_items, dtype=bool)
    else:
        allowed = np.zeros(model.n_items, dtype=bool)
        rows, found = _rows_of(model, _ids_array(available_ids))
        allowed[rows[found]] = True
    if len(exclude_ids):
        rows, found = _rows_of(model, _ids_array(exclude_ids))
        allowed[rows[found]] = False
    return allowed


def _best_rows(
    model: Model, *, scores: np.ndarray, allowed: np.ndarray, n: int, max_per_artist: int | None
) -> np.ndarray:
    """Highest-scoring allowed rows, best first, with the per-artist cap applied.

    Usually the answer is among the first few dozen, so rank a short list first
    and only sort everything if the artist cap ate through it.
    """
    if n <= 0:
        return np.empty(0, dtype=np.int64)
    candidates = np.flatnonzero(allowed)
    short = min(candidates.shape[0], 8 * n)
    for size in (short, candidates.shape[0]):
        if size < candidates.shape[0]:
            top = np.argpartition(-scores[candidates], size - 1)[:size]
            pool = candidates[top]
        else:
            pool = candidates
        # Stable sort over rows (= ascending item id) gives deterministic tie-breaks,
        # except at the argpartition boundary of the short list, which is acceptable.
        pool = pool[np.lexsort((pool, -scores[pool]))]
        chosen = _cap_per_artist(model, ordered_rows=pool, n=n, max_per_artist=max_per_artist)
        if chosen.shape[0] == n or size == candidates.shape[0]:
            return chosen
    return np.empty(0, dtype=np.int64)  # unreachable: the loop always returns on the full pass


def _cap_per_artist(model: Model, *, ordered_rows: np.ndarray, n: int, max_per_artist: int | None) -> np.ndarray:
    """First n rows in order, skipping an artist's works once they have max_per_artist in the list."""
    if max_per_artist is None:
        return ordered_rows[:n]
    if max_per_artist < 1:
        raise ValueError("max_per_artist must be at least 1 (or None for no cap)")
    chosen: list[int] = []
    per_artist: dict[int, int] = {}
    for row, artist in zip(ordered_rows.tolist(), model.item_artist[ordered_rows].tolist()):
        if per_artist.get(artist, 0) >= max_per_artist:
            continue
        per_artist[artist] = per_artist.get(artist, 0) + 1
        chosen.append(row)
        if len(chosen) == n:
            break
    return np.array(chosen, dtype=np.int64)


def _reason(
    model: Model, *, row: int, component: int, hist_rows: np.ndarray, share: np.ndarray
) -> tuple[ReasonKind, int | None]:
    """The reason kind for a pick and the history row that contributed most to it."""
    if component in (0, 1):
        neighbours, scores = (
            (model.cf_neighbours, model.cf_scores) if component == 0
            else (model.content_neighbours, model.content_scores)
        )
        contribution = np.where(neighbours[hist_rows] == row, scores[hist_rows], 0.0).max(axis=1) * share
        kind: ReasonKind = "bought_with" if component == 0 else "similar_content"
        return kind, int(hist_rows[np.argmax(contribution)])
    if component == 2:
        same_artist = (model.item_artist[hist_rows] == model.item_artist[row]) & (hist_rows != row)
        return "same_artist", int(hist_rows[np.argmax(np.where(same_artist, share, -1.0))])
    return "popular", None


# --------------------------------------------------------------------------- synthetic data


@dataclass(frozen=True)
class SyntheticData:
    catalogue: Catalogue
    interactions: Interactions
    is_order: np.ndarray  # (n_interactions,) bool, for evaluation's time split
    now: float  # unix seconds of the newest possible event


def synthetic_data(
    *,
    n_items: int = 10_000,
    n_users: int = 20_000,
    n_interactions: int = 100_000,
    n_artists: int = 1_000,
    n_styles: int = 25,
    taste_share: float = 0.8,
    days: float = 365.0,
    seed: int = 0,
) -> SyntheticData:
    """Clustered fake marketplace data for benchmarks and tests.

    Each artist works in one style; each user prefers one style and spends
    `taste_share` of their events there (skewed towards a few popular works),
    the rest at random. Texts and colours follow the style, so CF, content and
    artist signals all carry real, recoverable structure.
    """
    rng = np.random.default_rng(seed)
    artist_ids = np.arange(1, n_artists + 1, dtype=np.int64) * 7  # ids need not be dense
    artist_style = rng.integers(n_styles, size=n_artists)
    item_artist_row = rng.integers(n_artists, size=n_items)
    item_style = artist_style[item_artist_row]
    item_ids = rng.choice(10 * n_items, size=n_items, replace=False).astype(np.int64) + 1  # unsorted on purpose

    mediums = ["oil on canvas", "acrylic", "watercolour", "charcoal drawing", "photograph", "linocut print"]
    filler = [f"word{i}" for i in range(2_000)]
    style_words = [[f"style{s}mood{j}" for j in range(6)] for s in range(n_styles)]
    style_medium = rng.integers(len(mediums), size=n_styles)
    texts = []
    for row in range(n_items):
        s = int(item_style[row])
        vibe = " ".join(rng.choice(style_words[s], size=2, replace=False))
        medium = mediums[style_medium[s]] if rng.random() < 0.7 else mediums[rng.integers(len(mediums))]
        description = " ".join(rng.choice(filler, size=15))
        texts.append(content_text(vibe=vibe, tags=[f"style{s}"], medium=medium, description=description))
    palettes = rng.dirichlet(np.ones(8), size=n_styles)
    colours = np.clip(palettes[item_style] + rng.normal(0.0, 0.05, size=(n_items, 8)), 0.0, None)

    # Events: users pick mostly within their style, with a popularity skew inside it.
    by_style = np.argsort(item_style, kind="stable")
    style_start = np.searchsorted(item_style[by_style], np.arange(n_styles))
    style_size = np.bincount(item_style, minlength=n_styles)
    user_style = rng.integers(n_styles, size=n_users)
    user_idx = rng.integers(n_users, size=n_interactions)
    in_taste = rng.random(n_interactions) < taste_share
    style = user_style[user_idx]
    has_items = style_size[style] > 0
    position = (rng.random(n_interactions) ** 2 * style_size[style]).astype(np.int64)
    item_idx = rng.integers(n_items, size=n_interactions)
    use_taste = in_taste & has_items
    item_idx[use_taste] = by_style[style_start[style[use_taste]] + position[use_taste]]

    kinds = np.array(["order", "cart", "wishlist", "view"])
    kind = rng.choice(kinds, size=n_interactions, p=[0.05, 0.1, 0.1, 0.75])
    weight = np.vectorize(SIGNAL_WEIGHTS.__getitem__, otypes=[np.float64])(kind)
    now = 1_700_000_000.0
    timestamp = now - rng.random(n_interactions) * days * SECONDS_PER_DAY

    return SyntheticData(
        catalogue=Catalogue(
            item_ids=item_ids, artist_ids=artist_ids[item_artist_row], texts=texts, colours=colours
        ),
        interactions=Interactions(user_idx=user_idx, item_idx=item_idx, weight=weight, timestamp=timestamp),
        is_order=kind == "order",
        now=now,
    )
