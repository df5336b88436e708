"""The foundation works: an artist with a page, an artwork with stock and an image."""
from decimal import Decimal

from storefront.catalogue.selectors import artwork_get, artwork_list


def test_a_new_artwork_is_listed_with_its_price_and_is_available(artwork):
    listed = artwork_list().get(pk=artwork.pk)
    assert listed.price == Decimal("120.00")
    assert listed.is_available is True
    assert listed.images.all()[0].thumbnail.name


def test_an_artist_page_lives_under_artists(client, artwork):
    response = client.get(f"/artists/{artwork.artist.slug}/")
    assert response.status_code == 200
    assert b"Harbour at Dusk" in response.content
    assert artwork_get(pk=artwork.pk).artist.page.url.endswith(f"/artists/{artwork.artist.slug}/")
