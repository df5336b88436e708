"""What the demo shop contains, decided without the database: artists, artworks and buyers as specs.

Every spec is drawn from its own seeded stream (see rng.py), so artwork 17 of seed 7 is
the same however many artworks are built, and a later run can add the missing ones only.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.utils.text import slugify

from demo import listings
from demo.names import COUNTRIES, Address, City, address_make, city_pick, person_name
from demo.rng import rng_for, weighted_choice
from demo.vocabulary import (
    EDITIONS_CATEGORY,
    MEDIA_BY_NAME,
    SUBJECTS_BY_SLUG,
    VIBES,
    VIBES_BY_SLUG,
    category_path_for,
)

ARTIST_EMAIL_DOMAIN = "studio.artiqo.example"
BUYER_EMAIL_DOMAIN = "mail.artiqo.example"
ARTIST_LOGIN = ("artist", "artiqo-artist")
BUYER_LOGIN = ("buyer", "artiqo-buyer")
ADMIN_LOGIN = ("admin", "artiqo-admin")
LISTING_DAYS = 730  # artworks were listed over the last two years
HISTORY_DAYS = 548  # orders span the last eighteen months
CENTS = Decimal("0.01")
PAPER_MEDIA = {"watercolour", "gouache", "ink", "pencil", "pastel", "printmaking"}
ISO_PAPER = ((Decimal("21.0"), Decimal("29.7")), (Decimal("29.7"), Decimal("42.0")), (Decimal("42.0"), Decimal("59.4")))
COUNTRY_NAMES = {country.code: country.name for country in COUNTRIES}
# How popular each vibe is among buyers (calm and vibrant work sells best).
VIBE_POPULARITY = {"calm": 5, "vibrant": 4, "dreamy": 4, "minimal": 3, "bold": 3, "playful": 3, "melancholic": 2,
                   "dark": 2}


@dataclass(frozen=True)
class DemoSizes:
    artists: int = 12
    artworks: int = 120
    buyers: int = 40
    orders: int = 200
    lines_per_order: float = 2.0


def anchor_for(today: date) -> datetime:
    """The instant the demo history ends: midnight (UTC) at the start of `today`."""
    return datetime.combine(today, time.min, tzinfo=UTC)


def _ascii_slug(text: str) -> str:
    # slugify drops letters it cannot decompose, so spell out the Nordic ones first.
    table = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "å": "a", "Å": "A", "ß": "ss"})
    return slugify(text.translate(table))


@dataclass(frozen=True)
class ArtistSpec:
    index: int
    username: str
    email: str
    first_name: str
    last_name: str
    city: City
    vibes: tuple[str, ...]  # signature vibe first
    media: tuple[str, ...]  # main medium first
    subjects: tuple[str, ...]
    practice: str
    tier: float  # price level: 0.6 for an emerging artist, 2.5 for an established one
    productivity: float
    accepts_commissions: bool
    turnaround_weeks: int | None
    bio: str
    statement: str
    joined: datetime

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def location(self) -> str:
        return f"{self.city.name}, {COUNTRY_NAMES[self.city.country]}"


def artist_specs(*, seed: int, count: int, anchor: datetime) -> list[ArtistSpec]:
    """The demo's artists; the first one is the `artist` demo login."""
    specs, taken = [], set()
    for index in range(count):
        rng = rng_for(seed, "artist", index)
        first, last = person_name(rng)
        while (first, last) in taken:  # artists are known by name: keep names unique
            first, last = person_name(rng)
        taken.add((first, last))
        city = city_pick(rng)
        practice = rng.choice(sorted(listings.PRACTICES))
        media = listings.PRACTICES[practice]
        subject_pool = sorted({s for medium in media for s in MEDIA_BY_NAME[medium].subjects})
        subjects = tuple(rng.sample(subject_pool, min(len(subject_pool), rng.randint(2, 3))))
        vibe = rng.choice(VIBES).slug
        vibes = (vibe, *rng.sample([v.slug for v in VIBES if v.slug != vibe], 2))
        username = ARTIST_LOGIN[0] if index == 0 else f"{_ascii_slug(first)}.{_ascii_slug(last)}"
        name = f"{first} {last}"
        specs.append(ArtistSpec(
            index=index,
            username=username,
            email=f"{username}@{ARTIST_EMAIL_DOMAIN}",
            first_name=first,
            last_name=last,
            city=city,
            vibes=vibes,
            media=media,
            subjects=subjects,
            practice=practice,
            tier=round(rng.uniform(0.6, 2.5), 2),
            productivity=rng.uniform(0.5, 3.0),
            accepts_commissions=rng.random() < 0.7,
            turnaround_weeks=rng.choice((2, 3, 4, 6, 8)) if rng.random() < 0.7 else None,
            bio=listings.artist_bio(rng, name=name, practice=practice, city=city,
                                    country=COUNTRY_NAMES[city.country],
                                    subjects=[SUBJECTS_BY_SLUG[s] for s in subjects]),
            statement=listings.artist_statement(rng, vibe=VIBES_BY_SLUG[vibe], medium=MEDIA_BY_NAME[media[0]]),
            joined=anchor - timedelta(days=LISTING_DAYS + rng.randint(1, 365)),
        ))
    return specs


