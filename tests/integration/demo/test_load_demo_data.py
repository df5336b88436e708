"""`manage.py load_demo_data`: a small believable shop, the same for a seed, safe to run twice."""
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import CommandError
from django.urls import reverse
from oscar.core.loading import get_model

from artists.models import Artist, ArtistPage
from demo.digest import demo_digest
from demo.plan import ADMIN_LOGIN, ARTIST_LOGIN, BUYER_LOGIN
from storefront.catalogue.selectors import artwork_list
from storefront.order import statuses
from tests.factories.demo import TINY, TODAY, demo_build, demo_digest_of_build

Product = get_model("catalogue", "Product")
Vibe = get_model("catalogue", "Vibe")
Category = get_model("catalogue", "Category")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    return {
        "artists": Artist.objects.count(), "pages": ArtistPage.objects.count(), "artworks": Product.objects.count(),
        "stock": StockRecord.objects.count(), "users": User.objects.count(), "orders": Order.objects.count(),
        "lines": Line.objects.count(), "vibes": Vibe.objects.count(), "categories": Category.objects.count(),
    }


def test_the_sizes_asked_for_are_built():
    output = demo_build()
    assert Artist.objects.count() == ArtistPage.objects.live().count() == TINY["artists"]
    assert Product.objects.filter(upc__startswith="DEMO-7-").count() == TINY["artworks"]
    assert User.objects.filter(email__endswith="@mail.artiqo.example").count() == TINY["buyers"]
    assert Order.objects.filter(number__startswith="DEMO-7-").count() == TINY["orders"]
    assert "Demo data, seed 7" in output


def test_the_vibe_vocabulary_and_category_tree_exist():
    demo_build()
    assert set(Vibe.objects.values_list("slug", flat=True)) >= {
        "calm", "bold", "dreamy", "dark", "playful", "melancholic", "vibrant", "minimal"}
    assert Category.objects.get(name="Landscapes").get_parent().name == "Paintings"
    assert Product.objects.filter(categories__isnull=True).count() == 0


def test_every_artwork_has_its_own_picture_file_and_thumbnail():
    demo_build()
    names = set()
    for artwork in Product.objects.prefetch_related("images"):
        (image,) = artwork.images.all()
        assert default_storage.exists(image.original.name) and default_storage.exists(image.thumbnail.name)
        assert image.original.width == 640 or image.original.height == 640
        names.add(image.original.name)
    assert len(names) == TINY["artworks"]


def test_every_artwork_has_one_stock_record_owned_by_its_artist():
    demo_build()
    for artwork in Product.objects.select_related("artist__partner"):
        (record,) = artwork.stockrecords.all()
        assert record.partner == artwork.artist.partner
        assert record.num_in_stock <= (1 if artwork.kind == "original" else artwork.edition_size)
        assert isinstance(record.price, Decimal) and record.price > 0


def test_the_same_seed_builds_the_same_shop():
    assert demo_digest_of_build(seed=7) == demo_digest_of_build(seed=7)


def test_another_seed_builds_another_shop():
    assert demo_digest_of_build(seed=7) != demo_digest_of_build(seed=8)


def test_topping_up_builds_what_one_bigger_run_builds():
    """Catalogue first, then the history in two goes: the same shop as one run makes."""
    direct = demo_digest_of_build()
    demo_build(artworks=6, orders=0)
    demo_build(orders=4)
    demo_build()
    assert demo_digest(seed=7) == direct


def test_a_second_run_adds_nothing():
    demo_build()
    before, digest = _counts(), demo_digest(seed=7)
    output = demo_build()
    assert _counts() == before and demo_digest(seed=7) == digest
    assert "Nothing was missing" in output


def test_a_second_run_with_another_seed_keeps_the_loaded_one():
    demo_build(seed=7)
    before = _counts()
    output = demo_build(seed=8)
    assert _counts() == before
    assert "seed 7 was used, not 8" in output


