"""The short sentence shown with each recommended work, saying why it is there."""
from __future__ import annotations

from storefront.catalogue.models import Medium

# "more calm watercolours": a medium reads best in the plural of the works it makes.
MEDIUM_PLURALS = {
    Medium.OIL: "oils",
    Medium.ACRYLIC: "acrylics",
    Medium.WATERCOLOUR: "watercolours",
    Medium.GOUACHE: "gouaches",
    Medium.INK: "ink drawings",
    Medium.CHARCOAL: "charcoal drawings",
    Medium.PENCIL: "pencil drawings",
    Medium.PASTEL: "pastels",
    Medium.MIXED: "mixed-media works",
    Medium.DIGITAL: "digital works",
    Medium.PRINTMAKING: "prints",
    Medium.PHOTOGRAPHY: "photographs",
}

# What the buyer did with the work behind a pick, strongest event first.
_BECAUSE = {
    "order": "because you bought {title}",
    "cart": "because you put {title} in your cart",
    "wishlist": "because you saved {title}",
    "view": "because you viewed {title}",
    "look": "because you looked at {title}",  # a visitor's session, no account
}

FIXED = {
    "popular": "popular right now",
    "featured": "featured on Artiqo",
    "new": "new on Artiqo",
}


def because_text(*, event_kind: str, title: str) -> str:
    """"because you bought Harbour at Dusk" (or viewed, saved, put in your cart)."""
    return _BECAUSE.get(event_kind, _BECAUSE["view"]).format(title=title)


def more_like_text(*, artwork) -> str:
    """"more calm watercolours": the vibe and medium of the recommended work."""
    vibe = artwork.vibe.name.lower() if artwork.vibe_id else ""
    medium = MEDIUM_PLURALS.get(artwork.medium, "") if artwork.medium else ""
    return " ".join(["more", *(word for word in (vibe, medium or "works") if word)])


def more_by_text(*, artwork) -> str:
    """"more by Mira Solberg"."""
    return f"more by {artwork.artist.name}" if artwork.artist_id else "more by this artist"


def also_liked_text(*, title: str) -> str:
    """On an artwork page: the pick was bought or liked by the same buyers as `title`."""
    return f"buyers of {title} also liked this"