@dataclass(frozen=True)
class ArtworkSpec:
    index: int
    upc: str
    artist_index: int
    title: str
    description: str
    vibe: str
    medium: str
    subject: str
    width_cm: Decimal
    height_cm: Decimal
    year: int
    kind: str  # storefront.catalogue.models.ArtworkKind value
    edition_size: int | None
    price: Decimal
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    listed_at: datetime

    @property
    def stock(self) -> int:
        return self.edition_size if self.edition_size else 1

    @property
    def style(self) -> str:
        return SUBJECTS_BY_SLUG[self.subject].label


DEMO_KEY = "DEMO-"


def demo_key_prefix(seed: int) -> str:
    """Demo artworks' UPCs and demo orders' numbers start with this, so they also record the seed."""
    return f"{DEMO_KEY}{seed}-"


def artwork_upc(seed: int, index: int) -> str:
    return f"{demo_key_prefix(seed)}{index:06d}"


def seed_of_demo_key(key: str) -> int | None:
    """The seed a demo UPC or order number was made with (None if it is not one)."""
    parts = key.split("-")
    return int(parts[1]) if len(parts) == 3 and f"{parts[0]}-" == DEMO_KEY and parts[1].isdigit() else None


def _charm_price(raw: float) -> Decimal:
    # Listings are priced like a person would: 45, 380, 1,250 - not 383.17.
    step = 5 if raw < 100 else 10 if raw < 1000 else 50
    return Decimal(max(25, int(round(raw / step)) * step)).quantize(CENTS)


