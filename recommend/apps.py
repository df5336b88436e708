"""App configuration of the recommender (recommend/)."""
from django.apps import AppConfig


class RecommendConfig(AppConfig):
    name = "recommend"
    verbose_name = "Recommendations"
