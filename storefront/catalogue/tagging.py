"""What Artiqo suggests for a new work from its image: its colour tags (the named palette) and its vibe.

The studio's upload form and `POST /api/v1/studio/artworks/suggest` show these for the
artist to keep or change; nothing is saved here. Without a trained vibe classifier (a
fresh install before the first `train_recommender`) the vibe is None and the colours
are still given.
"""
from __future__ import annotations

from dataclasses import dataclass

from storefront.catalogue.colours import colour_histogram_from_bytes
from storefront.catalogue.models import Vibe
from storefront.catalogue.palette import NAMED_COLOURS, PaletteColour, palette_from_bytes
from storefront.catalogue.vibe_classifier import VibeExample, vibe_classifier_current, vibe_guess


@dataclass(frozen=True)
class VibeSuggestion:
    vibe: Vibe
    confidence: float


@dataclass(frozen=True)
class ArtworkSuggestions:
    vibe: VibeSuggestion | None
    colours: list[PaletteColour]

    @property
    def colour_names(self) -> list[str]:
        return [colour.name for colour in self.colours]


def artwork_suggest(*, image: bytes, title: str = "", description: str = "") -> ArtworkSuggestions:
    """Colour tags and a vibe for a work with this image (UnreadableImage if the bytes are no image)."""
    colours = palette_from_bytes(image)
    vibe = None
    classifier = vibe_classifier_current()
    if classifier is not None:
        example = VibeExample(text=f"{title}\n{description}".strip(),
                              histogram=tuple(colour_histogram_from_bytes(image).tolist()))
        guess = vibe_guess(classifier=classifier, example=example)
        # An admin may have removed or renamed the slug since training: then no vibe is suggested.
        found = Vibe.objects.filter(slug=guess.slug).first()
        vibe = VibeSuggestion(vibe=found, confidence=guess.confidence) if found else None
    return ArtworkSuggestions(vibe=vibe, colours=colours)


def colour_tags_clean(values: list[str]) -> list[str]:
    """Colour tags as stored: known names only, lower case, each once, in the order given.

    Raises ValueError naming the first unknown word, so forms and the API can say which.
    """
    cleaned: list[str] = []
    for value in values:
        name = " ".join(value.lower().split())
        if not name:
            continue
        if name not in NAMED_COLOURS:
            raise ValueError(f"“{value.strip()}” is not one of Artiqo's colour names "
                             f"({', '.join(sorted(NAMED_COLOURS))}).")
        if name not in cleaned:
            cleaned.append(name)
    return cleaned
