"""artiqo.core.cache: values kept under a version that a bump retires, in every process."""
from __future__ import annotations

import pytest

from artiqo.core import cache as versioned


@pytest.fixture
def version_dir(settings, tmp_path):
    settings.ARTIQO_CACHE_VERSION_DIR = str(tmp_path / "versions")
    return tmp_path / "versions"


def test_a_value_is_computed_once_until_the_version_is_bumped(version_dir):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert versioned.versioned_get_or_set("k", 1, compute=compute) == 1
    assert versioned.versioned_get_or_set("k", 1, compute=compute) == 1
    assert versioned.versioned_get_or_set("k", 2, compute=compute) == 2  # other parts, other entry
    versioned.cache_version_bump()
    assert versioned.versioned_get_or_set("k", 1, compute=compute) == 3


def test_with_a_local_memory_cache_the_version_is_a_file_every_process_reads(version_dir):
    before = versioned.cache_version_get()
    assert (version_dir / versioned.CATALOGUE).read_text() == before
    # Another process bumping writes a new token there; this one sees it at once.
    (version_dir / versioned.CATALOGUE).write_text("from-another-process")
    assert versioned.cache_version_get() == "from-another-process"
    versioned.cache_version_bump()
    assert versioned.cache_version_get() not in (before, "from-another-process")


def test_a_bump_inside_a_transaction_is_repeated_after_the_commit(version_dir, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        versioned.cache_version_bump()
        during = versioned.cache_version_get()
    assert len(callbacks) == 1
    callbacks[0]()
    # A reader that read old rows before the commit may have stored them under `during`.
    assert versioned.cache_version_get() != during


def test_with_a_shared_cache_the_version_lives_in_it(settings, version_dir):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    from django.core.cache import caches

    assert not isinstance(caches["default"], versioned.LocMemCache)
    versioned.cache_version_get()
    assert not version_dir.exists()  # nothing written to the file
