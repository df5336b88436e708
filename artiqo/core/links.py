"""Links to the shop's own pages: absolute ones for mail, and fixed ones reversed once per process.

A page's header and footer link to the same dozen argument-free URLs on every request, and
each `{% url %}` walks the URL map again (a sixth of a cached artwork page's time). Those
URLs only change when the URL map, the script prefix or the language do, so `url_fixed`
keeps each one per process under exactly those; a test that swaps the URL map or the
static files' settings empties the memo (setting_changed).
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# (urlconf, script prefix, language, name) -> path; only names without arguments, so bounded.
_urls: dict[tuple, str] = {}
# (static URL, path) -> URL of the static file.
_statics: dict[tuple, str] = {}


def absolute_url(path: str) -> str:
    """`path` on the shop's public address (SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + path


def url_fixed(name: str) -> str:
    """`reverse(name)` for a URL that takes no arguments, reversed once per process."""
    key = (get_urlconf(), get_script_prefix(), get_language(), name)
    try:
        return _urls[key]
    except KeyError:
        path = _urls[key] = reverse(name)
        return path


def static_fixed(path: str) -> str:
    """The URL of a static file (`{% static %}`'s), looked up once per process.

    The storage's answer depends only on its settings: production's hashed names come from
    the manifest it read when the process started.
    """
    key = (settings.STATIC_URL, path)
    try:
        return _statics[key]
    except KeyError:
        url = _statics[key] = staticfiles_storage.url(path)
        return url


def _settings_changed(*, setting: str, **_kwargs) -> None:
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _urls.clear()
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_DIRS"}:
        _statics.clear()


setting_changed.connect(_settings_changed, dispatch_uid="artiqo-links-settings-changed")
