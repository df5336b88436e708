"""App config of the REST API v1 (its idempotency records and login lockouts live here)."""
from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "storefront.api"
    label = "api"
    verbose_name = "REST API"
    default_auto_field = "django.db.models.BigAutoField"
