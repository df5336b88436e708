"""The kernel app's configuration (label `artiqo_core`)."""
from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "artiqo.core"
    label = "artiqo_core"