def _dimensions(rng, *, medium: str, orientation: str) -> tuple[Decimal, Decimal]:
    low, high = MEDIA_BY_NAME[medium].size_cm
    if medium in PAPER_MEDIA and rng.random() < 0.3:
        fitting = [size for size in ISO_PAPER if size[1] <= high] or [ISO_PAPER[0]]
        short, long = rng.choice(fitting)
    else:
        long = Decimal(round(rng.triangular(low, high, low + (high - low) * 0.3)))
        ratio = 1.0 if orientation == "any" and rng.random() < 0.25 else rng.uniform(0.6, 0.85)
        short = Decimal(max(low // 2, round(float(long) * ratio)))
        long, short = Decimal(f"{long}.0"), Decimal(f"{short}.0")
    if orientation == "portrait" or (orientation == "any" and rng.random() < 0.5):
        return short, long
    return long, short


def artwork_specs(*, seed: int, count: int, artists: list[ArtistSpec], anchor: datetime) -> list[ArtworkSpec]:
    """The demo's artworks: each artist favours their own vibes, media and subjects."""
    if not artists:
        return []
    weights = [artist.productivity for artist in artists]
    specs = []
    for index in range(count):
        rng = rng_for(seed, "artwork", index)
        # The first works go round the artists so that everyone has something for sale.
        artist = artists[index] if index < len(artists) else weighted_choice(rng, artists, weights)
        roll = rng.random()
        if roll < 0.95:  # mostly the signature vibe, sometimes one of the artist's two others
            vibe = VIBES_BY_SLUG[artist.vibes[0 if roll < 0.6 else 1 if roll < 0.8 else 2]]
        else:
            vibe = rng.choice(VIBES)
        medium = MEDIA_BY_NAME[weighted_choice(rng, list(artist.media), [3, 1, 1][: len(artist.media)])]
        usable = [s for s in artist.subjects if s in medium.subjects] or list(medium.subjects)
        subject = SUBJECTS_BY_SLUG[rng.choice(usable)]
        width, height = _dimensions(rng, medium=medium.medium, orientation=subject.orientation)
        area = float(width * height) / 10_000
        # Every fourth work is a limited edition whatever its medium, so that even a small
        # demo has stock for its order history; the rest follow the medium's habits.
        is_edition = index % 4 == 3 or rng.random() < medium.edition_chance
        edition_size = rng.choice(medium.edition_sizes) if is_edition else None
        if is_edition:
            small_run = 1.4 if edition_size <= 15 else 1.0
            raw = (35 + 260 * area) * math.sqrt(artist.tier) * rng.uniform(0.9, 1.15) * small_run
        else:
            raw = float(medium.base_price + medium.price_per_m2 * Decimal(str(area))) * artist.tier \
                * rng.uniform(0.85, 1.2)
        listed_at = anchor - timedelta(seconds=rng.randrange(LISTING_DAYS * 86_400))
        titled = listings.artwork_title(rng, subject=subject, vibe=vibe, city=artist.city)
        support = rng.choice(medium.supports)
        categories = [category_path_for(medium=medium, subject=subject)]
        if is_edition and categories[0].startswith("Paintings"):
            categories.append(EDITIONS_CATEGORY)
        specs.append(ArtworkSpec(
            index=index,
            upc=artwork_upc(seed, index),
            artist_index=artist.index,
            title=titled.title,
            description=listings.artwork_description(
                rng, titled=titled, vibe=vibe, medium=medium, support=support, kind_is_edition=is_edition,
                edition_size=edition_size, city=artist.city),
            vibe=vibe.slug,
            medium=medium.medium,
            subject=subject.slug,
            width_cm=width,
            height_cm=height,
            year=listed_at.year - weighted_choice(rng, [0, 1, 2, 3, 5], [5, 4, 2, 1, 1]),
            kind="edition" if is_edition else "original",
            edition_size=edition_size,
            price=_charm_price(raw),
            categories=tuple(categories),
            tags=tuple(listings.artwork_tags(rng, subject=subject, vibe=vibe, medium=medium, titled=titled,
                                             large=max(width, height) >= 100)),
            listed_at=listed_at,
        ))
    return specs


@dataclass(frozen=True)
class BuyerSpec:
    index: int
    username: str
    email: str
    first_name: str
    last_name: str
    address: Address
    vibes: tuple[str, ...]  # what they like, most liked first
    artists: tuple[int, ...]  # indices of artists they follow
    budget: Decimal  # what they usually spend on one work
    activity: float  # how often they buy, relative to others
    joined: datetime


def buyer_specs(*, seed: int, count: int, artists: list[ArtistSpec], anchor: datetime) -> list[BuyerSpec]:
    """The demo's buyers with tastes; the first one is the `buyer` demo login, a keen collector."""
    # Artists and buyers share one user table: a buyer never gets an artist's username.
    specs, taken = [], {artist.username for artist in artists}
    vibe_slugs = [v.slug for v in VIBES]
    popularity = [VIBE_POPULARITY[slug] for slug in vibe_slugs]
    for index in range(count):
        rng = rng_for(seed, "buyer", index)
        first, last = person_name(rng)
        if index == 0:
            username = BUYER_LOGIN[0]
        else:
            base = f"{_ascii_slug(first)}.{_ascii_slug(last)}"
            username, n = base, 2
            while username in taken:
                username, n = f"{base}{n}", n + 1
        taken.add(username)
        vibes = []
        for _ in range(rng.randint(1, 3)):
            vibe = weighted_choice(rng, vibe_slugs, popularity)
            if vibe not in vibes:
                vibes.append(vibe)
        # Followed artists mostly work in the buyer's vibes: taste is coherent, so learnable.
        matching = ([a.index for a in artists if a.vibes[0] in vibes]
                    or [a.index for a in artists if set(a.vibes) & set(vibes)] or [a.index for a in artists])
        followed = rng.sample(matching, min(len(matching), rng.randint(1, 3)))
        if artists and rng.random() < 0.3:
            followed.append(rng.randrange(len(artists)))
        budget = min(8000.0, max(60.0, math.exp(rng.gauss(math.log(450), 0.8))))
        specs.append(BuyerSpec(
            index=index,
            username=username,
            email=f"{username}@{BUYER_EMAIL_DOMAIN}",
            first_name=first,
            last_name=last,
            address=address_make(rng, city_pick(rng)),
            vibes=tuple(vibes),
            artists=tuple(dict.fromkeys(followed)),
            budget=Decimal(round(budget)).quantize(CENTS),
            activity=min(20.0, rng.paretovariate(1.5)),
            joined=anchor - timedelta(days=HISTORY_DAYS + rng.randint(1, 300)),
        ))
    return specs
