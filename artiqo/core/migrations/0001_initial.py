"""IdempotencyRecord moves here from the API app (label `api`), its table and rows kept.

The table `api_idempotencyrecord` was created by `api.0001_initial`; this migration only
tells Django's state that the kernel owns it now (and `api.0002` forgets it there).
"""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("api", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IdempotencyRecord",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("scope", models.CharField(max_length=60)),
                        ("key", models.CharField(max_length=255)),
                        ("fingerprint", models.CharField(max_length=64)),
                        ("status_code", models.PositiveSmallIntegerField()),
                        ("response_body", models.JSONField()),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                   to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "api_idempotencyrecord",
                        "constraints": [models.UniqueConstraint(fields=("user", "scope", "key"),
                                                                name="api_idempotency_key_once")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
