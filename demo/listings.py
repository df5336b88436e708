"""Words of the demo shop: artwork titles, descriptions and tags, artist bios and statements."""
from __future__ import annotations

import random
from dataclasses import dataclass

from demo.names import City
from demo.vocabulary import MediumSpec, Subject, VibeWords

ROMAN = ("II", "III", "IV", "V", "VI", "VII")


@dataclass(frozen=True)
class Titled:
    title: str
    phrase: str  # how the description names what is shown: "the harbour at dusk"


def _colour_names(vibe: VibeWords) -> list[str]:
    return [name for name, _ in vibe.colours]


def artwork_title(rng: random.Random, *, subject: Subject, vibe: VibeWords, city: City) -> Titled:
    """A title in the manner of real listings, and the phrase the description uses for it."""
    noun, phrase = rng.choice(subject.nouns)
    adjective = rng.choice(vibe.title_adjectives)
    time = rng.choice(vibe.times)
    colours = _colour_names(vibe)
    if subject.slug == "abstract":
        first, second = rng.sample(colours, 2)
        choice = rng.random()
        if choice < 0.3:
            return Titled(f"Composition No. {rng.randint(2, 60)}", f"{phrase} in {first} and {second}")
        if choice < 0.55:
            return Titled(f"Study in {first.title()} and {second.title()}", f"{phrase} in {first} and {second}")
        if choice < 0.7:
            return Titled(f"Untitled ({first})", f"{phrase} in {first}")
        return Titled(f"{adjective} {noun}", f"{phrase} in {first} and {second}")
    choice = rng.random()
    if subject.place_based:
        if choice < 0.4:
            return Titled(f"{noun} {time}", f"{phrase} {time.lower()}")
        if choice < 0.65:
            return Titled(f"{adjective} {noun}", phrase)
        if choice < 0.85:
            return Titled(f"{noun}, {city.name}", f"{phrase} near {city.name}")
        return Titled(f"{noun} {time} {rng.choice(ROMAN)}", f"{phrase} {time.lower()}")
    if choice < 0.45:
        return Titled(noun, phrase)
    if choice < 0.75:
        return Titled(f"{noun} {time}", f"{phrase} {time.lower()}")
    if subject.slug in ("still-life", "botanical") and choice < 0.9:
        return Titled(f"Still Life with {noun}", phrase)
    return Titled(f"{adjective} {noun}", phrase)


def _article(word: str) -> str:
    return "an" if word[0].lower() in "aeiou" else "a"


def artwork_description(rng: random.Random, *, titled: Titled, vibe: VibeWords, medium: MediumSpec,
                        support: str, kind_is_edition: bool, edition_size: int | None, city: City) -> str:
    """Three to five sentences: what it is, how it was made, how it feels, what you receive."""
    adjective = rng.choice(vibe.description_adjectives)
    first, second, third = rng.sample(_colour_names(vibe), 3)
    sentences = [
        f"{_article(adjective).capitalize()} {adjective} {medium.noun} of {titled.phrase}.",
        rng.choice(medium.techniques),
        rng.choice(vibe.moods),
        f"The palette is {first} and {second}, with a touch of {third}.",
    ]
    if kind_is_edition:
        sentences.append(
            f"Limited edition of {edition_size}: {medium.edition_support}, signed and numbered by the artist."
        )
    else:
        sentences.append(f"Original, {support}, signed on the back. One of a kind.")
    sentences.append(f"Ships from {city.name} within a week.")
    return " ".join(sentences)


def artwork_tags(rng: random.Random, *, subject: Subject, vibe: VibeWords, medium: MediumSpec,
                 titled: Titled, large: bool) -> list[str]:
    """Two to five lower-case free tags a buyer would search for."""
    tags = {subject.label.lower(), rng.choice(_colour_names(vibe)).split()[-1]}
    word = titled.phrase.split()[-1].strip(".,").lower()
    if word.isalpha() and len(word) > 3:
        tags.add(word)
    if large:
        tags.add("large")
    if medium.medium in ("printmaking", "photography", "digital") or rng.random() < 0.2:
        tags.add("gift")
    return sorted(tags)


PRACTICES = {
    "painter": ("oil", "acrylic"),
    "watercolourist": ("watercolour", "gouache", "ink"),
    "illustrator": ("ink", "pencil", "gouache"),
    "printmaker": ("printmaking", "ink"),
    "photographer": ("photography",),
    "digital artist": ("digital", "printmaking"),
    "mixed-media artist": ("mixed-media", "acrylic", "charcoal"),
    "pastel artist": ("pastel", "charcoal"),
}
TRAINING = (
    "studied fine art in {school} before setting up a studio in {city}",
    "is largely self-taught, having started drawing seriously in their thirties",
    "trained as an architect and still thinks in plans and elevations",
    "came to art from graphic design and kept the love of a clean line",
    "studied printmaking in {school} and has taught evening classes ever since",
)
SCHOOLS = ("Oslo", "Glasgow", "Lisbon", "Leipzig", "Copenhagen", "Bologna", "Antwerp", "Helsinki")
SHOWS = (
    "Their work has been shown in group exhibitions across {country} and is held in private collections abroad.",
    "They show regularly at open studios in {city} and in small galleries along the coast.",
    "They have had two solo shows in {city} and were shortlisted for a regional art prize.",
    "Artiqo is the first place their work has been offered online.",
)
SUBJECT_LINES = {
    "landscape": "Most pictures start outdoors, in front of the motif, and are finished in the studio from memory.",
    "seascape": "The sea is a constant: the same stretch of water, painted in every season.",
    "cityscape": "The city is the subject: streets at the hours when hardly anyone is in them.",
    "portrait": "Portraits of friends and neighbours, made over long sittings and longer conversations.",
    "figure": "Bodies in motion, drawn quickly from life at dance classes and swimming pools.",
    "abstract": "Abstraction, built from colour relationships rather than from things.",
    "still-life": "Still lifes of ordinary kitchen things, arranged and rearranged for days.",
    "botanical": "Plants, mostly weeds and wild flowers collected on walks.",
}


def artist_bio(rng: random.Random, *, name: str, practice: str, city: City, country: str,
               subjects: list[Subject]) -> str:
    """The biography on an artist's page, as Wagtail rich text (paragraph HTML)."""
    training = rng.choice(TRAINING).format(school=rng.choice(SCHOOLS), city=city.name)
    shows = rng.choice(SHOWS).format(country=country, city=city.name)
    subject_line = SUBJECT_LINES[subjects[0].slug]
    return (
        f"<p>{name} is {_article(practice)} {practice} based in {city.name}, {country}. "
        f"{name.split()[0]} {training}.</p>"
        f"<p>{subject_line} {shows}</p>"
    )


def artist_statement(rng: random.Random, *, vibe: VibeWords, medium: MediumSpec) -> str:
    """The artist's statement in their own (first-person) words."""
    return f"{rng.choice(vibe.statements)} I work mostly in {rng.choice(medium.supports)}."
