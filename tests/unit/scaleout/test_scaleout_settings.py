"""Settings for more than one machine: off by default, switched on by the environment."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCALE_VARIABLES = ("REDIS_URL", "DATABASE_REPLICA_URLS", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_CUSTOM_DOMAIN",
                   "AWS_S3_ENDPOINT_URL", "AWS_S3_REGION_NAME", "CACHE_KEY_PREFIX", "DATABASE_URL")

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "key_prefix": settings.CACHES["default"].get("KEY_PREFIX", ""),
    "sessions": settings.SESSION_ENGINE,
    "databases": {alias: {"name": db["NAME"], "host": db.get("HOST", ""), "mirror": db.get("TEST", {}).get("MIRROR")}
                  for alias, db in settings.DATABASES.items()},
    "routers": settings.DATABASE_ROUTERS,
    "first_middleware": settings.MIDDLEWARE[0],
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "media_url_of_upload": default_storage.url("images/harbour.jpg"),
}))
"""


def settings_under(env: dict) -> dict:
    """The settings `make run` (dev) would load with these environment variables."""
    clean = {key: value for key, value in os.environ.items() if key not in SCALE_VARIABLES}
    clean.update(env, DJANGO_SETTINGS_MODULE="artiqo.settings.dev", ARTIQO_VAR_DIR=str(ROOT / "var" / "scaleout-probe"))
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_make_run_stays_on_embedded_defaults_without_the_variables():
    probe = settings_under({})
    assert probe["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert probe["sessions"] == "django.contrib.sessions.backends.db"
    assert list(probe["databases"]) == ["default"]
    assert probe["routers"] == []
    assert probe["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert probe["media_url_of_upload"] == "/media/images/harbour.jpg"


def test_environment_moves_cache_and_sessions_to_redis_reads_to_replicas_and_media_to_s3():
    probe = settings_under({
        "REDIS_URL": "redis://cache.internal:6379/3",
        "CACHE_KEY_PREFIX": "shop1",
        "DATABASE_URL": "mysql://artiqo:secret@db-primary.internal:3306/artiqo",
        "DATABASE_REPLICA_URLS": "mysql://reader:secret@db-r1.internal:3306/artiqo, "
                                 "mysql://reader:secret@db-r2.internal:3306/artiqo",
        "AWS_STORAGE_BUCKET_NAME": "artiqo-media",
        "AWS_S3_REGION_NAME": "eu-north-1",
        "AWS_S3_CUSTOM_DOMAIN": "media.artiqo.example",
    })
    assert probe["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert probe["cache_location"] == "redis://cache.internal:6379/3"
    assert probe["key_prefix"] == "shop1"
    assert probe["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert probe["databases"] == {
        "default": {"name": "artiqo", "host": "db-primary.internal", "mirror": None},
        "replica1": {"name": "artiqo", "host": "db-r1.internal", "mirror": "default"},
        "replica2": {"name": "artiqo", "host": "db-r2.internal", "mirror": "default"},
    }
    assert probe["routers"] == ["artiqo.db_router.PrimaryReplicaRouter"]
    assert probe["first_middleware"] == "artiqo.db_router.PrimaryAfterWriteMiddleware"
    assert probe["storage"] == "storages.backends.s3.S3Storage"
    # Building a public URL needs no call to S3: pages list pictures without a round trip.
    assert probe["media_url_of_upload"] == "https://media.artiqo.example/media/images/harbour.jpg"
