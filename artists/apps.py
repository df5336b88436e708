"""Artists: who sells on Artiqo (user + Oscar partner), their showcase pages, and applications to become one."""
from django.apps import AppConfig


class ArtistsConfig(AppConfig):
    name = "artists"
    verbose_name = "Artists"
