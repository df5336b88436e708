"""The artist's own numbers: views counted in the cache (not the artist's own), flushed in batches; sales, cart
adds, conversion and earnings after commission per work and per month; the CSV."""
import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from collectors.models import Favourite
from storefront.catalogue.models import ArtworkViewDay
from storefront.catalogue.viewcount import artwork_views_flush
from studio.numbers import artist_numbers, bar_chart_svg
from tests.factories.billing import make_paid_order
from tests.factories.catalogue import make_artwork, make_buyer
from tests.factories.orders import make_basket

pytestmark = pytest.mark.django_db


def _views(client, artwork, n):
    for _ in range(n):
        assert client.get(artwork.get_absolute_url()).status_code == 200


def test_views_are_counted_in_the_cache_without_the_artists_own_and_flushed_once(client, artist, artwork, buyer):
    _views(client, artwork, 2)
    client.force_login(buyer)
    with CaptureQueriesContext(connection) as queries:
        _views(client, artwork, 1)
    assert not [q for q in queries if "artworkviewday" in q["sql"].lower()]
    client.force_login(artist.user)
    _views(client, artwork, 5)  # the artist looking at their own work
    assert not ArtworkViewDay.objects.exists()
    assert artwork_views_flush() == 1
    assert ArtworkViewDay.objects.get(artwork=artwork, day=timezone.localdate()).views == 3
    # A second flush with nothing new writes nothing, and never lowers a count.
    assert artwork_views_flush() == 0
    assert ArtworkViewDay.objects.get().views == 3


def test_the_numbers_count_sales_cart_adds_favourites_conversion_and_earnings_after_commission(
        artist, artwork, django_capture_on_commit_callbacks):
    other = make_artwork(artist, title="Second Work")
    ArtworkViewDay.objects.create(artwork=artwork, day=timezone.localdate(), views=8)
    make_basket(make_buyer(), other)
    for _ in range(2):
        Favourite.objects.create(user=make_buyer(), product=other)
    _, payment = make_paid_order(make_buyer(), artwork, capture=django_capture_on_commit_callbacks)
    numbers = artist_numbers(artist=artist)
    works = {w.title: w for w in numbers.works}
    sold = works["Harbour at Dusk"]
    assert (sold.views, sold.sales, sold.cart_adds) == (8, 1, 1)
    assert sold.conversion == pytest.approx(1 / 8)
    assert 0 < sold.earnings < payment.amount  # the price less Artiqo's commission
    assert works["Second Work"].cart_adds == 1 and works["Second Work"].sales == 0
    assert (works["Second Work"].favourites, sold.favourites) == (2, 0)
    assert numbers.by_month["favourites"][-1] == 2
    assert numbers.by_month["sales"][-1] == 1 and numbers.by_month["views"][-1] == 8
    assert numbers.by_month["earnings"][-1] == sold.earnings


def test_the_studio_page_draws_the_charts_and_the_csv_has_every_work(studio, artist, artwork):
    ArtworkViewDay.objects.create(artwork=artwork, day=timezone.localdate(), views=4)
    page = studio.get("/studio/numbers/").content.decode()
    assert page.count('<svg class="chart"') == 5 and "Harbour at Dusk" in page
    assert "<script" not in page.split('<section class="numbers-summary')[1].split("</main>")[0]
    response = studio.get("/studio/numbers.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == ["artwork_id", "title", "views", "favourites", "cart_adds", "sales"]
    assert rows[1][1:3] == ["Harbour at Dusk", "4"]
    assert rows[-1][0] == timezone.localdate().strftime("%Y-%m") and rows[-1][1] == "4"


def test_only_artists_see_numbers_and_only_their_own(client, buyer, other_artist, artwork):
    client.force_login(buyer)
    assert client.get("/studio/numbers/").status_code == 403
    client.force_login(other_artist.user)
    assert "Harbour at Dusk" not in client.get("/studio/numbers/").content.decode()


def test_the_chart_escapes_labels_and_scales_bars_to_the_largest_value():
    svg = bar_chart_svg(values=[1, 4], labels=["<a>", "b"], title="t")
    assert "&lt;a&gt;" in svg and "<a>" not in svg
    heights = [float(h) for h in re.findall(r'height="([0-9.]+)" rx', svg)]
    assert heights[1] == pytest.approx(heights[0] * 4)
