"""The bare view under Django's default middleware (`startproject`'s list): the project the
bare view's own cost is compared with ("within 15 %" of it)."""
from benchmarks.httpbench.settings import *  # noqa: F401,F403

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "benchmarks.httpbench.urls_plain"
