"""Reads of payments: an order's attempts with their history, for the buyer, the API and admins."""
from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from storefront.payment.models import Payment, PaymentChange


def payments_prefetch(lookup: str = "payments") -> Prefetch:
    """Prefetch an order's payments, each with its history (two queries whatever the count)."""
    return Prefetch(
        lookup,
        queryset=Payment.objects.order_by("attempt").prefetch_related(
            Prefetch("history", queryset=PaymentChange.objects.order_by("date_created", "pk"))
        ),
    )


def payment_list_for_order(*, order) -> QuerySet:
    return Payment.objects.filter(order=order).order_by("attempt").prefetch_related(
        Prefetch("history", queryset=PaymentChange.objects.order_by("date_created", "pk"))
    )


def payment_get_for_request(*, user, request_key: str) -> Payment | None:
    """The attempt a form token of this buyer already started (a double click replays it), if any."""
    if not request_key or not getattr(user, "is_authenticated", False):
        return None
    return Payment.objects.select_related("order").filter(request_key=request_key, order__user=user).first()
