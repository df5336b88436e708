"""Renewals charge the card the artist saved with the gateway (payment.PaymentCustomer), not a token kept here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0004_charge_without_gateway_fields'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='artistsubscription',
            name='payment_method',
        ),
    ]
