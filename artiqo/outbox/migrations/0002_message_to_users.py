"""Each queued email remembers the accounts it went to (their email history); existing mail is matched once."""
from email.utils import parseaddr

from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Lower


def _address(value) -> str:
    return parseaddr(str(value))[1].strip().lower()


def to_users_fill(apps, schema_editor):
    OutboxMessage = apps.get_model("outbox", "OutboxMessage")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Through = OutboxMessage.to_users.through
    users: dict[str, list[int]] = {}
    for pk, email in User.objects.exclude(email="").annotate(email_lower=Lower("email")) \
            .values_list("pk", "email_lower").iterator():
        users.setdefault(email, []).append(pk)
    rows = []
    for message_id, to in OutboxMessage.objects.values_list("pk", "to").iterator():
        user_ids = {pk for value in to or [] for pk in users.get(_address(value), [])}
        rows += [Through(outboxmessage_id=message_id, user_id=user_id) for user_id in user_ids]
    Through.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('outbox', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='outboxmessage',
            name='to_users',
            field=models.ManyToManyField(blank=True, help_text='The accounts it was sent to', related_name='outbox_messages', to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(to_users_fill, migrations.RunPython.noop),
    ]
