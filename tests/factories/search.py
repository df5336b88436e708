"""Builders for search tests: a fixed small catalogue, indexed through the real queue."""
from decimal import Decimal

from oscar.core.loading import get_model

from search.services import index_queue_process
from tests.factories.catalogue import make_artist, make_artwork, make_vibe

StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")

# (key, title, artist, vibe, medium, price, description, tags)
CATALOGUE = [
    ("blue_ocean", "Blue Ocean", "mira", "calm", "watercolour", "240.00",
     "Soft washes of blue over a quiet ocean at dawn.", ["sea", "seascape"]),
    ("ocean_blues", "Ocean Blues", "mira", "dreamy", "watercolour", "180.00",
     "Layer upon layer of blue: the ocean as a dream.", ["sea"]),
    ("blue_door", "The Blue Door", "tomas", "bold", "oil", "420.00",
     "A blue door in a white wall on a Greek island, near the ocean.", ["architecture"]),
    ("ocean_storm", "Storm over the Ocean", "tomas", "bold", "oil", "950.00",
     "Grey waves crash; thick impasto in a dark palette.", ["sea", "storm"]),
    ("garden", "Watercolour Garden", "ana", "calm", "watercolour", "130.00",
     "A garden pond reflecting a blue sky, painted outdoors.", ["garden", "flowers"]),
    ("harbour", "Harbour Lights", "tomas", "dreamy", "ink", "75.00",
     "Night falls on the harbour; lamps flicker over black water.", ["night"]),
    ("poppies", "Red Poppies", "ana", "vibrant", "acrylic", "60.00",
     "A field of red poppies under a summer sun.", ["flowers"]),
    ("melancholy", "Rain on Karl Johan", "ana", "melancholic", "charcoal", "300.00",
     "A lonely street in the rain, smudged charcoal greys.", ["city", "rain"]),
]
ARTISTS = {"mira": "Mira Solberg", "tomas": "Tomas Lindqvist", "ana": "Ana Reyes"}


def make_category(name: str, parent=None):
    if parent is None:
        return Category.add_root(name=name)
    return parent.add_child(name=name)


def make_search_catalogue(*, index: bool = True) -> dict:
    """The fixed catalogue above (one sold copy of "Blue Ocean" too), indexed unless told not to."""
    artists = {key: make_artist(name) for key, name in ARTISTS.items()}
    works = {}
    for key, title, artist, vibe, medium, price, description, tags in CATALOGUE:
        works[key] = make_artwork(
            artists[artist], title=title, vibe=make_vibe(vibe), medium=medium, price=Decimal(price),
            description=description, tags=tags, with_image=False,
        )
    works["sold_ocean"] = make_artwork(
        artists["mira"], title="Blue Ocean Study", vibe=make_vibe("calm"), medium="watercolour",
        price=Decimal("90.00"), description="A small blue ocean study.", with_image=False,
    )
    artwork_sell(works["sold_ocean"])
    works["artists"] = artists
    if index:
        index_queue_process()
    return works


def artwork_sell(artwork) -> None:
    """Mark the artwork's only copy sold, the way checkout does (allocation saved)."""
    record = StockRecord.objects.get(product=artwork)
    record.num_allocated = record.num_in_stock
    record.save()
