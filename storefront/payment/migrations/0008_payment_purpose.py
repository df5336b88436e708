"""Payments for every purpose: who pays, what for, an optional order; existing order payments filled in.

Payments made before this migration are all order payments: their payer is the order's
buyer, their description the order's, and their completion date that of the history
entry that completed them.
"""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def order_payments_fill(apps, schema_editor):
    Payment = apps.get_model("payment", "Payment")
    PaymentChange = apps.get_model("payment", "PaymentChange")
    completed_at = dict(
        PaymentChange.objects.filter(to_status="completed").values_list("payment_id", "date_created")
    )
    for payment in Payment.objects.filter(order__isnull=False).select_related("order").iterator():
        Payment.objects.filter(pk=payment.pk).update(
            payer_id=payment.order.user_id, description=f"Artiqo order {payment.order.number}",
            date_completed=completed_at.get(payment.pk),
        )


class Migration(migrations.Migration):

    dependencies = [
        ('order', '0022_order_hold_expires_at_order_idempotency_key_and_more'),
        ('payment', '0007_checkout_session'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='payment',
            options={'ordering': ['order', 'attempt', 'pk']},
        ),
        migrations.AddField(
            model_name='payment',
            name='date_completed',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='payment',
            name='description',
            field=models.CharField(blank=True, help_text='What the payer sees it as', max_length=200),
        ),
        migrations.AddField(
            model_name='payment',
            name='payer',
            field=models.ForeignKey(blank=True, help_text='Who pays (the buyer, or the artist for a plan)', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='payments', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='payment',
            name='purpose',
            field=models.CharField(db_index=True, default='order', help_text='What the money is for: order, or a purpose another app registered (plan, feature...)', max_length=30),
        ),
        migrations.AlterField(
            model_name='payment',
            name='attempt',
            field=models.PositiveSmallIntegerField(default=1, help_text="The attempt's number for its order"),
        ),
        migrations.AlterField(
            model_name='payment',
            name='idempotency_prefix',
            field=models.CharField(help_text="Every gateway call for this attempt sends this + the call's name", max_length=200, unique=True),
        ),
        migrations.AlterField(
            model_name='payment',
            name='order',
            field=models.ForeignKey(blank=True, help_text='The order paid for (order payments only)', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='payments', to='order.order'),
        ),
        migrations.AlterField(
            model_name='payment',
            name='return_url',
            field=models.URLField(blank=True, help_text="Where card authentication sends the payer back (empty: the purpose's own)", max_length=1000),
        ),
        migrations.RunPython(order_payments_fill, migrations.RunPython.noop, elidable=True),
    ]
