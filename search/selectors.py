"""Reads for search: artworks to index, word search with filters, typeahead, filter counts.

Words go to the search engine (Haystack); filters are resolved to ids in the database and
applied inside the engine query, so paging and sorting stay in one engine call. Filter
counts come from the index itself (Artiqo's Whoosh backend tallies each filter field's
terms over the matching documents with numpy); other engines count in the database.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import BooleanField, Count, DateTimeField, Prefetch, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from haystack import connections
from haystack.query import SearchQuerySet
from oscar.core.loading import get_model
from taggit.models import TaggedItem

from artiqo.core.cache import versioned_get_or_set
from artiqo.core.errors import Unavailable
from artists.models import Artist
from search.highlighting import highlight_snippet, highlight_whole, query_terms
from search.query import match_query, query_dialect, query_words, suggest_query
from storefront.catalogue.models import Medium, SizeBand, style_key
from storefront.catalogue.selectors import artwork_list, artwork_queryset, size_band_expression

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Product = get_model("catalogue", "Product")
Vibe = get_model("catalogue", "Vibe")

logger = logging.getLogger(__name__)

# Engine sort per `sort` value; price_asc and price_desc as on the browse pages.
SORTS = {
    "relevance": None,
    "newest": "-date_created",
    "price": "price",
    "-price": "-price",
    "price_asc": "price",
    "price_desc": "-price",
}
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 60
MAX_PAGE = 500
# Below this many hits a better spelling is offered as "Did you mean …".
FEW_HITS = 3
# Filter counts need every matching id; past this many the counts cover the filters only.
# Counting among the ids stays cheaper than counting the whole catalogue well past this
# (100,000 works on SQLite: 28,000 ids 0.19 s, the whole catalogue 0.42 s).
COUNT_IDS_LIMIT = 50_000
ARTIST_COUNT_LIMIT = 12


class SearchUnavailable(Unavailable):
    """The search engine failed to answer (not the buyer's input)."""

    code = "search_unavailable"
    default_message = "Search is unavailable for a moment; please try again."


@dataclass(frozen=True)
class SearchFilters:
    """Filters as the page and the API receive them, already validated by SearchForm."""

    artist: str = ""  # id or slug
    vibe: str = ""  # slug
    medium: str = ""
    style: str = ""  # style key, e.g. "still-life"
    size: str = ""  # size band
    category: str = ""  # id or slug
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    available_only: bool = True
    wall_width: Decimal | None = None  # fits a wall space this wide (cm)
    wall_height: Decimal | None = None
    orientation: str = ""  # portrait, landscape or square


@dataclass(frozen=True)
class _EngineFilters:
    artist_id: int | None = None
    vibe_id: int | None = None
    medium: str = ""
    style: str = ""
    size: str = ""
    category_path: str = ""
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    available_only: bool = True
    wall_width: Decimal | None = None
    wall_height: Decimal | None = None
    orientation: str = ""


@dataclass(frozen=True)
class ArtworkHit:
    """One search result, entirely from the index's stored fields."""

    id: int
    title: str
    title_html: str
    summary_html: str
    artist_name: str
    artist_slug: str
    artist_url: str
    vibe_name: str
    vibe_slug: str
    medium: str
    medium_label: str
    price: Decimal | None
    currency: str
    thumbnail: str
    url: str
    is_available: bool
    is_featured: bool
    date_created: datetime | None


@dataclass(frozen=True)
class SearchOutcome:
    """A page of results and how they were found.

    mode: "empty" (no searchable words), "all" (every word matched), "corrected" (the
    misspelt words were replaced by `searched`), "any" (no work had every word, so works
    with some of them are shown).
    """

    query: str
    words: list[str]
    searched: str
    mode: str
    hits: list[ArtworkHit]
    total: int
    page: int
    page_size: int
    suggestion: str | None = None
    filters: SearchFilters = field(default_factory=SearchFilters)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


@dataclass(frozen=True)
class FilterCount:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class FilterCounts:
    """How many matching works each filter value would leave."""

    vibes: list[FilterCount]
    media: list[FilterCount]
    styles: list[FilterCount]
    sizes: list[FilterCount]
    artists: list[FilterCount]
    categories: list[FilterCount]
    available: int
    sold: int
    scope: str  # "matches": the works the words matched; "catalogue": too many, filters only


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "artwork", "artist" or "vibe"
    label: str
    url: str


def _featured_until_expression():
    """The "featured until" of each artwork, from the featured-listings provider if set.

    SEARCH_FEATURED_UNTIL names a callable returning a query expression (e.g. a Subquery
    on the featured listings, OuterRef("pk") being the artwork) that yields the end of the
    artwork's current feature, or NULL. Without it no work is featured.
    """
    provider = getattr(settings, "SEARCH_FEATURED_UNTIL", None)
    if provider:
        return import_string(provider)()
    return Value(None, output_field=DateTimeField())


def artwork_index_queryset() -> QuerySet:
    """Public artworks with what the index stores (Haystack's update_index iterates this)."""
    return artwork_queryset(public_only=True, with_holds=False).annotate(
        search_featured_until=_featured_until_expression()).prefetch_related(
        "tags", Prefetch("categories", queryset=Category.objects.only("id", "name", "path"))
    )


# What indexing reads from each artwork, its artist and its vibe.
_INDEXED_COLUMNS = (
    "id", "title", "slug", "description", "medium", "style", "width_cm", "height_cm", "date_created", "structure",
    "is_public",
    "artist__id", "artist__name", "artist__slug", "vibe__id", "vibe__name", "vibe__slug",
)


def artwork_index_objects(*, queryset: QuerySet) -> list:
    """The artworks of `queryset` (from artwork_index_queryset) ready to index, in 4 queries.

    Tags, categories and the first thumbnail come as plain values attached to each
    artwork (search_tags, search_categories, search_thumbnail) instead of prefetched
    model instances: building those was 70 % of the time to index a work.
    """
    products = list(queryset.prefetch_related(None).only(*_INDEXED_COLUMNS))
    ids = [product.pk for product in products]
    tags: dict[int, list[str]] = {}
    for pk, name in TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), object_id__in=ids
    ).values_list("object_id", "tag__name"):
        tags.setdefault(pk, []).append(name)
    categories: dict[int, list[tuple[str, str]]] = {}
    for pk, name, path in ProductCategory.objects.filter(product_id__in=ids).values_list(
        "product_id", "category__name", "category__path"
    ):
        categories.setdefault(pk, []).append((name, path))
    thumbnails: dict[int, str] = {}
    for pk, thumbnail, original in ProductImage.objects.filter(product_id__in=ids).order_by(
        "product_id", "display_order", "id"
    ).values_list("product_id", "thumbnail", "original"):
        if pk not in thumbnails and (thumbnail or original):
            thumbnails[pk] = default_storage.url(thumbnail or original)
    for product in products:
        product.search_tags = tags.get(product.pk, [])
        product.search_categories = categories.get(product.pk, [])
        product.search_thumbnail = thumbnails.get(product.pk, "")
    return products


