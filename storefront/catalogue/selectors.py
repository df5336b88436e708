"""Reads of the art catalogue: browse, filter and sort artworks with the ORM; which works are featured.

Every list is one SQL query for the rows plus one for their images, whatever the page
size: price and stock come from a join on the (single) stock record of each artwork,
never from a per-row lookup.

"Featured" is read here and only here (browse, search, the home page, recommendations):
billing sells features and editors add them, as rows reached from a work through the
relation name `features`, so the catalogue imports nothing above it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.utils import timezone
from oscar.core.loading import get_model

from artiqo.core.cache import versioned_get_or_set, versioned_instance_get_or_set
from storefront.catalogue.models import SIZE_BAND_UPPER_CM, SQUARE_TOLERANCE, FeatureStatus, Orientation, style_key

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
Vibe = get_model("catalogue", "Vibe")
Order = get_model("order", "Order")
StockHold = get_model("partner", "StockHold")

ORDERINGS = {
    "newest": ("-date_created", "-id"),
    "oldest": ("date_created", "id"),
    "price": ("price", "id"),
    "-price": ("-price", "-id"),
    "price_asc": ("price", "id"),
    "price_desc": ("-price", "-id"),
    "title": ("title", "id"),
}


@dataclass(frozen=True)
class ArtworkFilters:
    """Browse filters as the pages and the API receive them (already validated)."""

    artist: str | None = None  # artist id or slug
    category: str | None = None  # category id or slug
    vibe: str | None = None  # vibe slug
    medium: str | None = None
    style: str | None = None  # style key, e.g. "still-life"
    size: str | None = None  # size band, e.g. "medium"
    wall_width: Decimal | None = None  # fits a wall space this wide (cm)
    wall_height: Decimal | None = None  # ... and this high (cm)
    orientation: str | None = None  # portrait, landscape or square
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    available: bool | None = None
    ordering: str = "newest"
    featured_first: bool = False


def _with_price_and_stock(queryset: QuerySet) -> QuerySet:
    # Each artwork has exactly one stock record (its artist's partner), so the join does
    # not multiply rows; it lets one query filter and sort on price and availability.
    net_stock = Coalesce(F("stockrecords__num_in_stock"), 0) - Coalesce(F("stockrecords__num_allocated"), 0)
    return queryset.annotate(
        price=F("stockrecords__price"),
        price_currency=F("stockrecords__price_currency"),
        net_stock=Case(When(stockrecords__isnull=True, then=Value(0)), default=net_stock, output_field=IntegerField()),
    ).annotate(
        is_available=Case(When(net_stock__gt=0, then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def feature_live_condition(*, now: datetime | None = None, through: str = "") -> Q:
    """What makes a feature live: active, started, not yet ended (features end by themselves).

    `through` reaches the feature from another model ("features__" from a work); billing's
    `FeaturedListing.objects.live()` uses it as is.
    """
    now = now or timezone.now()
    return Q(**{f"{through}status": FeatureStatus.ACTIVE, f"{through}starts_at__lte": now,
                f"{through}ends_at__gt": now})


def _featured_now(now: datetime | None = None) -> QuerySet:
    # Works with a live feature, joined to it: `features__<field>` in a later order_by,
    # values or aggregate reads that live feature (Django reuses the filter's join).
    return Product.objects.filter(feature_live_condition(now=now, through="features__"))


def _featured_now_outer(now: datetime | None = None) -> QuerySet:
    # The same, for the work of the outer query (OuterRef "pk").
    return _featured_now(now).filter(pk=OuterRef("pk"))


def artwork_featured_exists(*, now: datetime | None = None) -> Exists:
    """Per artwork (OuterRef "pk"): is it featured right now? For `annotate(is_featured=...)`."""
    return Exists(_featured_now_outer(now))


def live_featured_artwork_ids(*, now: datetime | None = None) -> QuerySet:
    """Ids of the works featured right now, as a subquery (`filter(pk__in=...)`)."""
    return _featured_now(now).values("pk")


def artwork_featured_until() -> Subquery:
    """Per artwork (OuterRef "pk"): when its current feature ends, or NULL (search boosting).

    Named by the SEARCH_FEATURED_UNTIL setting; the search index stores the value and
    boosts a work while that moment is in the future, so expiry needs no re-indexing.
    """
    ends = _featured_now_outer().order_by().values("pk").annotate(until=Max("features__ends_at")).values("until")
    return Subquery(ends[:1])


def featured_artwork_list(*, limit: int, now: datetime | None = None) -> QuerySet:
    """Featured works for sale now, in the editors' order: one query plus one for images.

    Sold works and ended features drop out by themselves (both are conditions of the query).
    """
    now = now or timezone.now()
    first_live = _featured_now_outer(now).order_by("features__position", "-features__starts_at", "features__pk")
    return (
        artwork_queryset()
        .filter(Exists(first_live), net_stock__gt=0)
        .annotate(
            feature_position=Subquery(first_live.values("features__position")[:1]),
            feature_label=Subquery(first_live.values("features__label")[:1]),
            feature_start=Subquery(first_live.values("features__starts_at")[:1]),
        )
        .order_by("feature_position", "-feature_start", "-pk")[:limit]
    )


def _with_featured(queryset: QuerySet) -> QuerySet:
    # `is_featured`: a live feature exists; an EXISTS in the same query.
    return queryset.annotate(is_featured=artwork_featured_exists())


def _artworks(*, public_only: bool = True) -> QuerySet:
    # The one definition of "an artwork" (and a public one): cards and id lists agree on it.
    queryset = Product.objects.filter(structure=Product.STANDALONE)
    return queryset.filter(is_public=True) if public_only else queryset


def _with_holds(queryset: QuerySet) -> QuerySet:
    # `held_until`: the end of the hold an unpaid order keeps on the work (lapsed or not), so
    # a card calls it "Reserved" rather than "Sold"; a subquery in the same query.
    from storefront.order import statuses

    holds = Order.objects.filter(
        status=statuses.PENDING_PAYMENT, hold_expires_at__isnull=False,
        lines__product=OuterRef("pk"), lines__allocation_cancelled=False,
    ).order_by("-hold_expires_at").values("hold_expires_at")[:1]
    # Or the end of a hold kept for one buyer (a price their artist accepted).
    stock_holds = StockHold.objects.filter(stockrecord__product=OuterRef("pk"), is_live=True).order_by(
        "-expires_at").values("expires_at")[:1]
    return queryset.annotate(stock_held_until=Subquery(stock_holds)).annotate(
        held_until=Coalesce(Subquery(holds), F("stock_held_until")))


def artwork_queryset(*, public_only: bool = True, with_holds: bool = True) -> QuerySet:
    """Artworks with everything a card needs: artist, vibe, price, stock, featured, holds, images."""
    queryset = _with_featured(_with_price_and_stock(_artworks(public_only=public_only)))
    if with_holds:
        queryset = _with_holds(queryset)
    return queryset.select_related("artist", "vibe").prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "id"))
    )


def _id_or_slug(value: str) -> Q:
    return Q(pk=int(value)) if str(value).isdigit() else Q(slug=value)


def artwork_list(*, ordering: str = "newest", featured_first: bool = False, **filters) -> QuerySet:
    """Public artworks matching the filters, in the asked order (newest first by default).

    Filters (see `_filtered`): artist (id or slug), artist_id, category (id or slug),
    vibe (slug), medium, min_price, max_price, available. With `featured_first`, works
    featured right now come before the rest (each group in the asked order); cards show
    them labelled through the `is_featured` annotation.
    """
    order = ORDERINGS.get(ordering, ORDERINGS["newest"])
    if featured_first:
        order = (F("is_featured").desc(), *order)
    return _filtered(artwork_queryset(), **filters).order_by(*order)


def _artwork_ids(*, ordering: str = "newest", **filters) -> QuerySet:
    """The same works as `artwork_list(**filters)` in the same order, for counting and paging ids.

    Joins the stock record only when a filter or the order needs price or stock, and
    computes no card annotations: at 10,000 works the count took 8.9 ms with the join and
    3.7 ms without (SQLite), and deep pages walk the rows the same way.
    """
    order = ORDERINGS.get(ordering, ORDERINGS["newest"])
    queryset = _artworks()
    needs_stock = (any(filters.get(name) is not None for name in ("min_price", "max_price", "available"))
                   or any(field.lstrip("-") == "price" for field in order))
    if needs_stock:
        queryset = _with_price_and_stock(queryset)
    return _filtered(queryset, **filters).order_by(*order)


def _filtered(
    queryset: QuerySet,
    *,
    artist: str | int | None = None,
    artist_id: int | None = None,
    category: str | int | None = None,
    vibe: str | None = None,
    medium: str | None = None,
    style: str | None = None,
    size: str | None = None,
    wall_width: Decimal | None = None,
    wall_height: Decimal | None = None,
    orientation: str | None = None,
    min_price: Decimal | None = None,
    max_price: Decimal | None = None,
    available: bool | None = None,
) -> QuerySet:
    # Price and availability filters need `_with_price_and_stock` on the queryset.
    if artist_id is not None:
        queryset = queryset.filter(artist_id=artist_id)
    if artist not in (None, ""):
        queryset = queryset.filter(_by_artist(str(artist)))
    if category not in (None, ""):
        queryset = queryset.filter(_in_category_subtree(str(category)))
    if vibe:
        queryset = queryset.filter(vibe__slug=vibe)
    if medium:
        queryset = queryset.filter(medium=medium)
    if style:
        queryset = queryset.filter(style__in=styles_named(style))
    if size:
        queryset = queryset.filter(size_band_condition(size))
    if wall_width is not None or wall_height is not None:
        queryset = queryset.filter(wall_fit_condition(width=wall_width, height=wall_height))
    if orientation:
        queryset = queryset.filter(orientation_condition(orientation))
    if min_price is not None:
        queryset = queryset.filter(price__gte=min_price)
    if max_price is not None:
        queryset = queryset.filter(price__lte=max_price)
    if available is True:
        queryset = queryset.filter(net_stock__gt=0)
    elif available is False:
        queryset = queryset.filter(net_stock__lte=0)
    return queryset


def styles_named(key: str) -> list[str]:
    """The style texts written as `key` in filters ("still-life" → ["Still life", "still life"])."""
    return [style for style in _style_texts() if style_key(style) == key]


def _style_texts() -> list[str]:
    # Every distinct style / subject of the public works: a short list, artists pick from a few.
    return list(_artworks().exclude(style="").order_by().values_list("style", flat=True).distinct())


STYLE_CHOICES_CACHE_SECONDS = 60
STYLE_CHOICES_CACHE_KEY = "catalogue:style-choices"


def style_choices_forget(*args, **kwargs) -> None:
    """Drop the cached style list (a post_save receiver: a work may bring a new style)."""
    cache.delete(STYLE_CHOICES_CACHE_KEY)


def style_choices() -> list[tuple[str, str]]:
    """(key, label) of every style the works carry, by label, for the browse page's filter.

    Kept in the cache (for a minute, or until a work is saved), so the browse page costs
    no query for it; filtering itself always reads the styles afresh (styles_named).
    """
    def read() -> list[tuple[str, str]]:
        labels: dict[str, str] = {}
        for text in sorted(_style_texts(), key=str.lower):
            labels.setdefault(style_key(text), text)
        return sorted(((key, label) for key, label in labels.items() if key), key=lambda pair: pair[1].lower())

    return cache.get_or_set(STYLE_CHOICES_CACHE_KEY, read, STYLE_CHOICES_CACHE_SECONDS)


def _longest_side() -> Greatest:
    return Greatest("width_cm", "height_cm")


def size_band_condition(band: str) -> Q:
    """Works of this size band, by their longest side; an unknown band matches nothing."""
    if band not in SIZE_BAND_UPPER_CM:
        return Q(pk__in=[])
    bands = list(SIZE_BAND_UPPER_CM)
    index = bands.index(band)
    condition = Q(width_cm__isnull=False, height_cm__isnull=False)
    if index:
        condition &= Q(GreaterThan(_longest_side(), SIZE_BAND_UPPER_CM[bands[index - 1]]))
    if SIZE_BAND_UPPER_CM[band] is not None:
        condition &= Q(LessThanOrEqual(_longest_side(), SIZE_BAND_UPPER_CM[band]))
    return condition


def wall_fit_condition(*, width: Decimal | None, height: Decimal | None) -> Q:
    """Works that fit a wall space of `width` × `height` cm as they hang (either may be open); sizeless works do not."""
    condition = Q(width_cm__isnull=False, height_cm__isnull=False)
    if width is not None:
        condition &= Q(width_cm__lte=width)
    if height is not None:
        condition &= Q(height_cm__lte=height)
    return condition


def orientation_condition(orientation: str) -> Q:
    """Portrait, landscape or square works (square: sides within SQUARE_TOLERANCE); unknown matches nothing."""
    sized = Q(width_cm__isnull=False, height_cm__isnull=False)
    keep = Decimal(1) - SQUARE_TOLERANCE
    if orientation == Orientation.SQUARE:
        return sized & Q(height_cm__gte=F("width_cm") * keep, width_cm__gte=F("height_cm") * keep)
    if orientation == Orientation.PORTRAIT:
        return sized & Q(width_cm__lt=F("height_cm") * keep)
    if orientation == Orientation.LANDSCAPE:
        return sized & Q(height_cm__lt=F("width_cm") * keep)
    return Q(pk__in=[])


def size_band_expression() -> Case:
    """Each work's size band as a query expression ("" without dimensions), for counting by size."""
    whens = [When(LessThanOrEqual(_longest_side(), upper), then=Value(band.value))
             for band, upper in SIZE_BAND_UPPER_CM.items() if upper is not None]
    last = next(band for band, upper in SIZE_BAND_UPPER_CM.items() if upper is None)
    return Case(When(Q(width_cm__isnull=True) | Q(height_cm__isnull=True), then=Value("")), *whens,
                default=Value(last.value), output_field=CharField())


