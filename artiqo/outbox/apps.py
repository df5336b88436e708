"""App configuration of the email outbox."""
from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "artiqo.outbox"
    label = "outbox"
    verbose_name = "Email outbox"
    default_auto_field = "django.db.models.BigAutoField"
