"""Builds (or tops up) the whole demo marketplace in order: catalogue, artists, artworks, buyers, orders."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from oscar.core.loading import get_model

from demo import (
    browsing,
    catalogue,
    collectors,
    featured,
    offers,
    orders,
    payouts,
    people,
    reviews,
    sales,
    subscriptions,
    views,
    waitlist,
)
from demo.plan import (
    ADMIN_LOGIN,
    ARTIST_LOGIN,
    BUYER_LOGIN,
    DEMO_KEY,
    DemoSizes,
    anchor_for,
    artist_specs,
    artwork_specs,
    buyer_specs,
    demo_key_prefix,
    seed_of_demo_key,
)
from storefront.cms.services import site_tree_ensure

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")


@dataclass
class DemoReport:
    """What a load did: how many of each were there in the end and how many it added, and how long it took."""

    seed: int
    total: dict[str, int] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def added_anything(self) -> bool:
        return any(self.added.values())


def demo_seed_loaded() -> int | None:
    """The seed of the demo data in the database, or None if there is none."""
    keys = [
        Product.objects.filter(upc__startswith=DEMO_KEY).values_list("upc", flat=True).first(),
        Order.objects.filter(number__startswith=DEMO_KEY).values_list("number", flat=True).first(),
    ]
    return next((seed_of_demo_key(key) for key in keys if key and seed_of_demo_key(key) is not None), None)


def demo_history_loaded() -> bool:
    """Whether a demo load got as far as its last step, the past orders."""
    return Order.objects.filter(number__startswith=DEMO_KEY).exists()


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, password, what it is for) of the fixed demo accounts."""
    return [
        (*ADMIN_LOGIN, "superuser: /django-admin/, /cms/, /shop/dashboard/"),
        (*ARTIST_LOGIN, "owns the first demo artist and their works"),
        (*BUYER_LOGIN, "a buyer with past orders"),
    ]


class _Timer:
    def __init__(self, report: DemoReport, log: Callable[[str], None]):
        self.report, self.log = report, log

    def run(self, phase: str, action: Callable[[], int | None]):
        started = time.perf_counter()
        result = action()
        self.report.seconds[phase] = time.perf_counter() - started
        self.log(f"  {phase}: {self.report.seconds[phase]:.1f} s")
        return result


@contextmanager
def _sql_log_off() -> Iterator[None]:
    # With DEBUG on (the dev settings) Django keeps the text of every query it runs;
    # for a bulk load that is minutes spent formatting SQL nobody reads.
    debug = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = debug


def demo_data_load(*, seed: int, sizes: DemoSizes, today: date, workers: int | None = None,
                   log: Callable[[str], None] = lambda message: None) -> DemoReport:
    """Make the database hold the demo marketplace of `seed` at `sizes`, adding only what is missing.

    If demo data of another seed is already loaded, that seed is kept (mixing two seeds
    would give neither); the report says so.
    """
    with _sql_log_off():
        return _demo_data_load(seed=seed, sizes=sizes, today=today, workers=workers, log=log)


