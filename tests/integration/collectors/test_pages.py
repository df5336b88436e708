"""Pages: the account's Favourites and Following, hearts never baked into cached HTML, the studio's count."""
import json
import re

import pytest

from collectors.services import favourite_add, follow_add

pytestmark = pytest.mark.django_db


def _state(html: str) -> dict:
    return json.loads(re.search(r'<script id="collector-state" type="application/json">(.*?)</script>', html).group(1))


def test_the_favourites_page_lists_the_buyers_hearted_works(client, buyer, other_buyer, artwork):
    favourite_add(user=buyer, product_id=artwork.pk)
    client.force_login(buyer)
    page = client.get("/shop/accounts/favourites/").content.decode()
    assert artwork.title in page and f'data-favourite="{artwork.pk}"' in page
    client.force_login(other_buyer)
    assert artwork.title not in client.get("/shop/accounts/favourites/").content.decode()


def test_account_pages_ask_a_visitor_to_sign_in(client):
    for path in ("/shop/accounts/favourites/", "/shop/accounts/following/"):
        response = client.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_following_page_lists_followed_artists(client, buyer, artist, other_artist):
    follow_add(user=buyer, artist_id=artist.pk)
    client.force_login(buyer)
    page = client.get("/shop/accounts/following/").content.decode()
    assert artist.name in page and other_artist.name not in page


def test_a_cached_artwork_page_carries_each_visitors_own_hearts(client, buyer, other_buyer, artwork):
    favourite_add(user=buyer, product_id=artwork.pk)
    client.force_login(buyer)
    mine = client.get(artwork.get_absolute_url()).content.decode()
    assert _state(mine)["favourites"] == [artwork.pk] and _state(mine)["signedIn"]
    assert 'aria-pressed="true"' not in mine  # the heart itself is drawn empty for everyone
    client.force_login(other_buyer)
    theirs = client.get(artwork.get_absolute_url()).content.decode()
    assert _state(theirs)["favourites"] == []
    client.logout()
    anonymous = _state(client.get(artwork.get_absolute_url()).content.decode())
    assert anonymous["signedIn"] is False and anonymous["favourites"] == [] and anonymous["csrf"] == ""


def test_the_artist_page_has_a_follow_button_and_the_studio_counts_followers(client, buyer, artist, artwork):
    page = client.get(artist.get_absolute_url()).content.decode()
    assert f'data-follow-artist="{artist.pk}"' in page
    follow_add(user=buyer, artist_id=artist.pk)
    client.force_login(artist.user)
    assert "1 follower<" in client.get("/studio/").content.decode()
