"""The demo shop's subscription plans: a free plan with a listing limit and a paid Pro plan with a lower commission.

Artists without a subscription are on the default plan, so the demo artist starts on Free and
can try upgrading in the studio. Plans belong to the admins once they exist: a later run adds
nothing if any plan is there, so it never undoes what an admin changed in the CMS.
"""
from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from storefront.billing.models import SubscriptionPlan

# Above what any demo artist has for sale at the default sizes, so the demo artist can still upload.
FREE_LISTED_WORKS = 25
DEMO_PLANS = (
    {"slug": "free", "name": "Free", "position": 0, "is_default": True, "monthly_price": Decimal("0.00"),
     "max_listed_works": FREE_LISTED_WORKS, "commission_rate": None,
     "description": f"Up to {FREE_LISTED_WORKS} works for sale at once, at the shop's standard commission."},
    {"slug": "pro", "name": "Pro", "position": 1, "is_default": False, "monthly_price": Decimal("19.00"),
     "max_listed_works": None, "commission_rate": Decimal("8.00"), "highlight_commissions": True,
     "description": "Unlimited works for sale, a lower commission on every sale, and “Open for commissions” "
                    "shown prominently on your works and page."},
)


@transaction.atomic
def plans_ensure() -> int:
    """Create the demo plans unless the shop has plans already; returns how many were added."""
    if SubscriptionPlan.objects.exists():
        return 0
    plans = [SubscriptionPlan(**spec) for spec in DEMO_PLANS]
    for plan in plans:
        plan.full_clean()
    SubscriptionPlan.objects.bulk_create(plans)
    return len(plans)
