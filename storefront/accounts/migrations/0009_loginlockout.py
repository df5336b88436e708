"""LoginLockout moves here from the API app (label `api`), its table and rows kept.

The table `api_loginlockout` was created by `api.0001_initial`; this migration only
tells Django's state that the accounts app owns it now (and `api.0002` forgets it there).
"""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("customer", "0008_assign_permissions_to_staff"),
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LoginLockout",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("subject", models.CharField(max_length=190, unique=True)),
                        ("failures", models.PositiveIntegerField(default=0)),
                        ("window_started_at", models.DateTimeField()),
                        ("locked_until", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={"db_table": "api_loginlockout"},
                ),
            ],
            database_operations=[],
        ),
    ]
