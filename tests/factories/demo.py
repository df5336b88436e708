"""Builders for demo-data tests: tiny demo shops built through the real command, with a fixed day."""
from __future__ import annotations

import io
from datetime import UTC, date, datetime

from django.core.management import call_command
from django.db import transaction

from demo.digest import demo_digest
from demo.loader import demo_seed_loaded

# The day every test build's history ends, so dates (and digests) never depend on the clock.
TODAY = date(2026, 3, 1)
ANCHOR = datetime(2026, 3, 1, tzinfo=UTC)
TINY = {"artists": 3, "artworks": 12, "buyers": 6, "orders": 10}


def demo_build(**options) -> str:
    """Run `load_demo_data` (tiny sizes unless told) and return what it printed."""
    out = io.StringIO()
    arguments = {**TINY, "seed": 7, "today": TODAY, **options}
    call_command("load_demo_data", stdout=out, **arguments)
    return out.getvalue()


class _Discard(Exception):
    pass


def demo_digest_of_build(**options) -> str:
    """The content digest of a build made inside a savepoint that is then rolled back.

    Lets one test database compare two independent builds, as two databases would.
    """
    digest = ""
    try:
        with transaction.atomic():
            demo_build(**options)
            digest = demo_digest(seed=demo_seed_loaded())
            raise _Discard
    except _Discard:
        pass
    return digest
