"""Serving recommendations: precomputed neighbours from the current model, then one query for the cards.

No training happens here. A list is: the buyer's history (one query), a lookup in the
loaded model, and one query for the cards of the candidates still for sale (plus the
catalogue's images prefetch). Only when too few candidates survive (sold since the
last training, or no model yet) does one more query fill the list with the newest
works. Every list holds no sold or withdrawn work, nothing the buyer already bought,
at most ARTIST_CAP works per artist in ten, and a reason per work.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from recommend import reasons
from recommend.engine import recommend_for_user, similar_items
from recommend.selectors import (
    BuyerHistory,
    artwork_cards_available,
    artwork_cards_featured,
    artwork_cards_newest,
    buyer_history_get,
)
from recommend.store import ServedModel, model_current

ARTIST_CAP = 3  # works by one artist in a list of ten
FEATURED_SLOTS = 3  # paid featured listings shown first to visitors and new buyers
DEFAULT_HALF_LIFE_DAYS = 90.0


@dataclass(frozen=True)
class Recommendation:
    """One work in a list, with why it is there."""

    artwork: object  # an artwork card from storefront.catalogue.selectors.artwork_queryset
    reason_kind: str  # bought_with, similar_content, same_artist, popular, featured, new
    reason: str  # the sentence shown to the buyer
    reason_artwork_id: int | None  # the work behind the pick, if any
    score: float | None


@dataclass(frozen=True)
class RecommendationList:
    items: list[Recommendation]
    personalised: bool  # False: popular/featured/new works (visitor, new buyer, no model yet)
    model_version: str | None


@dataclass(frozen=True)
class SimilarArtworks:
    buyers_also_liked: list[Recommendation]
    more_with_this_vibe: list[Recommendation]
    model_version: str | None


@dataclass(frozen=True)
class _Candidate:
    artwork_id: int
    kind: str
    reason_artwork_id: int | None = None
    score: float | None = None


def artist_cap(n: int) -> int:
    """At most 3 works per artist in a list of ten, the same share in longer lists."""
    return max(ARTIST_CAP, math.ceil(ARTIST_CAP * n / 10))


def _pool_size(n: int) -> int:
    # Over-fetch so works sold since training can be dropped without coming up short.
    return 3 * n + 10


def _append(
    chosen: list[Recommendation],
    *,
    candidates: Iterable[_Candidate],
    cards: dict[int, object],
    n: int,
    cap: int,
    exclude: frozenset[int] = frozenset(),
    describe: Callable[[_Candidate, object], str],
) -> None:
    """Add candidates in order while the list has room: for sale, not yet listed, artist cap kept."""
    taken = {item.artwork.pk for item in chosen} | exclude
    per_artist = Counter(item.artwork.artist_id for item in chosen)
    for candidate in candidates:
        if len(chosen) >= n:
            return
        artwork = cards.get(candidate.artwork_id)
        if artwork is None or artwork.pk in taken or per_artist[artwork.artist_id] >= cap:
            continue
        taken.add(artwork.pk)
        per_artist[artwork.artist_id] += 1
        chosen.append(Recommendation(
            artwork=artwork, reason_kind=candidate.kind, reason=describe(candidate, artwork),
            reason_artwork_id=candidate.reason_artwork_id, score=candidate.score,
        ))


def _fill_with_newest(chosen: list[Recommendation], *, n: int, cap: int, exclude: frozenset[int],
                      kind: str = "new", vibe_id: int | None = None, medium: str | None = None) -> None:
    """Top up a short list with the newest works for sale (one query, only when needed)."""
    if len(chosen) >= n:
        return
    taken = exclude | {item.artwork.pk for item in chosen}
    newest = artwork_cards_newest(exclude_ids=taken, limit=_pool_size(n), vibe_id=vibe_id, medium=medium)
    _append(chosen, candidates=[_Candidate(artwork.pk, kind) for artwork in newest],
            cards={artwork.pk: artwork for artwork in newest}, n=n, cap=cap, describe=_describe_general)


def _describe_general(candidate: _Candidate, artwork) -> str:
    if candidate.kind == "similar_content":
        return reasons.more_like_text(artwork=artwork)
    if candidate.kind == "same_artist":
        return reasons.more_by_text(artwork=artwork)
    return reasons.FIXED[candidate.kind]


def _personal_describer(history: BuyerHistory) -> Callable[[_Candidate, object], str]:
    def describe(candidate: _Candidate, artwork) -> str:
        if candidate.kind == "bought_with" and candidate.reason_artwork_id is not None:
            reason_id = candidate.reason_artwork_id
            return reasons.because_text(event_kind=history.strongest.get(reason_id, "view"),
                                        title=history.titles.get(reason_id, "a work you liked"))
        return _describe_general(candidate, artwork)

    return describe


def _half_life(served: ServedModel) -> float | None:
    return served.meta.get("config", {}).get("half_life_days", DEFAULT_HALF_LIFE_DAYS)


def recommendations_for_user(*, user, n: int = 10) -> RecommendationList:
    """"Recommended for you" for a buyer with a history; popular and featured works otherwise."""
    served = model_current()
    cap = artist_cap(n)
    history: BuyerHistory | None = None
    personal: list[_Candidate] = []
    if served is not None and user is not None and user.is_authenticated:
        history = buyer_history_get(user=user, half_life_days=_half_life(served))
        if history.history:
            picks = recommend_for_user(
                served.model, history=list(history.history), exclude_ids=history.bought_ids,
                available_ids=served.available_ids, n=_pool_size(n), max_per_artist=cap,
            )
            personal = [_Candidate(p.item_id, p.reason_kind, p.reason_item_id, p.score) for p in picks]
    personalised = any(candidate.kind != "popular" for candidate in personal)
    bought = history.bought_ids if history is not None else frozenset()

    popular: list[_Candidate] = []
    if served is not None:
        popular_ids = [i for i in served.popular_ids.tolist() if i not in bought][: _pool_size(n)]
        popular = [_Candidate(artwork_id, "popular") for artwork_id in popular_ids]

    chosen: list[Recommendation] = []
    if not personalised:
        featured = artwork_cards_featured(limit=FEATURED_SLOTS)
        _append(chosen, candidates=[_Candidate(a.pk, "featured") for a in featured],
                cards={a.pk: a for a in featured}, n=n, cap=cap, exclude=bought, describe=_describe_general)
    cards = artwork_cards_available(ids={c.artwork_id for c in personal} | {c.artwork_id for c in popular})
    describe = _personal_describer(history) if history is not None else _describe_general
    _append(chosen, candidates=personal + popular, cards=cards, n=n, cap=cap, exclude=bought, describe=describe)
    _fill_with_newest(chosen, n=n, cap=cap, exclude=bought)
    return RecommendationList(
        items=chosen, personalised=personalised, model_version=served.version if served is not None else None
    )


def similar_artworks_for(*, artwork, n: int = 6) -> SimilarArtworks:
    """"Buyers of this also liked" (co-purchase neighbours) and "More with this vibe" (content).

    A work the model does not know yet (listed after the last training) still gets
    "more with this vibe": the newest works of its vibe and medium.
    """
    served = model_current()
    cap = artist_cap(n)
    cf: list[_Candidate] = []
    content: list[_Candidate] = []
    if served is not None:
        for source, target in (("cf", cf), ("content", content)):
            target.extend(
                _Candidate(p.item_id, p.reason_kind, p.reason_item_id, p.score)
                for p in similar_items(served.model, item_id=artwork.pk, source=source, n=_pool_size(n),
                                       available_ids=served.available_ids, max_per_artist=cap)
            )
    cards = artwork_cards_available(ids={c.artwork_id for c in cf + content})

    def describe(candidate: _Candidate, card) -> str:
        if candidate.kind == "bought_with":
            return reasons.also_liked_text(title=artwork.title)
        return _describe_general(candidate, card)

    also_liked: list[Recommendation] = []
    _append(also_liked, candidates=cf, cards=cards, n=n, cap=cap, exclude=frozenset({artwork.pk}), describe=describe)
    # Each work appears once on the page: the vibe list skips what the first list shows.
    shown = frozenset({artwork.pk} | {item.artwork.pk for item in also_liked})
    vibe_list: list[Recommendation] = []
    _append(vibe_list, candidates=content, cards=cards, n=n, cap=cap, exclude=shown, describe=describe)
    if artwork.vibe_id or artwork.medium:
        _fill_with_newest(vibe_list, n=n, cap=cap, exclude=shown, kind="similar_content",
                          vibe_id=artwork.vibe_id, medium=artwork.medium or None)
    return SimilarArtworks(
        buyers_also_liked=also_liked, more_with_this_vibe=vibe_list,
        model_version=served.version if served is not None else None,
    )
