"""The demo's fixed vocabulary: vibes with their words and colours, subjects, media and categories."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class VibeWords:
    """A curated vibe and the words and colours that carry it into titles, texts and pictures."""

    slug: str
    name: str
    description: str
    title_adjectives: tuple[str, ...]
    description_adjectives: tuple[str, ...]
    times: tuple[str, ...]
    colours: tuple[tuple[str, tuple[int, int, int]], ...]
    moods: tuple[str, ...]
    statements: tuple[str, ...]


VIBES: tuple[VibeWords, ...] = (
    VibeWords(
        "calm", "Calm", "Quiet, slow work that lowers the pulse of a room.",
        ("Still", "Quiet", "Gentle", "Slow", "Soft", "Hushed", "Tranquil"),
        ("quiet", "gentle", "unhurried", "peaceful"),
        ("at Dawn", "in the Morning", "at Low Tide", "in Early Spring", "after the Rain"),
        (("sea blue", (120, 160, 184)), ("sage", (168, 190, 160)), ("sand", (226, 214, 186)),
         ("mist grey", (196, 204, 208)), ("deep teal", (62, 104, 118))),
        ("It is a picture to live with: it rewards a second look without asking for one.",
         "Made for a bedroom, a reading corner or anywhere the day should slow down.",
         "Nothing in it hurries; the eye is allowed to wander and rest."),
        ("I want my pictures to slow people down, if only for the length of a breath.",
         "Most of what I make is about paying attention to small, quiet things."),
    ),
    VibeWords(
        "bold", "Bold", "Strong colour, big shapes, work that holds a wall on its own.",
        ("Red", "Loud", "Broken", "Burning", "Heavy", "Rising", "Iron"),
        ("bold", "forceful", "confident", "high-contrast"),
        ("in the Storm", "at High Noon", "in August", "at Full Tilt"),
        (("signal red", (214, 40, 40)), ("black", (24, 24, 24)), ("chrome yellow", (246, 196, 0)),
         ("cobalt", (0, 71, 171)), ("bone white", (240, 236, 226))),
        ("It holds a wall on its own and does not apologise for it.",
         "Hang it where people gather: it starts conversations.",
         "The shapes are big and the decisions are final; there is no fussing here."),
        ("I'm after colour that hits you before you know what you are looking at.",
         "I paint big and fast, and I keep the mistakes that have energy in them."),
    ),
    VibeWords(
        "dreamy", "Dreamy", "Soft edges, haze and pastel light, half real and half remembered.",
        ("Drifting", "Floating", "Half-remembered", "Misty", "Hazy", "Weightless", "Sleeping"),
        ("dreamy", "hazy", "softly lit", "luminous"),
        ("in the Mist", "at Dusk", "in a Dream", "before Sleep", "at Blue Hour"),
        (("lilac", (200, 182, 226)), ("rose", (242, 196, 210)), ("peach", (255, 218, 190)),
         ("powder blue", (184, 208, 236)), ("pearl", (240, 236, 246))),
        ("Edges dissolve and colours drift into each other, like something half remembered.",
         "It sits somewhere between a place and the memory of one.",
         "The light seems to come from inside the picture rather than onto it."),
        ("I paint the way things feel a moment after you have looked away from them.",
         "Memory is my main subject; the places are only where it happened."),
    ),
    VibeWords(
        "dark", "Dark", "Nocturnes, deep shadow and low light for those who like a little mystery.",
        ("Midnight", "Black", "Shadowed", "Nocturnal", "Deep", "Hollow", "Night"),
        ("brooding", "dark", "nocturnal", "shadowy"),
        ("at Midnight", "after Dark", "in Winter", "by Lamplight", "under a New Moon"),
        (("ink black", (16, 18, 26)), ("indigo", (40, 36, 82)), ("oxblood", (92, 22, 30)),
         ("deep green", (24, 52, 48)), ("old gold", (150, 120, 60))),
        ("Mostly shadow, with just enough light to find your way in.",
         "A picture for a dim hallway or a study, where it keeps its secrets.",
         "The darkness is not empty: the longer you look, the more it gives back."),
        ("I work mostly at night, and I think it shows.",
         "Darkness is where the interesting things hide; I like to leave a lamp on for them."),
    ),
    VibeWords(
        "playful", "Playful", "Humour, bright colour and bouncy shapes; art that smiles back.",
        ("Dancing", "Tumbling", "Bouncing", "Little", "Giddy", "Spinning", "Upside-down"),
        ("playful", "light-hearted", "joyful", "cheeky"),
        ("on Sunday", "at the Fair", "on Holiday", "after School", "at Playtime"),
        (("tangerine", (255, 128, 64)), ("turquoise", (48, 200, 184)), ("lemon", (255, 218, 64)),
         ("periwinkle", (128, 120, 232)), ("bubblegum pink", (250, 140, 196))),
        ("It is hard to walk past without smiling.",
         "Perfect for a kitchen, a child's room or anyone who takes life a little less seriously.",
         "Everything in it seems about to move."),
        ("If a picture can make someone grin on a Monday morning, it has done its job.",
         "I draw like I did at seven, only with better materials."),
    ),
    VibeWords(
        "melancholic", "Melancholic", "Wistful, grey-toned work about weather, distance and time passing.",
        ("Fading", "Lonely", "Last", "Forgotten", "Empty", "Late", "Grey"),
        ("wistful", "melancholic", "elegiac", "rain-soaked"),
        ("in November", "in the Rain", "at Dusk", "after the Season", "at Closing Time"),
        (("slate", (96, 108, 124)), ("pewter", (140, 148, 160)), ("mauve grey", (150, 132, 146)),
         ("storm blue", (70, 84, 108)), ("ash", (186, 182, 176))),
        ("There is a gentle sadness to it, like the last warm day of the year.",
         "It is about what is left after everyone has gone home.",
         "Weather and time do most of the talking here."),
        ("I am drawn to places just after something has happened in them.",
         "Most of my pictures are goodbyes of one kind or another."),
    ),
    VibeWords(
        "vibrant", "Vibrant", "Saturated, sun-struck colour with energy to spare.",
        ("Electric", "Blazing", "Golden", "Wild", "Bright", "Radiant", "Tropical"),
        ("vibrant", "sun-drenched", "saturated", "exuberant"),
        ("at Noon", "in July", "in Full Bloom", "at Carnival", "under the Sun"),
        (("magenta", (236, 0, 140)), ("cyan", (0, 190, 240)), ("marigold", (255, 176, 0)),
         ("lime", (140, 220, 40)), ("violet", (140, 40, 220))),
        ("The colour is turned all the way up; it lights a room like a window.",
         "Pure pigment, straight from the tube, with nothing held back.",
         "It brings summer indoors, whatever the month."),
        ("Colour is the whole point for me: I build every picture around one impossible colour.",
         "I grew up somewhere grey, and I have been making up for it ever since."),
    ),
    VibeWords(
        "minimal", "Minimal", "Few elements, lots of space, precise and restrained.",
        ("Single", "White", "Bare", "Open", "Pale", "Simple", "Quiet"),
        ("spare", "minimal", "restrained", "precise"),
        ("in Winter", "at First Frost", "in Silence", "at Zero"),
        (("chalk white", (244, 242, 236)), ("graphite", (48, 48, 52)), ("vermilion", (206, 64, 44)),
         ("linen", (222, 216, 204)), ("stone", (150, 146, 140))),
        ("Almost nothing happens, and that is exactly the point.",
         "A single decision in a field of space; it gives a busy room somewhere to breathe.",
         "Every line is there because it has to be."),
        ("I take things away until the picture would collapse if I took away one more.",
         "Space is a material too; I spend most of my time deciding where not to paint."),
    ),
)
VIBES_BY_SLUG = {vibe.slug: vibe for vibe in VIBES}


@dataclass(frozen=True)
class Subject:
    """What an artwork shows: its label (the artwork's style field), title nouns and shape."""

    slug: str
    label: str
    painting_category: str
    # (title noun, how a description names it)
    nouns: tuple[tuple[str, str], ...]
    orientation: str  # "landscape", "portrait" or "any"
    place_based: bool


SUBJECTS: tuple[Subject, ...] = (
    Subject("landscape", "Landscape", "Landscapes", (
        ("Hills", "the hills"), ("Fjord", "the fjord"), ("Meadow", "a meadow"), ("Valley", "the valley"),
        ("Pines", "a stand of pines"), ("Birches", "silver birches"), ("Field", "an open field"),
        ("Mountain Pass", "a mountain pass"), ("Moor", "the moor"), ("Orchard", "an orchard"),
        ("Dunes", "the dunes"), ("Lake", "the lake")), "landscape", True),
    Subject("seascape", "Seascape", "Landscapes", (
        ("Harbour", "the harbour"), ("Tide", "the tide coming in"), ("Shore", "the shore"),
        ("Lighthouse", "a lighthouse"), ("Bay", "the bay"), ("Breakwater", "the breakwater"),
        ("Boats", "moored boats"), ("Pier", "the old pier"), ("Cove", "a small cove"), ("Sea", "the open sea")),
        "landscape", True),
    Subject("cityscape", "Cityscape", "Landscapes", (
        ("Rooftops", "the rooftops"), ("Night Tram", "the last tram"), ("Bridge", "the bridge"),
        ("Station", "the station"), ("Old Town", "the old town"), ("Crossing", "a busy crossing"),
        ("Market Street", "the market street"), ("Canal", "the canal"), ("Balconies", "a row of balconies")),
        "landscape", True),
    Subject("portrait", "Portrait", "Portraits", (
        ("Woman in Blue", "a woman in blue"), ("Girl with a Red Scarf", "a girl in a red scarf"),
        ("The Sleeper", "a sleeping figure"), ("Self-portrait", "the artist"), ("Man Reading", "a man reading"),
        ("Sisters", "two sisters"), ("The Fisherman", "an old fisherman"), ("Grandmother", "the artist's grandmother"),
        ("Boy with a Kite", "a boy with a kite")), "portrait", False),
    Subject("figure", "Figure", "Portraits", (
        ("Dancer", "a dancer"), ("Bathers", "bathers"), ("Swimmer", "a lone swimmer"),
        ("Two Figures", "two figures"), ("The Walk", "a couple walking"), ("Reclining Figure", "a reclining figure"),
        ("Acrobat", "an acrobat")), "portrait", False),
    Subject("abstract", "Abstract", "Abstract", (
        ("Composition", "overlapping forms"), ("Rhythm", "repeating marks"), ("Field", "a field of colour"),
        ("Interval", "bands of colour"), ("Echo", "echoing shapes"), ("Fragment", "broken geometry"),
        ("Tension", "opposing forms"), ("Drift", "drifting shapes"), ("Resonance", "layered colour")),
        "any", False),
    Subject("still-life", "Still life", "Still life", (
        ("Pears on a Blue Cloth", "pears on a blue cloth"), ("Lemons and Jug", "lemons beside a jug"),
        ("Tulips", "tulips in a glass"), ("Teapot and Cups", "a teapot and cups"),
        ("Bread and Knife", "bread and a knife"), ("Oranges", "a bowl of oranges"),
        ("Glass Bottles", "glass bottles"), ("Peonies in a Vase", "peonies in a vase")), "any", False),
    Subject("botanical", "Botanical", "Still life", (
        ("Ferns", "unfurling ferns"), ("Wild Poppies", "wild poppies"), ("Magnolia", "magnolia blossom"),
        ("Nettles", "nettles"), ("Seed Heads", "seed heads"), ("Hellebores", "hellebores"),
        ("Fig Leaves", "fig leaves"), ("Thistles", "thistles")), "any", False),
)
SUBJECTS_BY_SLUG = {subject.slug: subject for subject in SUBJECTS}


@dataclass(frozen=True)
class MediumSpec:
    """How a medium is priced, sized, described and filed in the category tree."""

    medium: str  # storefront.catalogue.models.Medium value
    noun: str  # "oil painting"
    supports: tuple[str, ...]  # "oil on linen"
    category: str  # breadcrumbs; "{subject}" means Paintings > <subject category>
    size_cm: tuple[int, int]  # long side range
    base_price: Decimal
    price_per_m2: Decimal
    edition_chance: float
    edition_sizes: tuple[int, ...]
    edition_support: str
    techniques: tuple[str, ...]
    subjects: tuple[str, ...]  # subject slugs this medium is used for


PAINTING = "Paintings > {subject}"
MEDIA: tuple[MediumSpec, ...] = (
    MediumSpec("oil", "oil painting", ("oil on canvas", "oil on linen", "oil on board"), PAINTING,
               (30, 150), Decimal("220"), Decimal("1500"), 0.15, (25, 50, 100),
               "giclée print on Hahnemühle cotton rag",
               ("Built up in thin glazes, with thicker paint left where the light falls.",
                "Worked wet-into-wet in a single long sitting.",
                "Painted with a palette knife; the surface has real texture up close."),
               ("landscape", "seascape", "cityscape", "portrait", "figure", "still-life", "abstract")),
    MediumSpec("acrylic", "acrylic painting", ("acrylic on canvas", "acrylic on wood panel"), PAINTING,
               (30, 140), Decimal("180"), Decimal("1200"), 0.2, (25, 50, 100),
               "giclée print on archival matte paper",
               ("Layered in flat, confident passages of colour.",
                "Scraped back and repainted several times, so earlier colours glow through.",
                "Finished with a satin varnish that keeps the colour deep."),
               ("abstract", "landscape", "cityscape", "figure", "botanical")),
    MediumSpec("watercolour", "watercolour", ("watercolour on cotton paper", "watercolour on Arches paper"),
               PAINTING, (20, 70), Decimal("120"), Decimal("900"), 0.2, (30, 50, 75),
               "giclée print on textured watercolour paper",
               ("Loose washes bloom into each other, with the white of the paper doing the work of light.",
                "Painted en plein air and left untouched afterwards.",
                "Wet washes first, then a few crisp details in a dry brush."),
               ("landscape", "seascape", "botanical", "still-life", "cityscape")),
    MediumSpec("gouache", "gouache painting", ("gouache on paper", "gouache on toned paper"), PAINTING,
               (20, 60), Decimal("110"), Decimal("850"), 0.2, (30, 50),
               "giclée print on smooth cotton paper",
               ("Flat, velvety colour with sharp edges, in the tradition of poster art.",
                "Opaque colour laid over a loose pencil drawing that still shows in places."),
               ("botanical", "still-life", "cityscape", "landscape", "figure")),
    MediumSpec("ink", "ink drawing", ("ink on paper", "India ink and wash on paper"), "Drawings",
               (15, 60), Decimal("80"), Decimal("700"), 0.1, (20, 40),
               "giclée print on cotton paper",
               ("Drawn with a dip pen and a single brush; no pencil underneath.",
                "Fine cross-hatching builds the tone, line by line."),
               ("cityscape", "botanical", "figure", "portrait", "landscape")),
    MediumSpec("charcoal", "charcoal drawing", ("charcoal on paper", "compressed charcoal on Fabriano paper"),
               "Drawings", (30, 100), Decimal("90"), Decimal("650"), 0.05, (20,),
               "giclée print on heavy cotton paper",
               ("Smudged, erased and redrawn; the ghosts of earlier lines are part of it.",
                "Big, fast gestures in willow charcoal, fixed and framed behind glass."),
               ("figure", "portrait", "landscape", "abstract")),
    MediumSpec("pencil", "pencil drawing", ("graphite on paper", "coloured pencil on paper"), "Drawings",
               (15, 50), Decimal("70"), Decimal("600"), 0.1, (25, 50),
               "giclée print on smooth cotton paper",
               ("Slow, patient graphite work with a full range of greys.",
                "Drawn from life over several sessions."),
               ("portrait", "botanical", "still-life", "figure")),
    MediumSpec("pastel", "pastel", ("soft pastel on sanded paper", "oil pastel on paper"), PAINTING,
               (25, 70), Decimal("120"), Decimal("900"), 0.1, (30, 50),
               "giclée print on velvet fine-art paper",
               ("Soft pastel blended with the fingers, then sharpened with a few strokes.",
                "The grain of the paper breaks up the colour like light on water."),
               ("landscape", "seascape", "figure", "still-life")),
    MediumSpec("mixed-media", "mixed-media piece", ("mixed media on canvas", "collage and acrylic on board"),
               PAINTING, (25, 120), Decimal("150"), Decimal("1100"), 0.1, (25, 50),
               "giclée print on archival matte paper",
               ("Collaged paper, acrylic and pencil, built up over weeks.",
                "Found paper and old maps sit under layers of paint."),
               ("abstract", "cityscape", "figure")),
    MediumSpec("digital", "digital painting", ("unique archival pigment print",), "Digital art",
               (20, 90), Decimal("150"), Decimal("500"), 0.85, (20, 50, 100, 150),
               "archival pigment print on Hahnemühle Photo Rag",
               ("Painted digitally with custom brushes that mimic gouache.",
                "Drawn on a tablet, then printed by a fine-art print studio."),
               ("abstract", "cityscape", "figure", "landscape", "botanical")),
    MediumSpec("printmaking", "linocut", ("hand-pulled linocut", "etching on cotton paper", "screen print"),
               "Prints", (15, 60), Decimal("120"), Decimal("600"), 0.9, (10, 15, 25, 40, 60),
               "hand-pulled print on Somerset paper",
               ("Cut by hand and printed on a proofing press in the artist's studio.",
                "Each colour is a separate block, printed in register by hand."),
               ("botanical", "landscape", "seascape", "cityscape", "abstract")),
    MediumSpec("photography", "photograph", ("archival pigment print", "silver gelatin print"), "Photography",
               (20, 120), Decimal("200"), Decimal("800"), 0.85, (10, 25, 50, 100),
               "archival pigment print on baryta paper",
               ("Shot on medium-format film and printed from the scanned negative.",
                "A long exposure, made at the edge of the day."),
               ("seascape", "landscape", "cityscape", "portrait", "abstract")),
)
MEDIA_BY_NAME = {spec.medium: spec for spec in MEDIA}

# Categories the demo files works under (Oscar's category tree, breadcrumbs form).
CATEGORY_PATHS: tuple[str, ...] = (
    "Paintings > Landscapes", "Paintings > Portraits", "Paintings > Abstract", "Paintings > Still life",
    "Drawings", "Prints", "Photography", "Digital art",
)
EDITIONS_CATEGORY = "Prints"


def category_path_for(*, medium: MediumSpec, subject: Subject) -> str:
    return medium.category.format(subject=subject.painting_category)
