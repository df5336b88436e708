"""Signal receivers of billing: book paid orders and refunds in the ledger, announce changed features."""
from __future__ import annotations

import logging

from django.db.models.signals import post_delete, post_save

from storefront.billing.models import FeaturedListing

logger = logging.getLogger(__name__)


def on_order_paid(sender, order, **kwargs) -> None:
    from storefront.billing.services import ledger_record_order_paid

    ledger_record_order_paid(order=order)


def on_payment_refunded(sender, payment, amount=None, **kwargs) -> None:
    from storefront.billing.services import ledger_record_refund

    ledger_record_refund(payment=payment)


def on_feature_changed(sender, instance: FeaturedListing, **kwargs) -> None:
    # Editors add, move and withdraw features in the CMS: the search boost must follow.
    from storefront.billing.services import features_changed_send

    features_changed_send(artwork_ids=[instance.artwork_id])


def connect() -> None:
    """Connect to the payments layer's signals when it provides them (it is built alongside billing)."""
    try:
        from storefront.order.signals import order_paid, payment_refunded
    except ImportError:
        logger.warning("storefront.order.signals is missing: paid orders are not booked in the ledger")
    else:
        order_paid.connect(on_order_paid, dispatch_uid="billing-ledger-order-paid")
        payment_refunded.connect(on_payment_refunded, dispatch_uid="billing-ledger-payment-refunded")
    post_save.connect(on_feature_changed, sender=FeaturedListing, dispatch_uid="billing-feature-saved")
    post_delete.connect(on_feature_changed, sender=FeaturedListing, dispatch_uid="billing-feature-deleted")
