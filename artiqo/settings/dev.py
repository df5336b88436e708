"""The embedded defaults `make run` uses: SQLite, Whoosh, file email, the test gateway."""
import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("DEBUG", "true")

from artiqo.settings.base import *  # noqa: E402,F401,F403