class FeaturedFirstPages:
    """A browse list for a paginator: the works featured right now first, then the rest.

    Sorting every matching work on "is it featured?" costs a sort of the whole set (at
    10,000 works a deep page took ~4x as long); featured works are few, so their ids are
    read first and each page is cut from the two runs: those ids, then the other works in
    the asked order (which the database walks as before). Every page costs the same
    queries whatever its size: the count, the featured ids, the page's other ids, its rows
    and their images.
    """

    ordered = True  # for Paginator's "unordered list" check: both runs are ordered

    def __init__(self, queryset: QuerySet, ids: QuerySet):
        # `queryset` gives the cards; `ids` the same works in the same order, leaner.
        self._queryset = queryset
        self._ids = ids
        self._featured_ids: list[int] | None = None

    def _featured(self) -> list[int]:
        if self._featured_ids is None:
            self._featured_ids = list(self._ids.filter(pk__in=live_featured_artwork_ids()).values_list("pk", flat=True))
        return self._featured_ids

    def count(self) -> int:
        return self._ids.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            rows = self[key:key + 1]
            if not rows:
                raise IndexError(key)
            return rows[0]
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        featured = self._featured()
        head = featured[start:stop]
        rest_start = max(start - len(featured), 0)
        wanted = max(stop - len(featured), 0) - rest_start
        # At least one row is asked for, so a page costs the same queries wherever it falls.
        rest = list(self._ids.exclude(pk__in=featured).values_list("pk", flat=True)
                    [rest_start:rest_start + max(wanted, 1)])[:max(wanted, 0)]
        ids = head + rest
        rows = {artwork.pk: artwork for artwork in self._queryset.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]

    def __iter__(self):
        return iter(self[:])


