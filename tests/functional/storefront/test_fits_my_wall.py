"""Fits my wall: browse and the API keep the works that fit a wall space and have the asked shape."""
from decimal import Decimal

import pytest

from tests.factories.catalogue import make_artwork

pytestmark = pytest.mark.django_db


@pytest.fixture
def shapes(artist):
    return {
        "tall": make_artwork(artist, title="Tall Reeds", width_cm=Decimal("40"), height_cm=Decimal("100")),
        "wide": make_artwork(artist, title="Wide Bay", width_cm=Decimal("150"), height_cm=Decimal("60")),
        "square": make_artwork(artist, title="Square Sun", width_cm=Decimal("60"), height_cm=Decimal("58")),
        "sizeless": make_artwork(artist, title="Unmeasured"),
    }


def _titles(api_client, **params) -> set[str]:
    response = api_client.get("/api/v1/products/products", params)
    assert response.status_code == 200, response.content
    return {card["title"] for card in response.json()["results"]}


def test_the_api_keeps_works_that_fit_the_wall_space(api_client, shapes):
    assert _titles(api_client, wall_width=100, wall_height=120) == {"Tall Reeds", "Square Sun"}
    assert _titles(api_client, wall_width=200, wall_height=70) == {"Wide Bay", "Square Sun"}
    assert _titles(api_client, wall_width=50) == {"Tall Reeds"}


def test_the_api_filters_by_orientation_with_near_square_as_square(api_client, shapes):
    assert _titles(api_client, orientation="portrait") == {"Tall Reeds"}
    assert _titles(api_client, orientation="landscape") == {"Wide Bay"}
    assert _titles(api_client, orientation="square") == {"Square Sun"}


def test_a_bad_wall_or_shape_is_a_400(api_client, shapes):
    response = api_client.get("/api/v1/products/products", {"wall_width": "-3", "orientation": "round"})
    assert response.status_code == 400
    assert {"wall_width", "orientation"} <= set(response.json()["error"]["fields"])


def test_browse_filters_by_wall_and_shape(client, shapes):
    page = client.get("/shop/catalogue/", {"wall_width": 100, "wall_height": 120, "orientation": "portrait"})
    html = page.content.decode()
    assert "Tall Reeds" in html and "Square Sun" not in html and "Wide Bay" not in html
    assert 'name="wall_width"' in html and 'value="100"' in html


def test_the_artwork_page_offers_the_wall_view_from_the_works_real_size(client, shapes):
    html = client.get(shapes["tall"].get_absolute_url()).content.decode()
    assert 'data-wall-view data-width="40' in html and 'data-height="100' in html
    assert "View on a wall" in html and "js/wall.js" in html
    assert "data-wall-view" not in client.get(shapes["sizeless"].get_absolute_url()).content.decode()
