"""Move every artist's charge into a `payment.Payment` with its history; nothing is lost.

Billing kept the money of a charge on the charge itself (status, gateway, PaymentIntent,
key, failure); from now on it is the charge's payment's, like an order's. Each charge
becomes one payment of purpose "plan" or "feature" with:

- the same status, amounts, gateway, card token, PaymentIntent, next action and failure;
- its creation key kept exactly: the prefix `legacy:<old key>` makes `Payment.key_for`
  send the creation under the old key and every other call as `<old key>-<call>`, as
  billing did, so a charge still waiting for the gateway's answer is never created twice;
- a history: started (at the charge's creation), the status it reached (at its completion,
  or creation), and a note that it was moved, naming the charge.

The reverse copies the payments back onto the charges and deletes them.
"""
import hashlib

from django.db import migrations, models

LEGACY_KEY_MARK = "legacy:"  # storefront.payment.models.LEGACY_KEY_MARK, as of this migration
PURPOSE_FOR_KIND = {"subscription": "plan", "feature": "feature"}
GATEWAY_NAMES = {"stripe": "Stripe", "test": "Test gateway (no money moves)"}


def _reached(charge) -> str:
    if charge.status == "completed":
        return "Payment succeeded"
    if charge.status == "requires_action":
        return "The card issuer asks the artist to authenticate (3-D Secure)"
    return f"Payment failed: {charge.failure_message or 'declined'} [{charge.failure_code}]"


def charges_into_payments(apps, schema_editor):
    BillingCharge = apps.get_model("billing", "BillingCharge")
    Payment = apps.get_model("payment", "Payment")
    PaymentChange = apps.get_model("payment", "PaymentChange")
    for charge in BillingCharge.objects.filter(payment__isnull=True).select_related("artist").order_by("pk"):
        payment = Payment.objects.create(
            purpose=PURPOSE_FOR_KIND[charge.kind], payer_id=charge.artist.user_id, order=None, attempt=1,
            description=charge.description, gateway=charge.gateway, status=charge.status, amount=charge.amount,
            currency=charge.currency, payment_method=charge.payment_method,
            idempotency_prefix=LEGACY_KEY_MARK + charge.idempotency_key, request_key=None,
            request_fingerprint=hashlib.sha256(
                f"{charge.payment_method}|{charge.amount}|{charge.currency}|".encode()).hexdigest(),
            intent_id=charge.intent_id, return_url="", next_action_url=charge.next_action_url,
            failure_code=charge.failure_code, failure_message=charge.failure_message,
            date_completed=charge.date_completed,
        )
        finished_at = charge.date_completed or charge.date_created
        Payment.objects.filter(pk=payment.pk).update(date_created=charge.date_created, date_updated=finished_at)
        changes = [(charge.date_created, "", "pending",
                    f"Started with {GATEWAY_NAMES.get(charge.gateway, charge.gateway)}: {charge.description}",
                    "billing", "")]
        if charge.status != "pending":
            changes.append((finished_at, "pending", charge.status, _reached(charge), "billing", charge.intent_id))
        changes.append((finished_at, "", "", f"Moved from billing charge #{charge.pk} into the payments list",
                        "migration", ""))
        for at, from_status, to_status, reason, source, object_id in changes:
            change = PaymentChange.objects.create(payment=payment, from_status=from_status, to_status=to_status,
                                                  reason=reason[:500], source=source, stripe_object_id=object_id)
            PaymentChange.objects.filter(pk=change.pk).update(date_created=at)
        BillingCharge.objects.filter(pk=charge.pk).update(payment=payment)


def payments_into_charges(apps, schema_editor):
    BillingCharge = apps.get_model("billing", "BillingCharge")
    Payment = apps.get_model("payment", "Payment")
    for charge in BillingCharge.objects.filter(payment__isnull=False).select_related("payment").order_by("pk"):
        payment = charge.payment
        prefix = payment.idempotency_prefix
        # The key the gateway saw for the creation is the one the old code sends.
        key = prefix[len(LEGACY_KEY_MARK):] if prefix.startswith(LEGACY_KEY_MARK) else f"{prefix}-create"
        BillingCharge.objects.filter(pk=charge.pk).update(
            payment=None, amount=payment.amount, currency=payment.currency, description=payment.description,
            status=payment.status if payment.status != "refunded" else "completed", gateway=payment.gateway,
            payment_method=payment.payment_method, idempotency_key=key, intent_id=payment.intent_id,
            next_action_url=payment.next_action_url, failure_code=payment.failure_code,
            failure_message=payment.failure_message, date_completed=payment.date_completed,
        )
        payment.history.all().delete()
        Payment.objects.filter(pk=payment.pk).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0002_charge_payment'),
        ('payment', '0008_payment_purpose'),
    ]

    operations = [
        # Nullable while both sides exist, so that going back can re-add the columns to a full table.
        migrations.AlterField(
            model_name='billingcharge',
            name='amount',
            field=models.DecimalField(decimal_places=2, max_digits=12, null=True),
        ),
        migrations.AlterField(
            model_name='billingcharge',
            name='idempotency_key',
            field=models.CharField(help_text='Sent with every gateway call of this charge', max_length=150,
                                   null=True, unique=True),
        ),
        migrations.RunPython(charges_into_payments, payments_into_charges),
    ]