class _LoadedOnUse(Sequence):
    """A page's rows, read (from the cache or the database) the first time they are used.

    A page whose markup is itself in the cache (the browse page's fragment) never reads them.
    """

    def __init__(self, load):
        self._load = load
        self._rows: list | None = None

    def _loaded(self) -> list:
        if self._rows is None:
            self._rows = self._load()
        return self._rows

    def __getitem__(self, index):
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._loaded())

    def __iter__(self):
        return iter(self._loaded())


class CachedPages:
    """A paginator's list whose count and pages are kept until the catalogue changes.

    The browse page and the API list ask the same few pages again and again; each is
    read once per version of the catalogue (artiqo.core.cache), then served from the
    cache: the count, and each page's cards with their artist, vibe, price and images.
    The query itself is only built when something is read from the database (`pages`
    is a function making it: building it cost as much as serving a cached page).
    """

    ordered = True

    def __init__(self, pages, *, key: tuple):
        self._make_pages = pages
        self._built = None
        self._key = key

    @property
    def _pages(self):
        if self._built is None:
            self._built = self._make_pages()
        return self._built

    def count(self) -> int:
        return versioned_get_or_set("artwork-pages-count", self._key, compute=lambda: self._pages.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self._pages[key]
        start, stop = key.start or 0, key.stop
        if stop is None or key.step is not None:
            return self._pages[key]
        return _LoadedOnUse(lambda: versioned_get_or_set("artwork-pages", self._key, start, stop,
                                                         compute=lambda: list(self._pages[start:stop])))

    def __iter__(self):
        return iter(self._pages)


def artwork_pages(**filters) -> CachedPages:
    """`artwork_list(**filters)` for a paginator; with `featured_first`, featured works lead."""
    key = tuple(sorted((name, str(value)) for name, value in filters.items()))
    if filters.pop("featured_first", False):
        return CachedPages(lambda: FeaturedFirstPages(artwork_list(**filters), _artwork_ids(**filters)), key=key)
    return CachedPages(lambda: artwork_list(**filters), key=key)


def artwork_list_filtered(filters: ArtworkFilters) -> CachedPages:
    """The API's list for a paginator, from validated filters."""
    return artwork_pages(
        artist=filters.artist,
        category=filters.category,
        vibe=filters.vibe,
        medium=filters.medium,
        style=filters.style,
        size=filters.size,
        wall_width=filters.wall_width,
        wall_height=filters.wall_height,
        orientation=filters.orientation,
        min_price=filters.min_price,
        max_price=filters.max_price,
        available=filters.available,
        ordering=filters.ordering,
        featured_first=filters.featured_first,
    )


def _by_artist(value: str) -> Q:
    # Through the relation (artists sit above the catalogue, which never imports them).
    return Q(artist_id=int(value)) if value.isdigit() else Q(artist__slug=value)


def artist_options() -> QuerySet:
    """(pk, slug, name) of every artist, by name, for the browse page's artist filter.

    The artist model is the one `Product.artist` points at: the catalogue names no app above it.
    """
    artists = Product._meta.get_field("artist").related_model.objects
    return artists.order_by("name").values_list("pk", "slug", "name")


def _in_category_subtree(value: str) -> Q:
    category = Category.objects.filter(_id_or_slug(value)).only("path", "depth").first()
    if category is None:
        return Q(pk__in=[])
    return Q(
        Exists(
            ProductCategory.objects.filter(product=OuterRef("pk"), category__path__startswith=category.path)
        )
    )


def artwork_held_for(*, artwork, user) -> bool:
    """Whether a live stock hold keeps `artwork` for `user` (their accepted offer); no query unless one is held."""
    if getattr(artwork, "stock_held_until", None) is None or not getattr(user, "is_authenticated", False):
        return False
    return StockHold.objects.filter(stockrecord__product=artwork, user=user, is_live=True,
                                    expires_at__gt=timezone.now()).exists()


def artwork_get(*, pk: int, public_only: bool = True):
    """One artwork with its card data and tags and categories, or None.

    Kept in the cache until the catalogue changes (artiqo.core.cache): an artwork's page
    and `GET products/{id}` read it on every visit. Whether a hold has lapsed is judged
    by the caller against the clock (`held_until`), so a cached copy never hides one.
    """
    # Kept unpickled per process too (versioned_instance_get_or_set): each caller gets a copy.
    return versioned_instance_get_or_set("artwork", int(pk), public_only, compute=lambda: (
        artwork_queryset(public_only=public_only)
        .prefetch_related("tags", "categories")
        .filter(pk=pk)
        .first()
    ))


def vibe_list() -> QuerySet:
    return Vibe.objects.all()
