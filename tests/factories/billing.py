"""Builders for billing: plans, marketplace settings, featured listings, paid and refunded orders."""
import itertools
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from storefront.billing.models import (
    FeaturedListing,
    FeatureSource,
    FeatureStatus,
    MarketplaceSettings,
    SubscriptionPlan,
)
from storefront.payment import sandbox
from storefront.payment.cards import card_for_token
from storefront.payment.services import card_setup_finish, card_setup_start, payment_refund_record, payment_start
from tests.factories.orders import make_order

_seq = itertools.count(1)
RETURN_URL = "http://testserver/return/"
VISA = "pm_card_visa"
DECLINED = "pm_card_chargeDeclined"
THREE_D_SECURE = "pm_card_authenticationRequired"
CARD_RETURN_URL = "http://testserver/studio/billing/card/return/"
CARD_CANCEL_URL = "http://testserver/studio/billing/plans/"


def save_card(user, card: str = VISA, *, fake=None):
    """The user saves `card` (a test token) on the gateway's card-saving page and comes back: their PaymentCustomer.

    In test mode the test gateway's own page takes it; with `fake` (the fake_stripe
    fixture) the fake Stripe's hosted page does.
    """
    session = card_setup_start(user=user, request_key=f"save-card-{next(_seq)}", cancel_url=CARD_CANCEL_URL,
                               success_url=CARD_RETURN_URL + "?session_id={CHECKOUT_SESSION_ID}")
    if fake is None:
        sandbox.session_card_submit(session_id=session.session_id, card_number=card_for_token(card).number)
    else:
        fake.pay_session(session.session_id, card=card)
    return card_setup_finish(user=user, session_id=session.session_id)


def set_marketplace(**values) -> MarketplaceSettings:
    settings = MarketplaceSettings.load()
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def make_plan(name: str = "Free", *, price: str = "0.00", max_works: int | None = None, rate: str | None = None,
              default: bool = False, **extra) -> SubscriptionPlan:
    return SubscriptionPlan.objects.create(
        name=name, slug=f"{name.lower()}-{next(_seq)}", monthly_price=Decimal(price), max_listed_works=max_works,
        commission_rate=Decimal(rate) if rate is not None else None, is_default=default, **extra,
    )


def make_free_and_pro() -> tuple[SubscriptionPlan, SubscriptionPlan]:
    """Free: 3 works, the default commission. Pro: 12.00 a month, unlimited, 8 %."""
    free = make_plan("Free", max_works=3, default=True)
    pro = make_plan("Pro", price="12.00", rate="8.00", highlight_commissions=True, position=1)
    return free, pro


def make_feature(artwork, *, days: float = 7, starts_in: float = 0, source=FeatureSource.EDITORIAL,
                 status=FeatureStatus.ACTIVE, **extra) -> FeaturedListing:
    start = timezone.now() + timedelta(days=starts_in)
    return FeaturedListing.objects.create(artwork=artwork, source=source, status=status, starts_at=start,
                                          ends_at=start + timedelta(days=days), **extra)


def pay_order(order, payment_method: str = VISA):
    """Pay the order through the payment facade (test gateway); returns the Payment."""
    return payment_start(order=order, payment_method=payment_method, return_url=RETURN_URL)


def make_paid_order(buyer, *artworks, capture=None):
    """An order of these works, collected at the studio (no shipping charge), paid by card.

    Pass pytest-django's `django_capture_on_commit_callbacks` as `capture` so the
    order_paid signal (sent after commit) reaches the ledger inside the test transaction.
    """
    order = make_order(buyer, *artworks, shipping_method_code="collect")
    with capture(execute=True):
        payment = pay_order(order)
    return order, payment


def refund(payment, *, total: Decimal, capture, refund_id: str = "re_test"):
    """Record that `total` of the payment is refunded in all (as a Stripe webhook would)."""
    with capture(execute=True):
        payment_refund_record(payment=payment, refunded_total_minor=int(total * 100), refund_id=refund_id,
                              source="test", reason="refund in a test")
