"""The demo shop shows favourites and follows: the demo buyer has some, the demo artist has followers."""
import pytest
from django.contrib.auth import get_user_model

from artists.models import Artist
from collectors.models import Favourite, Follow
from demo.plan import ARTIST_LOGIN, BUYER_LOGIN
from tests.factories.demo import demo_build

pytestmark = pytest.mark.django_db


def test_the_demo_buyer_has_favourites_and_follows_and_a_second_run_adds_none():
    demo_build()
    buyer = get_user_model().objects.get(username=BUYER_LOGIN[0])
    artist = Artist.objects.get(user__username=ARTIST_LOGIN[0])
    hearts = sorted(Favourite.objects.filter(user=buyer).values_list("product__title", flat=True))
    assert len(hearts) >= 3
    assert Follow.objects.filter(user=buyer, artist=artist).exists()
    assert Follow.objects.filter(artist=artist).count() > 1
    rows = Favourite.objects.count() + Follow.objects.count()
    demo_build()
    assert Favourite.objects.count() + Follow.objects.count() == rows
    assert sorted(Favourite.objects.filter(user=buyer).values_list("product__title", flat=True)) == hearts
