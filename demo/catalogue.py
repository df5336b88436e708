"""Writes the demo catalogue: vibes, categories, artists (with their pages) and artworks in bulk."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from taggit.models import Tag, TaggedItem

from artists.models import Artist
from artists.services import artist_create
from demo.people import demo_password_hash
from demo.pictures import PictureJob, picture_runner
from demo.plan import ArtistSpec, ArtworkSpec, demo_key_prefix
from demo.vocabulary import CATEGORY_PATHS, VIBES
from storefront.catalogue.services import artwork_product_class

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
ProductCategory = get_model("catalogue", "ProductCategory")
Vibe = get_model("catalogue", "Vibe")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

ARTWORK_CHUNK = 500


def vibes_ensure() -> dict[str, Vibe]:
    """The curated vibe vocabulary, created where missing (admins may have renamed the rest)."""
    vibes = {}
    for position, words in enumerate(VIBES):
        vibes[words.slug], _ = Vibe.objects.get_or_create(
            slug=words.slug, defaults={"name": words.name, "description": words.description, "position": position}
        )
    return vibes


def categories_ensure() -> dict[str, object]:
    """Oscar's category tree for art, by breadcrumb path ("Paintings > Landscapes")."""
    return {path: create_from_breadcrumbs(path) for path in CATEGORY_PATHS}


def artists_create(*, specs: list[ArtistSpec], vibes: dict[str, Vibe], login_password: str) -> int:
    """Create the artists of `specs` that do not exist yet (by username), each with a Wagtail page."""
    usernames = [spec.username for spec in specs]
    with_artist = set(Artist.objects.filter(user__username__in=usernames).values_list("user__username", flat=True))
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    created = 0
    for spec in specs:
        if spec.username in with_artist:
            continue
        with transaction.atomic():
            user = users.get(spec.username)
            if user is None:
                user = User(username=spec.username, email=spec.email, first_name=spec.first_name,
                            last_name=spec.last_name, date_joined=spec.joined)
                user.password = demo_password_hash(index=spec.index, login_password=login_password)
                user.save()
            artist_create(
                user=user, name=spec.name, email=spec.email, location=spec.location, vibe=vibes[spec.vibes[0]],
                bio=spec.bio, statement=spec.statement, accepts_commissions=spec.accepts_commissions,
                turnaround_weeks=spec.turnaround_weeks,
            )
        created += 1
    return created


def demo_artists_by_index(specs: list[ArtistSpec]) -> dict[int, Artist]:
    by_username = {a.user.username: a for a in Artist.objects.select_related("user", "partner")
                   .filter(user__username__in=[s.username for s in specs])}
    return {s.index: by_username[s.username] for s in specs if s.username in by_username}


@contextmanager
def _explicit_date_created(model) -> Iterator[None]:
    # `date_created` is auto_now_add, which bulk_create honours; the demo needs works
    # listed over two years, so the flag is lifted while its rows are inserted.
    field = model._meta.get_field("date_created")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _tags_ensure(names: set[str]) -> dict[str, Tag]:
    # Matched by slug: tags are case-insensitive here, and an editor may have made "Sea".
    slugs = {slugify(name): name for name in names}
    tags = {tag.slug: tag for tag in Tag.objects.filter(slug__in=sorted(slugs))}
    tags.update((tag.slug, tag) for tag in Tag.objects.bulk_create(
        [Tag(name=slugs[slug], slug=slug) for slug in sorted(set(slugs) - set(tags))]
    ))
    return {name: tags[slug] for slug, name in slugs.items()}


def _existing_upcs(seed: int) -> set[str]:
    return set(Product.objects.filter(upc__startswith=demo_key_prefix(seed)).values_list("upc", flat=True))


def artworks_create(*, seed: int, specs: list[ArtworkSpec], artists: dict[int, Artist], vibes: dict[str, Vibe],
                    categories: dict[str, object], workers: int | None = None,
                    progress: Callable[[int], None] = lambda done: None) -> int:
    """Bulk-create the artworks of `specs` not there yet (by UPC), each with stock, picture, tags."""
    existing = _existing_upcs(seed)
    missing = [spec for spec in specs if spec.upc not in existing]
    product_class = artwork_product_class()
    product_type = ContentType.objects.get_for_model(Product)
    tags = _tags_ensure({tag for spec in missing for tag in spec.tags})
    chunks = [missing[start:start + ARTWORK_CHUNK] for start in range(0, len(missing), ARTWORK_CHUNK)]
    created = 0
    with picture_runner(count=len(missing), workers=workers) as pictures:
        def start(chunk):
            return pictures([PictureJob(seed=seed, spec=spec) for spec in chunk])

        pending = start(chunks[0]) if chunks else None
        for number, chunk in enumerate(chunks):
            names = list(pending)
            if number + 1 < len(chunks):  # the pool draws the next chunk while this one is inserted
                pending = start(chunks[number + 1])
            with transaction.atomic():
                _artworks_insert(chunk=chunk, names=names, artists=artists, vibes=vibes, categories=categories,
                                 product_class=product_class, product_type=product_type, tags=tags)
            created += len(chunk)
            progress(created)
    return created


def _artworks_insert(*, chunk, names, artists, vibes, categories, product_class, product_type, tags) -> None:
    with _explicit_date_created(Product):
        products = Product.objects.bulk_create([
            Product(
                product_class=product_class, structure=Product.STANDALONE, upc=spec.upc, title=spec.title,
                slug=slugify(spec.title)[:200] or "artwork", description=spec.description,
                artist=artists[spec.artist_index], vibe=vibes[spec.vibe], medium=spec.medium, style=spec.style,
                width_cm=spec.width_cm, height_cm=spec.height_cm, year=spec.year, kind=spec.kind,
                edition_size=spec.edition_size, is_public=True, date_created=spec.listed_at,
            )
            for spec in chunk
        ])
    pairs = list(zip(chunk, products))
    StockRecord.objects.bulk_create([
        StockRecord(product=product, partner=artists[spec.artist_index].partner, partner_sku=f"ART-{product.pk}",
                    price=spec.price, price_currency=settings.OSCAR_DEFAULT_CURRENCY, num_in_stock=spec.stock,
                    num_allocated=0)
        for spec, product in pairs
    ])
    ProductImage.objects.bulk_create([
        ProductImage(product=product, original=full, thumbnail=thumbnail, caption=spec.title, display_order=0)
        for (spec, product), (full, thumbnail) in zip(pairs, names)
    ])
    ProductCategory.objects.bulk_create([
        ProductCategory(product=product, category=categories[path]) for spec, product in pairs
        for path in spec.categories
    ])
    TaggedItem.objects.bulk_create([
        TaggedItem(content_type=product_type, object_id=product.pk, tag=tags[name]) for spec, product in pairs
        for name in spec.tags
    ])