def _engine_filters(filters: SearchFilters) -> _EngineFilters | None:
    """Slugs and ids resolved in the database (one query per filter); None if one names nothing."""
    resolved = {}
    if filters.artist:
        lookup = {"pk": int(filters.artist)} if filters.artist.isdigit() else {"slug": filters.artist}
        resolved["artist_id"] = Artist.objects.filter(**lookup).values_list("pk", flat=True).first()
    if filters.vibe:
        resolved["vibe_id"] = Vibe.objects.filter(slug=filters.vibe).values_list("pk", flat=True).first()
    if filters.category:
        lookup = {"pk": int(filters.category)} if filters.category.isdigit() else {"slug": filters.category}
        resolved["category_path"] = Category.objects.filter(**lookup).values_list("path", flat=True).first()
    if any(value is None for value in resolved.values()):
        return None
    return _EngineFilters(
        medium=filters.medium,
        style=filters.style,
        size=filters.size,
        min_price=filters.min_price,
        max_price=filters.max_price,
        available_only=filters.available_only,
        wall_width=filters.wall_width,
        wall_height=filters.wall_height,
        orientation=filters.orientation,
        **resolved,
    )


def _filtered(sqs: SearchQuerySet, filters: _EngineFilters) -> SearchQuerySet:
    # Repeated, discrete filters narrow (the engine caches their documents); price ranges
    # vary with every buyer, so they stay in the query.
    if filters.artist_id is not None:
        sqs = sqs.narrow(f"artist_id:{int(filters.artist_id)}")
    if filters.vibe_id is not None:
        sqs = sqs.narrow(f"vibe_id:{int(filters.vibe_id)}")
    if filters.medium:
        sqs = sqs.narrow(f'medium_key:"{filters.medium}"')
    if filters.style:
        sqs = sqs.narrow(f'style_key:"{filters.style}"')
    if filters.size:
        sqs = sqs.narrow(f'size_band:"{filters.size}"')
    if filters.category_path:
        sqs = sqs.narrow(f'category_paths:"{filters.category_path}"')
    if filters.available_only:
        sqs = sqs.narrow("is_available:true")
    if filters.orientation:
        sqs = sqs.narrow(f'orientation:"{filters.orientation}"')
    # Sizeless works never fit: the index holds a width and a height for sized works only.
    if filters.wall_width is not None:
        sqs = sqs.filter(width_cm__lte=float(filters.wall_width))
    if filters.wall_height is not None:
        sqs = sqs.filter(height_cm__lte=float(filters.wall_height))
    if filters.min_price is not None:
        sqs = sqs.filter(price__gte=float(filters.min_price))
    if filters.max_price is not None:
        sqs = sqs.filter(price__lte=float(filters.max_price))
    return sqs


