"""Reads for the recommender: the training matrix from the database, a buyer's history, artwork cards.

Signals and their weights (engine.SIGNAL_WEIGHTS): order lines are the strongest; cart
adds (basket lines, and lines of orders that were never paid), wishlist adds and
favourites (hearts) show intent; product views (Oscar's analytics) are cheap. Recent events count more (time
decay, applied by the engine at fit time and here at serving time).
"""
from __future__ import annotations

import functools
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Now
from django.utils import timezone
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from artiqo.core.cache import versioned_get_or_set
from recommend.engine import SECONDS_PER_DAY, SIGNAL_WEIGHTS, Catalogue, Interactions, content_text, decay_factor
from recommend.models import ArtworkColour
from storefront.catalogue.models import ArtworkKind, Medium
from storefront.catalogue.selectors import artwork_list, artwork_queryset
from storefront.catalogue.vibe_classifier import VibeExample
from storefront.order import statuses

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

# Orders that never went through (expired unpaid, cancelled) still show intent, like a cart
# add; every other order counts as bought, and a bought work is never recommended back.
ABANDONED_ORDER_STATUSES = (statuses.EXPIRED, statuses.CANCELLED)
_CHUNK = 20_000
FEATURED_CACHE_SECONDS = 60


@dataclass(frozen=True)
class _Source:
    """Where one kind of event lives: the model, and paths to its user, product and date."""

    model: str
    user: str
    date: str | Coalesce
    kind: str
    where: Q = Q()

    def queryset(self) -> QuerySet:
        app_label, model_name = self.model.split(".")
        return get_model(app_label, model_name).objects.filter(self.where, product__isnull=False)


def _favourite_sources() -> tuple[_Source, ...]:
    """Hearted works (collectors' favourites) count as the wishlist signal, dated when hearted."""
    return (_Source("collectors.Favourite", "user_id", "date_created", "wishlist"),)


SOURCES = (
    _Source("order.Line", "order__user_id", "order__date_placed", "order",
            ~Q(order__status__in=ABANDONED_ORDER_STATUSES)),
    _Source("order.Line", "order__user_id", "order__date_placed", "cart",
            Q(order__status__in=ABANDONED_ORDER_STATUSES)),
    _Source("basket.Line", "basket__owner_id", "date_created", "cart"),
    # Oscar's wishlist lines carry no date: recommend.WishlistLineAdded records when each was
    # added. A line without one (bulk inserts) counts as added now, never earlier than it was.
    _Source("wishlists.Line", "wishlist__owner_id", Coalesce("recommend_added__date_added", Now()), "wishlist"),
    _Source("analytics.UserProductView", "user_id", "date_created", "view"),
    *_favourite_sources(),
)


# --------------------------------------------------------------------------- training data


@dataclass(frozen=True)
class TrainingData:
    """Everything fit() and the offline evaluation need, as plain arrays."""

    catalogue: Catalogue
    interactions: Interactions
    is_order: np.ndarray  # (n_events,) bool: the event is a bought order line
    available_ids: np.ndarray  # ids of public works with stock left, at reading time
    original_ids: np.ndarray  # ids of one-of-a-kind works (they sell once)
    listed_at: np.ndarray  # (n_items,) unix seconds each work was listed, in catalogue order
    n_users: int


def training_data_build() -> TrainingData:
    """Read the catalogue and every signal; a constant number of queries, rows streamed."""
    rows = list(
        artwork_queryset(public_only=False)
        .prefetch_related(None)
        .select_related(None)
        .order_by("pk")
        .values_list("pk", "artist_id", "vibe__name", "medium", "style", "description", "is_public", "is_available",
                     "kind", "date_created")
    )
    item_ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    # Works without an artist share one pseudo-artist (-1) so the per-artist cap still applies.
    artist_ids = np.fromiter((row[1] if row[1] is not None else -1 for row in rows), dtype=np.int64, count=len(rows))
    tags = _tags_by_product()
    labels = dict(Medium.choices)
    texts = [
        content_text(vibe=vibe or "", tags=tags.get(pk, ()), medium=labels.get(medium, medium or ""),
                     style=style or "", description=description or "")
        for pk, _, vibe, medium, style, description, *_ in rows
    ]
    available_ids = np.array([row[0] for row in rows if row[6] and row[7]], dtype=np.int64)
    original_ids = np.array([row[0] for row in rows if row[8] == ArtworkKind.ORIGINAL], dtype=np.int64)
    listed_at = np.fromiter((row[9].timestamp() for row in rows), dtype=np.float64, count=len(rows))
    colours = _colour_matrix(item_ids)
    interactions, is_order, n_users = _interactions(item_ids)
    return TrainingData(
        catalogue=Catalogue(item_ids=item_ids, artist_ids=artist_ids, texts=texts, colours=colours),
        interactions=interactions,
        is_order=is_order,
        available_ids=available_ids,
        original_ids=original_ids,
        listed_at=listed_at,
        n_users=n_users,
    )


