"""Builders for the storefront page tests: categories, sold works, a small catalogue."""
from decimal import Decimal

from oscar.core.loading import get_model

from tests.factories.catalogue import make_artist, make_artwork, make_vibe
from tests.factories.search import make_category

StockRecord = get_model("partner", "StockRecord")


def mark_sold(artwork, *, quantity: int | None = None):
    """Allocate stock as a paid order would: everything, or `quantity` prints of an edition."""
    record = StockRecord.objects.get(product=artwork)
    record.num_allocated = record.num_in_stock if quantity is None else quantity
    record.save(update_fields=["num_allocated"])
    return artwork


def make_artworks(artist, count: int, *, vibe=None, price: Decimal = Decimal("100.00"), **kwargs) -> list:
    """`count` original works by `artist`, each with an image."""
    return [make_artwork(artist, vibe=vibe, price=price, **kwargs) for _ in range(count)]


def make_storefront_catalogue() -> dict:
    """Two artists, three vibes, a category tree and works across them (one sold original).

    Needs the Wagtail site tree (the `site_tree` fixture) for the artists' pages.
    """
    calm, bold, dreamy = make_vibe("calm"), make_vibe("bold"), make_vibe("dreamy")
    paintings = make_category("Paintings")
    watercolours = make_category("Watercolours", parent=paintings)
    prints = make_category("Prints")
    mira = make_artist("Mira Solberg", vibe=calm, location="Bergen", statement="I paint the sea when it is quiet.")
    tomas = make_artist("Tomas Lindqvist", vibe=bold, accepts_commissions=False)
    works = {
        "harbour": make_artwork(mira, title="Harbour at Dusk", vibe=calm, medium="watercolour",
                                price=Decimal("120.00"), categories=[watercolours], tags=["sea", "evening"],
                                width_cm=Decimal("30.0"), height_cm=Decimal("40.5"), year=2024),
        "fjord": make_artwork(mira, title="Quiet Fjord", vibe=calm, medium="oil",
                              price=Decimal("480.00"), categories=[paintings]),
        "storm": make_artwork(tomas, title="Red Storm", vibe=bold, medium="acrylic",
                              price=Decimal("950.00"), categories=[paintings]),
        "poster": make_artwork(tomas, title="Night Market Print", vibe=dreamy, medium="printmaking",
                               price=Decimal("45.00"), kind="edition", edition_size=5, categories=[prints]),
        "sold": make_artwork(mira, title="Sold Lighthouse", vibe=calm, medium="ink",
                             price=Decimal("300.00"), categories=[paintings]),
    }
    mark_sold(works["sold"])
    return {"vibes": {"calm": calm, "bold": bold, "dreamy": dreamy},
            "categories": {"paintings": paintings, "watercolours": watercolours, "prints": prints},
            "artists": {"mira": mira, "tomas": tomas}, "works": works}
