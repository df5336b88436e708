"""Plan limits when listing works, and the artist row lock that serialises an artist's billing writes."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction


def artist_lock(artist):
    """Lock the artist's row until the transaction ends: one billing change per artist at a time."""
    # Through the artist's own model: billing imports nothing of the artists app.
    if transaction.get_connection().in_atomic_block:
        type(artist)._default_manager.select_for_update().filter(pk=artist.pk).values_list("pk", flat=True).first()


def plan_check_can_list(*, artist) -> None:
    """Raise ValidationError when the artist's plan allows no more works for sale.

    Call it inside the transaction that lists the work: it locks the artist's row, so
    two simultaneous uploads cannot both take the last free place.
    """
    from storefront.billing.selectors import listed_works_count, plan_effective

    plan = plan_effective(artist=artist)
    if plan is None or plan.max_listed_works is None:
        return
    artist_lock(artist)
    listed = listed_works_count(artist=artist)
    if listed >= plan.max_listed_works:
        raise ValidationError(
            f"Your {plan.name} plan lets you have {plan.max_listed_works} works for sale at once and you have "
            f"{listed}. Upgrade your plan in the studio, or wait until a work sells.",
            code="plan_limit_reached",
        )
