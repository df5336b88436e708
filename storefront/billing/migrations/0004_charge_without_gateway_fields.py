"""A charge keeps what was bought; its money lives on its payment (moved there by 0003)."""
import django.db.models.deletion
from django.db import migrations, models

MOVED_TO_PAYMENT = ("amount", "currency", "date_completed", "description", "failure_code", "failure_message",
                    "gateway", "idempotency_key", "intent_id", "next_action_url", "payment_method", "status")


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0003_charges_into_payments'),
    ]

    operations = [
        *[migrations.RemoveField(model_name='billingcharge', name=name) for name in MOVED_TO_PAYMENT],
        migrations.AlterField(
            model_name='billingcharge',
            name='payment',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='billing_charge',
                                       to='payment.payment'),
        ),
    ]