def _run(words, filters, *, sort, page, page_size, any_word=False):
    """One engine call: (hits on the page, total, spelling suggestion for the words)."""
    now = timezone.now()
    # To the minute: the same words make the same query string (parsed once, cached).
    minute = now.replace(second=0, microsecond=0)
    dialect = query_dialect(connections["default"].get_backend())
    sqs = SearchQuerySet().raw_search(match_query(words, any_word=any_word, featured_after=minute, dialect=dialect))
    sqs = _filtered(sqs, filters)
    if SORTS.get(sort):
        sqs = sqs.order_by(SORTS[sort])
    sqs = sqs.set_spelling_query(" ".join(words))
    start = (page - 1) * page_size
    try:
        results = list(sqs[start:start + page_size])
        total = sqs.count()
        suggestion = sqs.spelling_suggestion()
    except Exception as exc:
        logger.exception("Search engine failed for %r", words)
        raise SearchUnavailable from exc
    terms = query_terms(words)
    return [_hit(result, terms, now) for result in results], total, suggestion


def _hit(result, terms: frozenset[str], now: datetime) -> ArtworkHit:
    price = _decimal(getattr(result, "price_text", None))
    featured_until = getattr(result, "featured_until", None)
    if featured_until is not None and timezone.is_naive(featured_until):
        featured_until = timezone.make_aware(featured_until, timezone.utc)
    return ArtworkHit(
        id=int(result.pk),
        title=result.title or "",
        title_html=highlight_whole(result.title or "", terms),
        summary_html=highlight_snippet(getattr(result, "summary", "") or "", terms),
        artist_name=getattr(result, "artist_name", None) or "",
        artist_slug=getattr(result, "artist_slug", None) or "",
        artist_url=getattr(result, "artist_url", None) or "",
        vibe_name=getattr(result, "vibe_name", None) or "",
        vibe_slug=getattr(result, "vibe_slug", None) or "",
        medium=getattr(result, "medium", None) or "",
        medium_label=getattr(result, "medium_label", None) or "",
        price=price,
        currency=getattr(result, "currency", None) or "",
        thumbnail=getattr(result, "thumbnail", None) or "",
        url=getattr(result, "url", None) or "",
        is_available=bool(getattr(result, "is_available", False)),
        is_featured=featured_until is not None and featured_until > now,
        date_created=getattr(result, "date_created", None),
    )


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def artwork_search(
    *,
    text: str,
    filters: SearchFilters = SearchFilters(),
    sort: str = "relevance",
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> SearchOutcome:
    """Artworks matching every word of `text` (then a corrected spelling, then any word).

    At 100,000 works an OR over common words costs 0.1–1.3 s in Whoosh and an AND about
    16 ms, so AND is the default and OR only runs when AND and the spelling fix find nothing.
    """
    words = query_words(text)
    page = min(max(1, page), MAX_PAGE)
    page_size = min(max(1, page_size), MAX_PAGE_SIZE)
    outcome = SearchOutcome(
        query=(text or "").strip()[:200], words=words, searched=" ".join(words), mode="empty",
        hits=[], total=0, page=page, page_size=page_size, filters=filters,
    )
    if not words:
        return outcome
    engine_filters = _engine_filters(filters)
    if engine_filters is None:
        return replace(outcome, mode="all")
    run = dict(sort=sort, page=page, page_size=page_size)
    hits, total, suggestion = _run(words, engine_filters, **run)
    corrected = query_words(suggestion) if suggestion else []
    if total:
        offer = " ".join(corrected) if corrected and corrected != words and total < FEW_HITS else None
        return replace(outcome, mode="all", hits=hits, total=total, suggestion=offer)
    if corrected and corrected != words:
        hits, total, _ = _run(corrected, engine_filters, **run)
        if total:
            return replace(outcome, mode="corrected", searched=" ".join(corrected), hits=hits, total=total)
    if len(words) > 1:
        hits, total, _ = _run(words, engine_filters, any_word=True, **run)
        if total:
            return replace(outcome, mode="any", hits=hits, total=total)
    return replace(outcome, mode="all")


def artwork_suggest(*, text: str, limit: int = 8) -> list[Suggestion]:
    """Typeahead: artworks, artists and vibes whose words start with what was typed."""
    words = query_words(text)
    if not words:
        return []
    try:
        results = list(SearchQuerySet().raw_search(suggest_query(words)).narrow("is_available:true")[:limit * 4])
    except Exception as exc:
        logger.exception("Suggestions failed for %r", words)
        raise SearchUnavailable from exc
    suggestions: list[Suggestion] = []
    seen: set[tuple[str, str]] = set()
    for result in results:
        candidates = [
            ("artist", getattr(result, "artist_name", None), getattr(result, "artist_url", None)),
            ("vibe", getattr(result, "vibe_name", None), _vibe_search_url(result)),
            ("artwork", result.title, getattr(result, "url", None)),
        ]
        for kind, label, url in candidates:
            if label and (kind, label) not in seen and _starts_words(label, words):
                seen.add((kind, label))
                suggestions.append(Suggestion(kind=kind, label=label, url=url or ""))
    order = {"artist": 0, "vibe": 1, "artwork": 2}
    return sorted(suggestions, key=lambda s: order[s.kind])[:limit]


def _vibe_search_url(result) -> str:
    # Every work of a vibe has the vibe's name in its text, so this lists exactly that vibe.
    name, slug = getattr(result, "vibe_name", None), getattr(result, "vibe_slug", None)
    return f"{reverse('search:search')}?{urlencode({'q': name, 'vibe': slug})}" if slug else ""


def _starts_words(label: str, words: list[str]) -> bool:
    label_words = query_words(label) or label.lower().split()
    return all(any(candidate.startswith(word) for candidate in label_words) for word in words)


def search_filter_counts(*, text: str, filters: SearchFilters = SearchFilters()) -> FilterCounts:
    """Counts per vibe, medium, style, size, artist and category among the works the words match.

    Kept in the cache until the catalogue changes (artiqo.core.cache); counted from the index
    that is cheap anyway (numbers in the README), the database path is the costly one.
    """
    return versioned_get_or_set("search-filter-counts", text, filters,
                                compute=lambda: _filter_counts(text=text, filters=filters))


# Filter dimension -> the index field whose terms it counts.
_COUNTED_FIELDS = {
    "vibe": "vibe_id", "medium": "medium_key", "style": "style_key", "size": "size_band",
    "artist": "artist_id", "category": "category_leaf_paths", "available": "is_available",
}


def _filter_counts(*, text: str, filters: SearchFilters) -> FilterCounts:
    """Counts from the index's own terms when the engine offers it (Artiqo's Whoosh), else the database."""
    words = query_words(text)
    backend = connections["default"].get_backend()
    if not words or not hasattr(backend, "term_counts"):
        return _database_filter_counts(text=text, filters=filters)
    narrow = _count_filters(filters)
    ranges = []
    if filters.min_price is not None or filters.max_price is not None:
        ranges.append(("price", float(filters.min_price) if filters.min_price is not None else None,
                       float(filters.max_price) if filters.max_price is not None else None))
    if filters.wall_width is not None or filters.wall_height is not None:
        # Sizeless works never fit: an open range still needs a value in the column.
        ranges.append(("width_cm", None, float(filters.wall_width) if filters.wall_width is not None else None))
        ranges.append(("height_cm", None, float(filters.wall_height) if filters.wall_height is not None else None))
    try:
        tallies = backend.term_counts(match_query(words), ranges=ranges, narrow=narrow, dimensions=_COUNTED_FIELDS)
    except Exception as exc:
        logger.exception("Search engine failed counting filters for %r", words)
        raise SearchUnavailable from exc
    return _labelled_counts(tallies)


def _count_filters(filters: SearchFilters) -> dict[str, str | None]:
    """Each set filter as an index query (None when it names nothing), as _filtered applies them."""
    narrow: dict[str, str | None] = {}
    engine = _EngineFilters()
    if filters.artist or filters.vibe or filters.category:
        resolved = _engine_filters(replace(filters, medium="", style="", size=""))
        engine = resolved or engine
    if filters.artist:
        narrow["artist"] = f"artist_id:{int(engine.artist_id)}" if engine.artist_id is not None else None
    if filters.vibe:
        narrow["vibe"] = f"vibe_id:{int(engine.vibe_id)}" if engine.vibe_id is not None else None
    if filters.category:
        narrow["category"] = f'category_paths:"{engine.category_path}"' if engine.category_path else None
    if filters.medium:
        narrow["medium"] = f'medium_key:"{filters.medium}"'
    if filters.style:
        narrow["style"] = f'style_key:"{filters.style}"'
    if filters.size:
        narrow["size"] = f'size_band:"{filters.size}"'
    if filters.available_only:
        narrow["available"] = "is_available:true"
    if filters.orientation:
        narrow["orientation"] = f'orientation:"{filters.orientation}"'
    return narrow


def _labelled_counts(tallies: dict[str, dict]) -> FilterCounts:
    """FilterCounts from the index's tallies, named from the database (only the values counted)."""
    media_labels, size_labels = dict(Medium.choices), dict(SizeBand.choices)
    vibes = {slug: [name, tallies["vibe"][pk]] for pk, slug, name in
             Vibe.objects.filter(pk__in=list(tallies["vibe"])).values_list("pk", "slug", "name")} \
        if tallies["vibe"] else {}
    artists = {slug: [name, tallies["artist"][pk]] for pk, slug, name in
               Artist.objects.filter(pk__in=list(tallies["artist"])).exclude(slug="")
               .values_list("pk", "slug", "name")} if tallies["artist"] else {}
    categories: dict[str, list] = {}
    if tallies["category"]:
        for path, slug, name in Category.objects.filter(path__in=list(tallies["category"])).values_list(
                "path", "slug", "name"):
            categories[slug] = [name, tallies["category"][path]]
    style_labels = _style_labels() if tallies["style"] else {}
    availability = tallies["available"]
    return FilterCounts(
        vibes=_ranked(vibes),
        media=_ranked({key: [media_labels.get(key, key), n] for key, n in tallies["medium"].items()}),
        styles=_ranked({key: [style_labels.get(key, key), n] for key, n in tallies["style"].items()}),
        sizes=sorted(_ranked({key: [size_labels.get(key, key), n] for key, n in tallies["size"].items()}),
                     key=lambda count: list(size_labels).index(count.value) if count.value in size_labels else 99),
        artists=_ranked(artists)[:ARTIST_COUNT_LIMIT],
        categories=_ranked(categories),
        available=availability.get(True, 0),
        sold=availability.get(False, 0),
        scope="matches",
    )


def _style_labels() -> dict[str, str]:
    """Style key -> how artists spell it, kept until the catalogue changes."""
    def compute() -> dict[str, str]:
        labels: dict[str, str] = {}
        for style in Product.objects.exclude(style="").order_by().values_list("style", flat=True).distinct():
            labels.setdefault(style_key(style), style.strip())
        return labels
    return versioned_get_or_set("search-style-labels", compute=compute)


def _database_filter_counts(*, text: str, filters: SearchFilters) -> FilterCounts:
    """Counts per vibe, medium, style, size, artist and category among the works the words match.

    Each dimension is counted with the other filters applied but not its own, so a buyer
    sees what switching vibe would give. Two queries whatever the matches: one grouped by
    vibe, medium, style, size, artist and availability (tallied per dimension here), one
    for categories.
    """
    words = query_words(text)
    ids = _matching_ids(words) if words else []
    prices = {"min_price": filters.min_price, "max_price": filters.max_price, "wall_width": filters.wall_width,
              "wall_height": filters.wall_height, "orientation": filters.orientation or None}
    among_ids = _pk_in(Product, ids) if ids else None

    def matched(queryset: QuerySet) -> QuerySet:
        if ids is None:
            return queryset.order_by()
        return queryset.filter(among_ids).order_by() if among_ids is not None else queryset.none()

    rows = (
        matched(artwork_list(category=filters.category or None, **prices))
        .annotate(search_size=size_band_expression())
        .values_list("vibe__slug", "vibe__name", "medium", "style", "search_size", "artist_id", "artist__slug",
                     "artist__name", "is_available")
        .annotate(n=Count("pk"))
    )
    categories = (
        matched(artwork_list(artist=filters.artist or None, vibe=filters.vibe or None, medium=filters.medium or None,
                             style=filters.style or None, size=filters.size or None,
                             available=True if filters.available_only else None, **prices))
        .filter(categories__isnull=False)
        .values_list("categories__slug", "categories__name")
        .annotate(n=Count("pk", distinct=True))
    )
    media_labels, size_labels = dict(Medium.choices), dict(SizeBand.choices)
    vibes: dict[str, list] = {}
    media: dict[str, list] = {}
    styles: dict[str, list] = {}
    sizes: dict[str, list] = {}
    artists: dict[str, list] = {}
    availability = {True: 0, False: 0}
    for vibe_slug, vibe_name, medium, style, size, artist_id, artist_slug, artist_name, available, n in rows:
        style_value = style_key(style)
        # Whether the row passes each filter; a dimension is counted over the rows passing all the others.
        ok = {
            "vibe": not filters.vibe or vibe_slug == filters.vibe,
            "medium": not filters.medium or medium == filters.medium,
            "style": not filters.style or style_value == filters.style,
            "size": not filters.size or size == filters.size,
            "artist": not filters.artist or filters.artist in (artist_slug, str(artist_id)),
            "available": not filters.available_only or available,
        }

        if vibe_slug and _passes_others(ok, "vibe"):
            _add(vibes, vibe_slug, vibe_name, n)
        if medium and _passes_others(ok, "medium"):
            _add(media, medium, media_labels.get(medium, medium), n)
        if style_value and _passes_others(ok, "style"):
            _add(styles, style_value, style.strip(), n)
        if size and _passes_others(ok, "size"):
            _add(sizes, size, size_labels.get(size, size), n)
        if artist_slug and _passes_others(ok, "artist"):
            _add(artists, artist_slug, artist_name, n)
        if _passes_others(ok, "available"):
            availability[bool(available)] += n
    return FilterCounts(
        vibes=_ranked(vibes),
        media=_ranked(media),
        styles=_ranked(styles),
        # Sizes read best from small to very large, whatever their counts.
        sizes=sorted(_ranked(sizes), key=lambda count: list(size_labels).index(count.value)),
        artists=_ranked(artists)[:ARTIST_COUNT_LIMIT],
        categories=_ranked({slug: [name, n] for slug, name, n in categories}),
        available=availability[True],
        sold=availability[False],
        scope="catalogue" if ids is None else "matches",
    )


def _passes_others(ok: dict[str, bool], name: str) -> bool:
    """Whether a row passes every filter but `name` (the one being counted)."""
    return all(passed for key, passed in ok.items() if key != name)


def _add(counts: dict[str, list], value: str, label: str, n: int) -> None:
    counts.setdefault(value, [label, 0])[1] += n


def _ranked(counts: dict[str, list]) -> list[FilterCount]:
    return sorted((FilterCount(value, label, n) for value, (label, n) in counts.items()),
                  key=lambda count: (-count.count, count.label))


def _pk_in(model, pks: list[int]) -> RawSQL:
    """A condition `pk IN (pks)` for thousands of keys.

    Django prepares an __in list one value at a time, in Python: 16,000 keys took 0.2 s
    per query, four times the database's own time. The keys are written into the SQL
    instead, as integers (int() makes that safe; they come from the index anyway).
    """
    quote = connection.ops.quote_name
    listed = ",".join(map(str, map(int, pks)))
    return RawSQL(f"{quote(model._meta.db_table)}.{quote(model._meta.pk.column)} IN ({listed})", [],
                  output_field=BooleanField())


def _matching_ids(words: list[str]) -> list[int] | None:
    """Ids of every work matching all the words, or None when the engine cannot list them cheaply."""
    backend = connections["default"].get_backend()
    if not hasattr(backend, "matching_ids"):
        return None
    try:
        return backend.matching_ids(match_query(words), id_field="artwork_id", limit=COUNT_IDS_LIMIT)
    except Exception as exc:
        logger.exception("Search engine failed listing ids for %r", words)
        raise SearchUnavailable from exc
