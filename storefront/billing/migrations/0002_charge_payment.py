"""Each artist's charge gets its payment in the one payment pipeline (filled by 0003)."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0001_initial'),
        ('payment', '0008_payment_purpose'),
    ]

    operations = [
        migrations.AddField(
            model_name='billingcharge',
            name='payment',
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.PROTECT,
                                       related_name='billing_charge', to='payment.payment'),
        ),
    ]
