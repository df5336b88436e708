"""Reads of payments: an order's attempts with their history, for the buyer, the API and admins; saved cards."""
from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from storefront.payment.gateway import gateway_get
from storefront.payment.models import Payment, PaymentChange, PaymentCustomer


def payment_list_for_order(*, order) -> QuerySet:
    return Payment.objects.filter(order=order).order_by("attempt").prefetch_related(
        Prefetch("history", queryset=PaymentChange.objects.order_by("date_created", "pk"))
    )


def payment_get_for_request(*, user, request_key: str) -> Payment | None:
    """The attempt a form token of this buyer already started (a double click replays it), if any."""
    if not request_key or not getattr(user, "is_authenticated", False):
        return None
    return Payment.objects.select_related("order").filter(request_key=request_key, order__user=user).first()


def saved_card_get(*, user) -> PaymentCustomer | None:
    """The card the user saved with the gateway in use (None: they have none yet)."""
    return PaymentCustomer.objects.filter(user=user, gateway=gateway_get().NAME).exclude(payment_method="").first()