def _demo_data_load(*, seed: int, sizes: DemoSizes, today: date, workers: int | None,
                    log: Callable[[str], None]) -> DemoReport:
    loaded = demo_seed_loaded()
    report = DemoReport(seed=seed if loaded is None else loaded)
    if report.seed != seed:
        report.notes.append(f"demo data of seed {loaded} is already loaded, so seed {loaded} was used, not {seed}")
    seed = report.seed
    anchor = anchor_for(today)
    timer = _Timer(report, log)

    def basics():
        site_tree_ensure()
        people.admin_ensure()
        return people.countries_ensure(), catalogue.vibes_ensure(), catalogue.categories_ensure()

    countries, vibes, categories = timer.run("vibes, categories, site tree", basics)
    report.added["subscription plans"] = timer.run("subscription plans", subscriptions.plans_ensure)

    artists = artist_specs(seed=seed, count=sizes.artists, anchor=anchor)
    report.added["artists"] = timer.run("artists", lambda: catalogue.artists_create(
        specs=artists, vibes=vibes, login_password=ARTIST_LOGIN[1]))
    artist_objects = catalogue.demo_artists_by_index(artists)
    report.total["artists"] = len(artist_objects)

    artworks = artwork_specs(seed=seed, count=sizes.artworks, artists=artists, anchor=anchor)
    report.added["artworks"] = timer.run("artworks and pictures", lambda: catalogue.artworks_create(
        seed=seed, specs=artworks, artists=artist_objects, vibes=vibes, categories=categories, workers=workers,
        progress=lambda done: log(f"    {done} new artworks")))
    report.total["artworks"] = Product.objects.filter(upc__startswith=demo_key_prefix(seed)).count()

    buyers = buyer_specs(seed=seed, count=sizes.buyers, artists=artists, anchor=anchor)
    report.added["buyers"] = timer.run("buyers", lambda: people.buyers_create(
        specs=buyers, login_password=BUYER_LOGIN[1], countries=countries))
    buyer_ids = people.demo_buyers_by_index(buyers)
    report.total["buyers"] = len(buyer_ids)

    def history():
        items = orders.stock_items_load(seed=seed, artists=artist_objects)
        return orders.orders_create(
            seed=seed, count=sizes.orders, buyers=buyers, buyer_ids=buyer_ids, items=items, anchor=anchor,
            lines_per_order=sizes.lines_per_order, countries=countries,
            progress=lambda done: log(f"    {done} new orders"))

    written = timer.run("orders", history)
    report.added["orders"], report.added["order lines"] = written.orders, written.lines
    report.total["orders"] = Order.objects.filter(number__startswith=demo_key_prefix(seed)).count()
    browsed = timer.run("views, cart and wishlist adds", lambda: browsing.browsing_create(
        seed=seed, buyers=buyers, buyer_ids=buyer_ids, anchor=anchor))
    report.added["product views"], report.added["wishlist adds"] = browsed.views, browsed.wishlist_adds
    report.added["cart adds"] = browsed.cart_adds
    booked = timer.run("payments and fee ledger", lambda: _sales_book(seed, log))
    report.added["payments"], report.added["ledger entries"] = booked.payments, booked.ledger_entries
    report.added["certificates"] = timer.run("certificates of authenticity", lambda: sales.certificates_book(seed=seed))
    # After the orders, so only works still for sale are featured.
    report.added["featured works"] = timer.run("featured works", lambda: featured.features_ensure(seed=seed))
    # Reviews of received lines, and open offers on works still for sale.
    report.added["reviews"] = timer.run("reviews", lambda: reviews.reviews_ensure(seed=seed))
    report.added["offers"] = timer.run("offers", lambda: offers.offers_ensure(seed=seed))
    report.added["favourites and follows"] = timer.run("favourites and follows", lambda: collectors.collections_ensure(
        seed=seed, buyer_ids=buyer_ids, artists=artist_objects, anchor=anchor))
    # Last: it transfers the demo artist's net of their shipped orders, as booked in the ledger.
    report.added["artist transfers"] = timer.run("artist payouts", lambda: payouts.payouts_ensure(seed=seed))
    report.added["artwork view days"] = timer.run("artwork page views", lambda: views.views_ensure(
        seed=seed, today=today))
    report.added["waitlist entries"] = timer.run("commission slots and waitlist",
                                                 lambda: waitlist.waitlist_ensure(seed=seed))
    return report


def _sales_book(seed: int, log: Callable[[str], None]) -> sales.SalesBooked:
    return sales.sales_book(seed=seed, progress=lambda done: log(f"    {done} new payments"))


def demo_plans_ensure() -> int:
    """Add the demo's subscription plans to a demo loaded before it had them (none if the shop has plans)."""
    return subscriptions.plans_ensure()


def demo_sales_ensure(*, log: Callable[[str], None] = lambda message: None) -> sales.SalesBooked | None:
    """Book the loaded demo's paid orders that are not booked yet (demo data from before they were),
    and certify their works (demo data from before certificates)."""
    seed = demo_seed_loaded()
    if seed is None:
        return None
    with _sql_log_off():
        booked = _sales_book(seed, log)
        issued = sales.certificates_book(seed=seed)
    if issued:
        log(f"  issued {issued:,} certificates of authenticity for its sold works")
    return booked
