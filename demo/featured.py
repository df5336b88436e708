"""Editorial featured listings for the demo: a few available works on the home page and first in browse."""
from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from demo.plan import demo_key_prefix
from storefront.billing.models import FeaturedListing, FeatureSource, FeatureStatus
from storefront.catalogue.selectors import artwork_list

DEMO_FEATURES = 6
# Long enough that a demo shop keeps its featured section; they still end by themselves.
DEMO_FEATURE_DAYS = 365


@transaction.atomic
def features_ensure(*, seed: int, count: int = DEMO_FEATURES) -> int:
    """Feature `count` available demo works of `seed` (the same ones for a seed); returns how many were added.

    Does nothing once any demo work has been featured, so a second run neither duplicates
    them nor brings back features an admin ended.
    """
    prefix = demo_key_prefix(seed)
    if FeaturedListing.objects.filter(artwork__upc__startswith=prefix).exists():
        return 0
    available = list(artwork_list(available=True).filter(upc__startswith=prefix).order_by("pk")
                     .values_list("pk", "artist_id"))
    picks = random.Random(f"{seed}-features").sample(available, min(count, len(available)))
    now = timezone.now()
    FeaturedListing.objects.bulk_create([
        FeaturedListing(artwork_id=pk, artist_id=artist_id, source=FeatureSource.EDITORIAL,
                        status=FeatureStatus.ACTIVE, starts_at=now, ends_at=now + timedelta(days=DEMO_FEATURE_DAYS),
                        label="Editors' pick", position=position)
        for position, (pk, artist_id) in enumerate(picks, start=1)
    ])
    from storefront.billing.services import features_changed_send

    # bulk_create sends no save signals: tell search itself so the boost starts now.
    features_changed_send(artwork_ids=[pk for pk, _ in picks])
    return len(picks)