def _tags_by_product() -> dict[int, list[str]]:
    through = Product.tags.through
    tags: dict[int, list[str]] = {}
    for object_id, name in (
        through.objects.filter(content_type=ContentType.objects.get_for_model(Product))
        .values_list("object_id", "tag__name")
        .iterator(chunk_size=_CHUNK)
    ):
        tags.setdefault(int(object_id), []).append(name)
    return tags


def _colour_matrix(item_ids: np.ndarray) -> np.ndarray | None:
    """(n_items, bins) histograms; zeros for works not analysed. None when none is."""
    found = list(ArtworkColour.objects.filter(histogram__isnull=False).values_list("product_id", "histogram"))
    if not found:
        return None
    width = len(found[0][1])
    matrix = np.zeros((item_ids.shape[0], width), dtype=np.float32)
    rows = np.searchsorted(item_ids, [pk for pk, _ in found])
    for row, (pk, histogram) in zip(rows.tolist(), found):
        if row < item_ids.shape[0] and item_ids[row] == pk and len(histogram) == width:
            matrix[row] = histogram
    return matrix


def _interactions(item_ids: np.ndarray) -> tuple[Interactions, np.ndarray, int]:
    users, items, stamps, weights, orders = array("q"), array("q"), array("d"), array("d"), array("b")
    for source in SOURCES:
        weight = SIGNAL_WEIGHTS[source.kind]
        before = len(users)
        for user_id, product_id, date in (
            source.queryset()
            .filter(**{f"{source.user}__isnull": False})
            .values_list(source.user, "product_id", source.date)
            .iterator(chunk_size=_CHUNK)
        ):
            users.append(user_id)
            items.append(product_id)
            stamps.append(date.timestamp())
        added = len(users) - before
        weights.extend([weight] * added)
        orders.extend([source.kind == "order"] * added)
    product = np.frombuffer(items, dtype=np.int64) if items else np.empty(0, dtype=np.int64)
    # Events on products outside the catalogue (e.g. Oscar parent products) are dropped.
    rows = np.minimum(np.searchsorted(item_ids, product), max(item_ids.shape[0] - 1, 0))
    known = (item_ids[rows] == product) if item_ids.shape[0] else np.zeros(product.shape, dtype=bool)
    user_ids = np.frombuffer(users, dtype=np.int64) if users else np.empty(0, dtype=np.int64)
    unique_users, user_idx = np.unique(user_ids[known], return_inverse=True)
    interactions = Interactions(
        user_idx=user_idx.astype(np.int64),
        item_idx=rows[known].astype(np.int64),
        weight=np.frombuffer(weights, dtype=np.float64)[known] if weights else np.empty(0),
        timestamp=np.frombuffer(stamps, dtype=np.float64)[known] if stamps else np.empty(0),
    )
    is_order = np.frombuffer(orders, dtype=np.int8)[known].astype(bool) if orders else np.zeros(0, dtype=bool)
    return interactions, is_order, int(unique_users.shape[0])


@dataclass(frozen=True)
class MainImage:
    product_id: int
    file_name: str  # the thumbnail if there is one (smaller to read), else the original
    source: str  # identifies this image: "<image id>:<file name>"


def artwork_main_images() -> Iterable[MainImage]:
    """The main image (first by display order) of every artwork that has one."""
    last = None
    for product_id, image_id, thumbnail, original in (
        ProductImage.objects.order_by("product_id", "display_order", "id")
        .values_list("product_id", "id", "thumbnail", "original")
        .iterator(chunk_size=_CHUNK)
    ):
        if product_id != last and (thumbnail or original):
            last = product_id
            name = thumbnail or original
            yield MainImage(product_id=product_id, file_name=name, source=f"{image_id}:{name}")


def artwork_colour_sources() -> dict[int, str]:
    """{product id: source} of the colour histograms already computed."""
    return dict(ArtworkColour.objects.values_list("product_id", "source").iterator(chunk_size=_CHUNK))


# --------------------------------------------------------------------------- a buyer's history


@dataclass(frozen=True)
class BuyerHistory:
    """What one buyer did, ready for engine.recommend_for_user()."""

    history: tuple[tuple[int, float], ...]  # (artwork id, decayed weight)
    bought_ids: frozenset[int]
    titles: dict[int, str]  # artwork id -> title, for the reason texts
    strongest: dict[int, str]  # artwork id -> strongest event kind (order, cart, wishlist, view)


# Stands for the buyer's id in the history query compiled once per process (never a real id).
_ANY_USER = -1


@functools.lru_cache(maxsize=4)
def _history_sql(vendor: str) -> tuple[str, tuple]:
    """SQL of the history union for _ANY_USER: building five ORM querysets per request
    costs several milliseconds of CPU, running the compiled statement a fraction of one."""
    parts = [
        source.queryset()
        .filter(**{source.user: _ANY_USER})
        .values("product_id", "product__title")
        .annotate(kind=Value(source.kind), n=Count("pk"), last=Max(source.date))
        .values_list("product_id", "product__title", "kind", "n", "last")
        .order_by()
        for source in SOURCES
    ]
    return parts[0].union(*parts[1:], all=True).query.sql_with_params()


