"""Recommender tests: each test trains into (and serves from) its own model folder."""
import pytest


@pytest.fixture(autouse=True)
def recommender_dir(settings, tmp_path):
    from django.core.cache import cache

    from recommend.store import model_cache_clear

    settings.RECOMMENDER_DIR = tmp_path / "models"
    model_cache_clear()
    cache.clear()  # the featured works are cached for a minute
    yield settings.RECOMMENDER_DIR
    model_cache_clear()


@pytest.fixture
def train():
    """Train on the database as it is now and return the TrainResult."""
    from recommend.services import recommender_train

    return recommender_train
