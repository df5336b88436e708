"""Builders for vibes, artists, buyers and artworks, through the real services."""
import io
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from PIL import Image

from artists.services import artist_create
from storefront.catalogue.models import ArtworkKind, Vibe
from storefront.catalogue.services import artwork_create

_seq = itertools.count(1)
PASSWORD = "correct-Horse-battery-9"


def png_bytes(colour=(40, 90, 160), size=(64, 48), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def make_vibe(name: str = "calm") -> Vibe:
    vibe, _ = Vibe.objects.get_or_create(slug=name.lower(), defaults={"name": name.capitalize()})
    return vibe


def make_buyer(username: str | None = None, *, password: str = PASSWORD, **extra):
    n = next(_seq)
    username = username or f"buyer{n}"
    return get_user_model().objects.create_user(
        username=username, email=extra.pop("email", f"{username}@example.com"), password=password, **extra
    )


def make_artist(name: str | None = None, **kwargs):
    n = next(_seq)
    name = name or f"Artist Number{n}"
    email = kwargs.pop("email", f"artist{n}@example.com")
    return artist_create(name=name, email=email, username=kwargs.pop("username", f"artist{n}"),
                         password=kwargs.pop("password", PASSWORD), **kwargs)


def make_artwork(artist=None, *, title: str | None = None, price: Decimal = Decimal("120.00"),
                 with_image: bool = True, **kwargs):
    artist = artist or make_artist()
    n = next(_seq)
    kwargs.setdefault("kind", ArtworkKind.ORIGINAL)
    images = kwargs.pop("images", [png_bytes()] if with_image else [])
    return artwork_create(artist=artist, title=title or f"Artwork {n}", price=price, images=images, **kwargs)