def test_order_totals_add_up_in_decimal():
    demo_build()
    for order in Order.objects.filter(number__startswith="DEMO-").prefetch_related("lines__product"):
        lines = list(order.lines.all())
        assert lines
        assert isinstance(order.total_incl_tax, Decimal)
        assert all(line.line_price_incl_tax == line.unit_price_incl_tax * line.quantity for line in lines)
        artists = {line.product.artist_id for line in lines}
        expected_shipping = Decimal("0.00") if order.shipping_code == "collect" else Decimal("15.00") * len(artists)
        assert order.shipping_incl_tax == expected_shipping
        assert order.total_incl_tax == sum(line.line_price_incl_tax for line in lines) + order.shipping_incl_tax
        assert (order.shipping_address is None) == (order.shipping_code == "collect")


def test_sold_originals_show_as_sold():
    demo_build(artworks=12, orders=30)
    sold = set(Line.objects.filter(product__kind="original").exclude(order__status=statuses.CANCELLED)
               .values_list("product_id", flat=True))
    assert sold
    listed = {artwork.pk: artwork for artwork in artwork_list()}
    for product_id in sold:
        assert listed[product_id].net_stock == 0 and not listed[product_id].is_available


def test_the_stock_left_matches_what_the_orders_took():
    demo_build(orders=30)
    for record in StockRecord.objects.select_related("product"):
        lines = Line.objects.filter(stockrecord=record).exclude(order__status=statuses.CANCELLED)
        consumed = sum(line.quantity for line in lines if line.order.status in (statuses.SHIPPED, statuses.COMPLETE))
        held = sum(line.quantity for line in lines if line.order.status == statuses.PAID)
        start = 1 if record.product.kind == "original" else record.product.edition_size
        assert (record.num_in_stock, record.num_allocated) == (start - consumed, held)


@pytest.mark.parametrize("login", [ADMIN_LOGIN, ARTIST_LOGIN, BUYER_LOGIN])
def test_the_demo_logins_work(client, login):
    demo_build()
    username, password = login
    assert client.login(username=username, password=password)


def test_the_demo_logins_are_who_they_say(client):
    demo_build()
    admin = User.objects.get(username=ADMIN_LOGIN[0])
    assert admin.is_superuser and admin.is_staff
    assert Artist.objects.order_by("pk").first().user.username == ARTIST_LOGIN[0]
    client.login(username=BUYER_LOGIN[0], password=BUYER_LOGIN[1])
    numbers = list(Order.objects.filter(user__username=BUYER_LOGIN[0]).values_list("number", flat=True))
    assert len(numbers) >= 3
    page = client.get(reverse("customer:order-list"))
    assert page.status_code == 200 and numbers[0] in page.content.decode()


@pytest.mark.parametrize("options, message", [
    ({"artworks": -1}, "--artworks cannot be negative"),
    ({"artists": 0}, "at least one artist"),
    ({"buyers": 0}, "at least one buyer"),
    ({"lines_per_order": 9.0}, "--lines-per-order"),
])
def test_nonsense_sizes_are_refused_with_a_reason(options, message):
    with pytest.raises(CommandError, match=message):
        demo_build(**options)
    assert Product.objects.count() == 0


def test_the_digest_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    demo_build(artworks=12, orders=10)
    with django_assert_max_num_queries(8):
        demo_digest(seed=7)


def test_the_demo_artist_is_onboarded_on_the_test_gateway_and_paid_for_their_shipped_orders():
    from storefront.billing.selectors.earnings import earnings_net_per_order
    from storefront.payouts.models import ConnectedAccount, Transfer, TransferStatus

    demo_build()
    artist = Artist.objects.get(user__username=ARTIST_LOGIN[0])
    account = ConnectedAccount.objects.get(artist=artist)
    assert (account.gateway, account.payouts_enabled, account.details_submitted) == ("test", True, True)
    shipped = set(Order.objects.filter(status__in=(statuses.SHIPPED, statuses.COMPLETE),
                                       lines__partner_id=artist.partner_id).values_list("number", flat=True))
    transfers = Transfer.objects.filter(artist=artist).select_related("order")
    assert shipped and {transfer.order.number for transfer in transfers} == shipped
    owed = earnings_net_per_order(artist_id=artist.pk)
    for transfer in transfers:
        assert transfer.status == TransferStatus.PAID
        assert transfer.amount == owed[(transfer.order_id, artist.pk)]["net"] > 0
        assert transfer.date_paid.date() < TODAY
    assert not Transfer.objects.exclude(artist=artist).exists()
    demo_build()
    assert Transfer.objects.filter(artist=artist).count() == len(shipped)


