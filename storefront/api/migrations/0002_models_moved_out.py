"""The API app's two models now live with their owners; their tables and rows stay.

LoginLockout belongs to the accounts app (`customer.0009_loginlockout`) and
IdempotencyRecord to the kernel (`artiqo_core.0001_initial`); both keep the tables this
app created, so only Django's state forgets them here: nothing in the database changes.

No dependency on those two migrations: none of the three touches the database, so their
order does not matter, and depending on `customer.0009` would pull Oscar's customer
migrations ahead of `order.0007`, whose state `customer.0008`'s data migration needs.
"""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="LoginLockout"),
                migrations.DeleteModel(name="IdempotencyRecord"),
            ],
            database_operations=[],
        ),
    ]
