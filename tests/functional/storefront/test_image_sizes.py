"""Pictures at the size they are shown: card and artwork pictures offer narrower renditions
(srcset/sizes), the pictures at the top of a page load first and the rest lazily."""
import io
import re

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from storefront.catalogue.renditions import CARD_WIDTH, STAGE_WIDTH, card_img
from tests.factories.catalogue import make_artwork, png_bytes


def _imgs(html: str, within: str = "") -> list[str]:
    if within:
        html = html[html.index(within):]
    return re.findall(r"<img [^>]*>", html)


def _stored_width(url: str) -> int:
    with default_storage.open(url.removeprefix("/media/")) as handle, Image.open(handle) as image:
        return image.width


@pytest.mark.django_db
def test_browse_cards_offer_a_phone_sized_rendition_and_only_the_first_cards_load_at_once(client,
                                                                                          storefront_catalogue):
    mira = storefront_catalogue["artists"]["mira"]
    for index in range(4):  # the newest, so first; 8 public works in all: more than the 4 eager cards
        make_artwork(mira, title=f"Wide Sea {index}", images=[png_bytes(size=(900, 600), fmt="JPEG")])
    html = client.get("/shop/catalogue/").content.decode()
    cards = _imgs(html, within='class="art-grid"')
    assert len(cards) >= 8
    assert 'fetchpriority="high"' in cards[0] and "loading=" not in cards[0]
    assert "decoding=" not in cards[0]  # painted with the frame it arrives for, not one later
    assert all("loading=" not in card and "fetchpriority" not in card for card in cards[1:4])
    assert all('loading="lazy"' in card for card in cards[4:])
    small = re.search(r'srcset="([^ ]+) 320w, ([^ ]+) 480w"', cards[0])
    assert small and 'sizes="' in cards[0]
    assert _stored_width(small.group(1)) == CARD_WIDTH


@pytest.mark.django_db
def test_a_grid_lower_on_a_page_stays_lazy(client, storefront_catalogue):
    make_artwork(storefront_catalogue["artists"]["mira"], images=[png_bytes(size=(900, 600), fmt="JPEG")])
    html = client.get(storefront_catalogue["artists"]["mira"].get_absolute_url()).content.decode()
    assert all('loading="lazy"' in img for img in _imgs(html, within='class="art-grid"'))


@pytest.mark.django_db
def test_the_artwork_page_picture_loads_first_and_offers_a_phone_sized_copy_of_a_big_upload(client,
                                                                                        storefront_catalogue):
    harbour = make_artwork(storefront_catalogue["artists"]["mira"], images=[png_bytes(size=(1600, 1200), fmt="JPEG")])
    html = client.get(harbour.get_absolute_url()).content.decode()
    stage = _imgs(html, within="data-gallery-stage")[0]
    assert 'fetchpriority="high"' in stage and "loading=" not in stage
    candidates = dict(reversed(part.split()) for part in re.search(r'srcset="([^"]+)"', stage).group(1).split(", "))
    assert set(candidates) == {"480w", f"{STAGE_WIDTH}w", "1600w"}
    assert _stored_width(candidates[f"{STAGE_WIDTH}w"]) == STAGE_WIDTH
    assert candidates["1600w"] == harbour.images.first().original.url


@pytest.mark.django_db
def test_a_small_picture_is_offered_as_it_is(client, storefront_catalogue):
    harbour = make_artwork(storefront_catalogue["artists"]["mira"], images=[png_bytes(size=(300, 200), fmt="JPEG")])
    html = client.get(harbour.get_absolute_url()).content.decode()
    stage = _imgs(html, within="data-gallery-stage")[0]
    assert "srcset" not in stage and harbour.images.first().original.url in stage
    assert not default_storage.exists("renditions")


def test_a_picture_that_cannot_be_read_keeps_its_plain_markup():
    html = card_img("/media/images/thumbs/missing.jpg", eager=True, priority=True)
    assert html == '<img src="/media/images/thumbs/missing.jpg" alt="" fetchpriority="high">'
    buffer = io.BytesIO(b"not a picture")
    default_storage.save("images/thumbs/broken.jpg", buffer)
    assert "srcset" not in card_img("/media/images/thumbs/broken.jpg")
