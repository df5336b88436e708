"""App config of the REST API v1.

It owns no models any more: login lock-outs moved to the accounts app
(storefront.accounts, label `customer`) and idempotency records to the kernel
(artiqo.core). The app stays installed for its migrations: `api.0001` creates both
tables on a new database, and the new owners' first migrations depend on it.
"""
from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "storefront.api"
    label = "api"
    verbose_name = "REST API"
    default_auto_field = "django.db.models.BigAutoField"
