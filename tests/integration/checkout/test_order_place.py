"""Placing an order from a cart: unpaid, holding its works, idempotent, with shipping rules."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.order import statuses
from storefront.order.exceptions import ArtworkUnavailable, EmptyBasket, InvalidShipping
from storefront.order.holds import order_holds_release_expired
from storefront.order.selectors import order_get_for_buyer, order_lines_for_artist, order_list_for_buyer
from storefront.order.services import order_place
from tests.factories.catalogue import make_artwork, make_buyer
from tests.factories.orders import address_data, make_basket, make_order, make_user_address

StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _allocated(artwork) -> int:
    return StockRecord.objects.get(product=artwork).num_allocated


def test_placing_an_order_holds_the_original_and_awaits_payment(buyer, artwork):
    order = make_order(buyer, artwork)
    assert order.status == statuses.PENDING_PAYMENT
    assert order.hold_expires_at > timezone.now()
    assert order.total_incl_tax == Decimal("135.00")  # 120 + 15 standard delivery
    assert _allocated(artwork) == 1
    assert order.basket.status == "Submitted"
    assert order.shipping_address.line4 == "Bergen"


def test_a_second_buyer_of_a_held_original_is_told_it_is_reserved_not_sold(buyer, other_buyer, artwork):
    make_order(buyer, artwork)
    with pytest.raises(ArtworkUnavailable) as error:
        make_order(other_buyer, artwork)
    assert "is reserved: another buyer is paying for it right now" in str(error.value)
    assert "sold" not in str(error.value).replace("for sale", "")
    assert error.value.product == artwork
    assert Order.objects.count() == 1
    assert _allocated(artwork) == 1


def test_an_empty_cart_cannot_be_ordered(buyer):
    with pytest.raises(EmptyBasket):
        order_place(user=buyer, basket=make_basket(buyer))


def test_the_same_idempotency_key_returns_the_same_order(buyer, artwork):
    first = make_order(buyer, artwork, idempotency_key="key-1")
    again = order_place(user=buyer, basket=make_basket(buyer), idempotency_key="key-1")
    assert again.pk == first.pk
    assert _allocated(artwork) == 1


def test_submitting_the_same_cart_twice_gives_one_order(buyer, artwork):
    basket = make_basket(buyer, artwork)
    first = order_place(user=buyer, basket=basket, shipping_address=address_data())
    assert order_place(user=buyer, basket=basket, shipping_address=address_data()).pk == first.pk


def test_without_an_address_the_buyer_collects_from_the_studio(buyer, artwork):
    order = order_place(user=buyer, basket=make_basket(buyer, artwork))
    assert order.shipping_code == "collect"
    assert order.shipping_address is None
    assert order.total_incl_tax == Decimal("120.00")


def test_the_default_saved_address_is_used_for_delivery(buyer, artwork):
    make_user_address(buyer, line4="Oslo", postcode="0150")
    order = order_place(user=buyer, basket=make_basket(buyer, artwork))
    assert order.shipping_code == "standard"
    assert order.shipping_address.line4 == "Oslo"


def test_standard_delivery_is_charged_once_per_artist(buyer, artwork, other_artist):
    second = make_artwork(other_artist, price=Decimal("80.00"))
    order = make_order(buyer, artwork, second)
    assert order.shipping_incl_tax == Decimal("30.00")
    assert order.total_incl_tax == Decimal("230.00")
    assert order.lines.count() == 2


def test_an_incomplete_address_is_refused_with_field_messages(buyer, artwork):
    with pytest.raises(InvalidShipping) as error:
        order_place(user=buyer, basket=make_basket(buyer, artwork), shipping_address=address_data(line1=""))
    assert "line1" in error.value.errors
    assert _allocated(artwork) == 0


def test_an_unknown_shipping_method_is_refused(buyer, artwork):
    with pytest.raises(InvalidShipping):
        order_place(user=buyer, basket=make_basket(buyer, artwork), shipping_address=address_data(),
                    shipping_method_code="drone")


def test_standard_delivery_without_any_address_is_refused(buyer, artwork):
    with pytest.raises(InvalidShipping) as error:
        order_place(user=buyer, basket=make_basket(buyer, artwork), shipping_method_code="standard")
    assert "shipping_address" in error.value.errors


def test_a_lapsed_hold_frees_the_original_for_the_next_buyer(buyer, other_buyer, artwork):
    first = make_order(buyer, artwork)
    Order.objects.filter(pk=first.pk).update(hold_expires_at=timezone.now() - timedelta(minutes=1))
    second = make_order(other_buyer, artwork)
    first.refresh_from_db()
    assert first.status == statuses.EXPIRED
    assert second.status == statuses.PENDING_PAYMENT
    assert _allocated(artwork) == 1


def test_the_sweep_releases_lapsed_holds_once(buyer, artwork):
    order = make_order(buyer, artwork)
    later = timezone.now() + timedelta(hours=1)
    assert order_holds_release_expired(now=later) == 1
    assert order_holds_release_expired(now=later) == 0
    assert _allocated(artwork) == 0
    assert list(order.status_changes.values_list("new_status", flat=True)) == [statuses.EXPIRED]


def test_buyers_see_only_their_own_orders(buyer, other_buyer, artwork, django_assert_max_num_queries):
    order = make_order(buyer, artwork)
    for _ in range(3):
        make_order(buyer, make_artwork(artwork.artist))
    assert order_get_for_buyer(user=other_buyer, number=order.number) is None
    assert order_get_for_buyer(user=buyer, number=order.number).pk == order.pk
    with django_assert_max_num_queries(2):
        orders = list(order_list_for_buyer(user=buyer))
        assert sum(len(o.lines.all()) for o in orders) == 4


def test_an_artist_sees_only_the_lines_of_their_works(buyer, artwork, other_artist,
                                                     django_assert_max_num_queries):
    from storefront.order.holds import order_hold_claim

    other_work = make_artwork(other_artist)
    order = make_order(buyer, artwork, other_work)
    assert list(order_lines_for_artist(artist=artwork.artist)) == []  # unpaid orders are not sales
    order_hold_claim(order=order, to_status=statuses.PAID)
    for _ in range(3):
        order_hold_claim(order=make_order(make_buyer(), make_artwork(artwork.artist)), to_status=statuses.PAID)
    with django_assert_max_num_queries(1):
        lines = list(order_lines_for_artist(artist=artwork.artist))
        assert {line.order.user.email for line in lines} >= {buyer.email}
        assert all(line.partner_id == artwork.artist.partner_id for line in lines)
        assert [line.order.shipping_address.line4 for line in lines][-1] == "Bergen"
    assert len(lines) == 4


def test_the_release_command_frees_lapsed_holds(buyer, artwork):
    from io import StringIO

    from django.core.management import call_command

    order = make_order(buyer, artwork)
    Order.objects.filter(pk=order.pk).update(hold_expires_at=timezone.now() - timedelta(seconds=1))
    out = StringIO()
    call_command("release_expired_holds", stdout=out)
    assert "Released 1 lapsed order hold(s)." in out.getvalue()
    assert _allocated(artwork) == 0
