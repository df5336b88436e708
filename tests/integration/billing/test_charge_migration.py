"""Upgrading a shop with artists' charges: each becomes a payment with its history, and still works."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from storefront.billing.models import ArtistSubscription, BillingCharge, LedgerEntry, LedgerKind
from storefront.billing.services import charge_refresh
from storefront.payment import sandbox
from storefront.payment.models import Payment, PaymentChange, PaymentStatus
from tests.factories.billing import THREE_D_SECURE, VISA, make_free_and_pro, pay_order
from tests.factories.orders import make_order

D = Decimal
BEFORE = [("billing", "0001_initial"), ("payment", "0007_checkout_session")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_artists_charges_become_payments_with_their_history_and_keys(artist, buyer, artwork, settings):
    _, pro = make_free_and_pro()
    order_payment = pay_order(make_order(buyer, artwork))  # made before the upgrade, paid by the buyer
    started = timezone.now() - timedelta(days=3)
    paid_at = started + timedelta(minutes=1)

    old_apps = _migrate(BEFORE)
    Charge = old_apps.get_model("billing", "BillingCharge")
    Ledger = old_apps.get_model("billing", "LedgerEntry")
    common = {"artist_id": artist.pk, "currency": "USD", "gateway": sandbox.NAME}
    paid = Charge.objects.create(
        **common, kind="subscription", purpose="start", amount=D("12.00"), status="completed",
        payment_method=VISA, idempotency_key="artiqo-billing-1-start-tok", intent_id="pi_test_paid",
        description="Pro plan, 1 Jan 2026 – 1 Feb 2026", plan_id=pro.pk, period_start=started,
        period_end=started + timedelta(days=31), date_completed=paid_at)
    declined = Charge.objects.create(
        **common, kind="feature", purpose="feature", amount=D("6.00"), status="failed",
        payment_method="pm_card_chargeDeclined", idempotency_key="artiqo-feature-9-tok", intent_id="pi_test_declined",
        failure_code="generic_decline", failure_message="Your card was declined.",
        description="Featured listing: Harbour at Dusk, 3 days")
    # Awaiting 3-D Secure when the shop was upgraded: its PaymentIntent exists in the test gateway.
    waiting_key = "artiqo-billing-1-upgrade-tok2"
    intent = sandbox.payment_intent_create(amount_minor=1200, currency="USD", payment_method=THREE_D_SECURE,
                                           return_url="http://testserver/", idempotency_key=waiting_key,
                                           metadata={"kind": "subscription"})
    waiting = Charge.objects.create(
        **common, kind="subscription", purpose="upgrade", amount=D("12.00"), status="requires_action",
        payment_method=THREE_D_SECURE, idempotency_key=waiting_key, intent_id=intent.intent_id,
        next_action_url=intent.next_action_url, description="Pro plan, later", plan_id=pro.pk,
        period_start=started, period_end=started + timedelta(days=31))
    Charge.objects.filter(pk__in=[paid.pk, declined.pk, waiting.pk]).update(date_created=started)
    Ledger.objects.create(kind="subscription", artist_id=artist.pk, charge_id=paid.pk, description="Pro plan",
                          currency="USD", gross=D("12.00"), platform_fee=D("12.00"), artist_net=D("0.00"))

    _migrate(None)

    # Each charge has one payment carrying its money, status, keys and failure; the ids stay.
    charges = {charge.pk: charge for charge in BillingCharge.objects.select_related("payment")}
    assert set(charges) == {paid.pk, declined.pk, waiting.pk}
    payment = charges[paid.pk].payment
    assert (payment.purpose, payment.payer, payment.order, payment.status, payment.amount, payment.currency,
            payment.intent_id, payment.gateway) == ("plan", artist.user, None, "completed", D("12.00"), "USD",
                                                    "pi_test_paid", sandbox.NAME)
    assert (payment.date_created, payment.date_completed) == (started, paid_at)
    assert (payment.description, charges[paid.pk].plan) == ("Pro plan, 1 Jan 2026 – 1 Feb 2026", pro)
    assert payment.key_for("create") == "artiqo-billing-1-start-tok"  # the key the gateway saw
    assert payment.key_for("retrieve") == "artiqo-billing-1-start-tok-retrieve"
    assert [(c.from_status, c.to_status, c.date_created) for c in payment.history.all()] == [
        ("", "pending", started), ("pending", "completed", paid_at), ("", "", paid_at)]
    assert f"billing charge #{paid.pk}" in payment.history.last().reason
    failed = charges[declined.pk].payment
    assert (failed.purpose, failed.status, failed.failure_code, failed.failure_message) == (
        "feature", "failed", "generic_decline", "Your card was declined.")
    assert "Your card was declined." in failed.history.get(to_status="failed").reason
    # The ledger still books the paid charge, once.
    assert LedgerEntry.objects.get(kind=LedgerKind.SUBSCRIPTION).charge_id == paid.pk

    # Order payments made before: the buyer is their payer, nothing else changed.
    order_payment = Payment.objects.get(pk=order_payment.pk)
    assert (order_payment.purpose, order_payment.payer, order_payment.status) == ("order", buyer, "completed")
    assert order_payment.date_completed is not None
    assert PaymentChange.objects.filter(payment=order_payment).count() == 2

    # The charge that awaited authentication finishes in the new pipeline, on its old intent.
    sandbox.intent_authenticate(intent_id=intent.intent_id, approve=True)
    finished = charge_refresh(charge=charges[waiting.pk])
    assert finished.payment.status == PaymentStatus.COMPLETED
    assert ArtistSubscription.objects.get(artist=artist).plan == pro
    assert LedgerEntry.objects.filter(kind=LedgerKind.SUBSCRIPTION).count() == 2
