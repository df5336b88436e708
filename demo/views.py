"""Page views of the demo artist's works over the last 90 days, so their studio numbers show views and
view→sale conversion (live views are counted in the cache and flushed by `manage.py flush_artwork_views`)."""
from __future__ import annotations

import datetime

from demo.plan import ARTIST_LOGIN, demo_key_prefix
from demo.rng import rng_for
from storefront.catalogue.models import ArtworkViewDay, Product

DAYS = 90


def views_ensure(*, seed: int, today: datetime.date) -> int:
    """Daily view counts for each demo work of the demo artist (once: nothing if it has some)."""
    works = list(Product.objects.filter(artist__user__username=ARTIST_LOGIN[0],
                                        upc__startswith=demo_key_prefix(seed)).order_by("pk").values_list("pk", "upc"))
    if not works or ArtworkViewDay.objects.filter(artwork_id__in=[pk for pk, _ in works]).exists():
        return 0
    rows = []
    for pk, upc in works:
        rng = rng_for(seed, "views", upc)
        daily = rng.uniform(0.5, 6.0)
        for back in range(DAYS):
            views = int(rng.expovariate(1 / daily))
            if views:
                rows.append(ArtworkViewDay(artwork_id=pk, day=today - datetime.timedelta(days=back), views=views))
    ArtworkViewDay.objects.bulk_create(rows, batch_size=900)
    return len(rows)