def buyer_history_get(*, user, half_life_days: float | None, now: datetime | None = None) -> BuyerHistory:
    """The buyer's events, one row per (artwork, kind) in ONE query (a union of the sources).

    Grouping in the database keeps the answer small however many times someone viewed
    a work; every event of a group is decayed from the group's latest date.
    """
    now = now or timezone.now()
    sql, params = _history_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk if param == _ANY_USER else param for param in params])
        rows = cursor.fetchall()
    weights: dict[int, float] = {}
    titles: dict[int, str] = {}
    strongest: dict[int, str] = {}
    bought: set[int] = set()
    for product_id, title, kind, count, last in rows:
        # A raw cursor skips the ORM's converters: SQLite returns text, MySQL naive UTC.
        last = connection.ops.convert_datetimefield_value(last, None, connection)
        age_days = (now - last).total_seconds() / SECONDS_PER_DAY
        decay = float(decay_factor(age_days=age_days, half_life_days=half_life_days))
        weights[product_id] = weights.get(product_id, 0.0) + SIGNAL_WEIGHTS[kind] * count * decay
        titles[product_id] = title
        if SIGNAL_WEIGHTS[kind] > SIGNAL_WEIGHTS.get(strongest.get(product_id, ""), 0.0):
            strongest[product_id] = kind
        if kind == "order":
            bought.add(product_id)
    return BuyerHistory(
        history=tuple(weights.items()), bought_ids=frozenset(bought), titles=titles, strongest=strongest
    )


# --------------------------------------------------------------------------- cards


def artwork_cards_available(*, ids: Iterable[int]) -> dict[int, object]:
    """{id: artwork card} of the given works still for sale; one query + one for images."""
    ids = list(ids)
    if not ids:
        return {}
    return {artwork.pk: artwork for artwork in artwork_queryset().filter(pk__in=ids, net_stock__gt=0)}


def artwork_titles(*, ids: Iterable[int]) -> dict[int, str]:
    """{id: title} of public works (one query): the reason texts of a visitor's picks."""
    ids = list(ids)
    if not ids:
        return {}
    return dict(Product.objects.filter(pk__in=ids, is_public=True).values_list("pk", "title"))


def artwork_cards_newest(*, exclude_ids: Iterable[int], limit: int, vibe_id: int | None = None,
                         medium_first: str | None = None) -> list:
    """Newest works for sale (optionally of one vibe; those of `medium_first` first) when the model has too few."""
    queryset = artwork_list(available=True).exclude(pk__in=list(exclude_ids))
    if vibe_id is not None:
        queryset = queryset.filter(vibe_id=vibe_id)
    if medium_first:
        same_medium = Case(When(medium=medium_first, then=Value(0)), default=Value(1), output_field=IntegerField())
        queryset = queryset.order_by(same_medium, *queryset.query.order_by)
    return list(queryset[:limit])


def artwork_featured_ids(*, limit: int) -> list[tuple[int, int | None]]:
    """(id, artist id) of works featured right now (the catalogue's read), in the editors' order.

    Kept in the cache until the catalogue changes (a minute at most): the listing query
    is the costliest read of a visitor's list. Whether each is still for sale is checked
    with the cards on every request.
    """
    from storefront.catalogue.selectors import featured_artwork_list

    if limit <= 0:
        return []
    # Versioned (artiqo.core.cache): a feature bought shows on the next request.
    return versioned_get_or_set(
        "recommend:featured", limit,
        compute=lambda: list(featured_artwork_list(limit=limit).prefetch_related(None).values_list("pk", "artist_id")),
        timeout=FEATURED_CACHE_SECONDS,
    )


def artwork_seed_get(*, pk: int):
    """The public artwork a "similar" list starts from (just what serving needs), or None."""
    return (
        Product.objects.filter(pk=pk, is_public=True, structure=Product.STANDALONE)
        .only("id", "title", "vibe_id", "medium")
        .first()
    )


def vibe_examples() -> list[VibeExample]:
    """Every work with a vibe and an analysed image, as the vibe classifier learns from it (oldest first).

    The colours are those artwork_colours_refresh() stored, so no image is read here.
    """
    rows = (ArtworkColour.objects.filter(histogram__isnull=False, product__vibe__isnull=False)
            .order_by("product_id")
            .values_list("product__title", "product__description", "product__vibe__slug", "histogram"))
    return [VibeExample(text=f"{title}\n{strip_tags(description or '')}".strip(), histogram=tuple(histogram),
                        vibe=vibe)
            for title, description, vibe, histogram in rows.iterator(chunk_size=_CHUNK)]
