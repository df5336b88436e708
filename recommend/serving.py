"""Serving recommendations: a lookup in the current model's precomputed neighbours, then ONE query for the cards.

No training happens here. A list is: the buyer's history (one query), a lookup in the
loaded model, and one query for the cards of the best candidates still for sale (plus
the catalogue's images prefetch). The model already skips what was sold when it was
trained; a few spare candidates cover works sold since. Only when those run out does a
second round of cards, or the newest works, fill the list. Every list holds no sold or
withdrawn work, nothing the buyer already bought, at most ARTIST_CAP works per artist
in ten, and a reason per work.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from recommend import reasons
from recommend.engine import recommend_for_user, similar_items
from recommend.selectors import (
    BuyerHistory,
    artwork_cards_available,
    artwork_cards_newest,
    artwork_featured_ids,
    artwork_titles,
    buyer_history_get,
)
from recommend.store import ServedModel, model_current

ARTIST_CAP = 3  # works by one artist in a list of ten
FEATURED_SLOTS = 3  # paid featured listings shown first to visitors and new buyers
DEFAULT_HALF_LIFE_DAYS = 90.0
SPARE = 5  # candidates read beyond the list's length, for works sold since the last training
CARD_ROUNDS = 2  # reads of cards before falling back to the newest works


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


Describe = Callable[[_Candidate, object], str]


def artist_cap(n: int) -> int:
    """At most 3 works per artist in a list of ten, the same share in longer lists."""
    return max(ARTIST_CAP, math.ceil(ARTIST_CAP * n / 10))


def _pool_size(n: int) -> int:
    # Model candidates asked for: enough for both card rounds.
    return 3 * n + 2 * SPARE


@dataclass
class _Slate:
    """One list being filled from ranked candidates: no repeats, nothing taken, artist cap kept.

    `taken` may be shared between the lists of one page so a work appears only once.
    """

    candidates: list[_Candidate]
    n: int
    cap: int
    taken: set[int]
    describe: Describe
    # Only works of this vibe (the "More with this vibe" list keeps its word).
    vibe_id: int | None = None
    position: int = 0
    chosen: list[tuple[_Candidate, object]] = field(default_factory=list)
    per_artist: Counter = field(default_factory=Counter)

    @property
    def missing(self) -> int:
        return max(self.n - len(self.chosen), 0)

    def next_batch(self, artist_of: Callable[[int], object]) -> list[_Candidate]:
        """The next candidates worth reading a card for (the model knows their artists)."""
        batch, seen, tentative = [], set(), Counter(self.per_artist)
        while self.position < len(self.candidates) and len(batch) < self.missing + SPARE:
            candidate = self.candidates[self.position]
            self.position += 1
            artist = artist_of(candidate.artwork_id)
            if candidate.artwork_id in self.taken or candidate.artwork_id in seen or tentative[artist] >= self.cap:
                continue
            seen.add(candidate.artwork_id)
            tentative[artist] += 1
            batch.append(candidate)
        return batch

    def accept(self, candidate: _Candidate, card) -> bool:
        if not self.missing or card.pk in self.taken or self.per_artist[card.artist_id] >= self.cap:
            return False
        if self.vibe_id is not None and card.vibe_id != self.vibe_id:
            return False
        self.taken.add(card.pk)
        self.per_artist[card.artist_id] += 1
        self.chosen.append((candidate, card))
        return True

    def fill_with_newest(self, *, kind: str = "new", vibe_id: int | None = None,
                         medium_first: str | None = None) -> None:
        """Top up a short list with the newest works for sale (one query, only when needed)."""
        if self.missing:
            # Over-fetch a little: the artist cap may skip some of them.
            for card in artwork_cards_newest(exclude_ids=self.taken, limit=2 * self.missing + SPARE,
                                             vibe_id=vibe_id, medium_first=medium_first):
                self.accept(_Candidate(card.pk, kind), card)

    def render(self) -> list[Recommendation]:
        return [
            Recommendation(artwork=card, reason_kind=c.kind, reason=self.describe(c, card),
                           reason_artwork_id=c.reason_artwork_id, score=c.score)
            for c, card in self.chosen
        ]


def _fill(slates: list[_Slate], *, artist_of: Callable[[int], object]) -> None:
    """Give the slates cards for their best candidates: one query per round for all of them."""
    for _ in range(CARD_ROUNDS):
        batches = [slate.next_batch(artist_of) if slate.missing else [] for slate in slates]
        ids = {candidate.artwork_id for batch in batches for candidate in batch}
        if not ids:
            return
        cards = artwork_cards_available(ids=ids)  # only works still for sale come back
        for slate, batch in zip(slates, batches):
            for candidate in batch:
                if candidate.artwork_id in cards:
                    slate.accept(candidate, cards[candidate.artwork_id])


def _artist_lookup(served: ServedModel | None, known: dict[int, int | None]) -> Callable[[int], object]:
    """Artist of a candidate before its card is read; an unknown one stands alone (its own key)."""
    model_artists = served.artist_of if served is not None else {}

    def artist_of(artwork_id: int) -> object:
        if artwork_id in known:
            return known[artwork_id]
        return model_artists.get(artwork_id, ("unknown", artwork_id))

    return artist_of


def _describe_general(candidate: _Candidate, artwork) -> str:
    if candidate.kind == "similar_content":
        return reasons.more_like_text(artwork=artwork)
    if candidate.kind == "same_artist":
        return reasons.more_by_text(artwork=artwork)
    return reasons.FIXED[candidate.kind]


def _personal_describer(history: BuyerHistory) -> Describe:
    def describe(candidate: _Candidate, artwork) -> str:
        if candidate.kind == "bought_with" and candidate.reason_artwork_id is not None:
            reason_id = candidate.reason_artwork_id
            return reasons.because_text(event_kind=history.strongest.get(reason_id, "view"),
                                        title=history.titles.get(reason_id, "a work you liked"))
        return _describe_general(candidate, artwork)

    return describe


def _half_life(served: ServedModel) -> float | None:
    return served.meta.get("config", {}).get("half_life_days", DEFAULT_HALF_LIFE_DAYS)


def _candidates(picks) -> list[_Candidate]:
    return [_Candidate(p.item_id, p.reason_kind, p.reason_item_id, p.score) for p in picks]


def recommendations_for_user(*, user, n: int = 10) -> RecommendationList:
    """"Recommended for you" for a buyer with a history; featured and popular works otherwise."""
    served = model_current()
    history: BuyerHistory | None = None
    personal: list[_Candidate] = []
    if served is not None and user is not None and user.is_authenticated:
        history = buyer_history_get(user=user, half_life_days=_half_life(served))
        if history.history:
            personal = _candidates(recommend_for_user(
                served.model, history=list(history.history), exclude_ids=history.bought_ids,
                available_ids=served.available_ids, n=_pool_size(n), max_per_artist=artist_cap(n),
            ))
    personalised = any(candidate.kind != "popular" for candidate in personal)
    bought = history.bought_ids if history is not None else frozenset()

    featured = [] if personalised else artwork_featured_ids(limit=FEATURED_SLOTS)
    popular = [] if served is None else [_Candidate(i, "popular") for i in served.popular_ids[: _pool_size(n)].tolist()]
    slate = _Slate(
        candidates=[_Candidate(artwork_id, "featured") for artwork_id, _ in featured] + personal + popular,
        n=n, cap=artist_cap(n), taken=set(bought),
        describe=_personal_describer(history) if history is not None else _describe_general,
    )
    _fill([slate], artist_of=_artist_lookup(served, dict(featured)))
    slate.fill_with_newest()
    return RecommendationList(
        items=slate.render(), personalised=personalised, model_version=served.version if served is not None else None
    )


def recommendations_for_visitor(*, seen_ids: list[int], n: int = 8,
                                exclude_ids: frozenset[int] = frozenset()) -> RecommendationList:
    """Picks for a visitor from the works they looked at this session (newest counts most),
    "because you looked at ..."; empty without a model or a known work to start from.

    A constant number of queries: the titles of the seen works, then one or two rounds of cards.
    """
    served = model_current()
    titles = artwork_titles(ids=seen_ids) if served is not None and seen_ids else {}
    if not titles:
        version = None if served is None else served.version
        return RecommendationList(items=[], personalised=False, model_version=version)
    # The newest look counts most: 1, 1/2, 1/3, ...
    history = [(pk, 1.0 / rank) for rank, pk in enumerate(seen_ids, start=1) if pk in titles]
    picks = [p for p in recommend_for_user(
        served.model, history=history, available_ids=served.available_ids, n=_pool_size(n),
        max_per_artist=artist_cap(n), exclude_ids=set(exclude_ids) | set(titles),
    ) if p.reason_kind != "popular"]
    visitor = BuyerHistory(history=tuple(history), bought_ids=frozenset(), titles=titles,
                           strongest=dict.fromkeys(titles, "look"))
    slate = _Slate(candidates=_candidates(picks), n=n, cap=artist_cap(n), taken=set(exclude_ids) | set(titles),
                   describe=_visitor_describer(visitor))
    _fill([slate], artist_of=_artist_lookup(served, {}))
    return RecommendationList(items=slate.render(), personalised=bool(slate.chosen), model_version=served.version)


def _visitor_describer(history: BuyerHistory) -> Describe:
    def describe(candidate: _Candidate, artwork) -> str:
        if candidate.reason_artwork_id in history.titles:
            return reasons.because_text(event_kind="look", title=history.titles[candidate.reason_artwork_id])
        return _describe_general(candidate, artwork)

    return describe


def similar_artworks_for(*, artwork, n: int = 6) -> SimilarArtworks:
    """"Buyers of this also liked" (co-purchase neighbours) and "More with this vibe" (content).

    A work the model does not know yet (listed after the last training) still gets
    "more with this vibe": the newest works of its vibe, those of its medium first. That
    list holds works of the same vibe only (the model's content neighbours can share tags,
    medium or colours with other vibes), and nothing for a work without a vibe.
    """
    served = model_current()
    cap = artist_cap(n)
    cf: list[_Candidate] = []
    content: list[_Candidate] = []
    if served is not None:
        for source, target in (("cf", cf), ("content", content)):
            target.extend(_candidates(similar_items(
                served.model, item_id=artwork.pk, source=source, n=_pool_size(n),
                available_ids=served.available_ids, max_per_artist=cap,
            )))

    def describe(candidate: _Candidate, card) -> str:
        if candidate.kind == "bought_with":
            return reasons.also_liked_text(title=artwork.title)
        return _describe_general(candidate, card)

    # One `taken` set for both lists: each work appears once on the page, never the work itself.
    taken = {artwork.pk}
    also_liked = _Slate(candidates=cf, n=n, cap=cap, taken=taken, describe=describe)
    vibe_list = _Slate(candidates=content if artwork.vibe_id else [], n=n if artwork.vibe_id else 0, cap=cap,
                       taken=taken, describe=describe, vibe_id=artwork.vibe_id)
    _fill([also_liked, vibe_list], artist_of=_artist_lookup(served, {}))
    if artwork.vibe_id:
        vibe_list.fill_with_newest(kind="similar_content", vibe_id=artwork.vibe_id,
                                   medium_first=artwork.medium or None)
    return SimilarArtworks(
        buyers_also_liked=also_liked.render(),
        more_with_this_vibe=vibe_list.render(),
        model_version=served.version if served is not None else None,
    )