def test_the_buyers_look_at_far_more_than_they_buy_and_their_wishlist_adds_are_dated():
    from django.utils import timezone

    from recommend.models import WishlistLineAdded

    demo_build()
    views = get_model("analytics", "UserProductView").objects.all()
    bought = set(Line.objects.values_list("order__user_id", "product_id"))
    seen = set(views.values_list("user_id", "product_id"))
    assert views.count() > 3 * Line.objects.count()
    assert seen - bought  # they also look at what they never buy
    # Dated in the past, around the orders, not when the demo was built.
    assert not views.filter(date_created__gte=timezone.now() - timezone.timedelta(minutes=5)).exists()
    dates = list(WishlistLineAdded.objects.values_list("date_added", flat=True))
    assert len(dates) == get_model("wishlists", "Line").objects.count()
    assert len(set(dates)) > 1 and max(dates) < timezone.now()


def test_every_order_came_from_a_cart_and_some_buyers_left_works_in_theirs_but_not_the_demo_login():
    from django.utils import timezone

    from demo.plan import BUYER_LOGIN

    demo_build()
    Basket = get_model("basket", "Basket")
    cart_lines = get_model("basket", "Line").objects.all()
    ordered = set(Line.objects.values_list("order__user_id", "product_id"))
    submitted = set(cart_lines.filter(basket__status=Basket.SUBMITTED)
                    .values_list("basket__owner_id", "product_id"))
    assert submitted == ordered
    left = cart_lines.filter(basket__status=Basket.OPEN)
    assert left.exists() and set(left.values_list("basket__owner_id", "product_id")) - ordered
    assert not cart_lines.filter(date_created__gte=timezone.now() - timezone.timedelta(minutes=5)).exists()
    login = get_user_model().objects.get(username=BUYER_LOGIN[0])
    assert not Basket.objects.filter(owner=login, status=Basket.OPEN, lines__isnull=False).exists()
def test_the_demo_shows_certificates_a_full_artist_with_a_waitlist_and_the_artists_views():
    from artists.models import Certificate
    from commissions.models import WaitlistEntry
    from commissions.selectors import commission_availability
    from storefront.catalogue.models import ArtworkViewDay

    demo_build()
    sold_copies = sum(Line.objects.filter(order__status__in=statuses.SOLD).values_list("quantity", flat=True))
    assert Certificate.objects.filter(revoked_at__isnull=True).count() == sold_copies > 0
    # Each work's certificates are numbered 1, 2, 3… in the order of its sales.
    for artwork_id in set(Certificate.objects.values_list("artwork_id", flat=True)):
        certificates = list(Certificate.objects.filter(artwork_id=artwork_id).order_by("sold_at", "pk"))
        assert [c.edition_number for c in certificates] == list(range(1, len(certificates) + 1))
    entries = WaitlistEntry.objects.select_related("artist")
    assert entries.count() == 2 and commission_availability(artist=entries[0].artist).is_full
    assert ArtworkViewDay.objects.filter(artwork__artist__user__username=ARTIST_LOGIN[0]).exists()


def test_a_big_demo_shop_loads_even_when_the_demo_buyer_alone_received_more_works_than_it_reviews(monkeypatch):
    """At 50,000 orders the demo login had received more works than the demo writes reviews for."""
    from demo import reviews
    from storefront.catalogue.reviews.models import ProductReview

    monkeypatch.setattr(reviews, "DEMO_REVIEWS", 1)
    demo_build()
    login_received = Line.objects.filter(order__user__username=BUYER_LOGIN[0], order__number__startswith="DEMO-7-")
    assert login_received.count() >= 2
    assert ProductReview.objects.filter(product__upc__startswith="DEMO-7-").count() == 1
