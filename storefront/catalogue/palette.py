"""An artwork image's dominant colours, named in plain words ("teal", "ochre") for colour tags.

The pixels of a small copy of the image are grouped by k-means in CIELAB (where equal
distances look about equally different to the eye), and each group's centre takes the
name of the nearest colour in NAMED_COLOURS, also measured in CIELAB. Groups that get
the same name are merged, so a picture in two close blues reads "navy", not "navy, navy".
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, UnidentifiedImageError
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

from storefront.catalogue.colours import UnreadableImage

# The curated names: common words a buyer would search for, spread over the colour space
# so every pixel has a near neighbour. Hex values are typical of the name, not standards.
NAMED_COLOURS: dict[str, str] = {
    "black": "#1b1b1b", "charcoal": "#3b4248", "grey": "#8a8a8a", "silver": "#c4c4c4", "white": "#f6f6f4",
    "cream": "#f2e8cf", "beige": "#d8c8a8", "sand": "#c2ab7e", "ochre": "#c8872a", "mustard": "#d4a72c",
    "yellow": "#f2d43a", "orange": "#ef8a2c", "terracotta": "#c2593f", "rust": "#a2431f", "brown": "#6e4529",
    "chocolate": "#3f2a1d", "red": "#c9302c", "crimson": "#9c1b33", "burgundy": "#63192f", "coral": "#f07c68",
    "pink": "#f1a7bf", "dusty rose": "#c98b94", "magenta": "#c0267a", "plum": "#6b3465", "purple": "#7c44a3",
    "lavender": "#b5a6d8", "navy": "#1d2c5a", "blue": "#1f4fd8", "indigo": "#2a2a8f", "denim": "#3d6aa8",
    "sky blue": "#89c0e8", "slate blue": "#5a6e8f",
    "teal": "#2a7f7f", "turquoise": "#3fc1b5", "mint": "#a9ddc2", "sage": "#9db08a", "olive": "#6b7032",
    "green": "#3a8c40", "forest green": "#1f4a2c", "lime": "#a6cf3c",
}
SAMPLE_SIDE = 64  # pixels per side of the copy clustered: enough for a palette, a few ms of k-means
CLUSTERS = 6
MIN_SHARE = 0.05  # a colour on less of the picture than this is a detail, not its palette
MAX_COLOURS = 5


@dataclass(frozen=True)
class PaletteColour:
    name: str
    hex: str  # the colour as it is in the picture (the group's centre), not the name's typical value
    share: float  # of the picture's pixels, 0..1


def _hex_rgb(value: str) -> np.ndarray:
    return np.array([int(value[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.float64)


def rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB (0..255, shape (..., 3)) to CIELAB under the D65 white point."""
    srgb = np.asarray(rgb, dtype=np.float64) / 255.0
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    xyz = linear @ np.array([[0.4124564, 0.2126729, 0.0193339],
                             [0.3575761, 0.7151522, 0.1191920],
                             [0.1804375, 0.0721750, 0.9503041]])
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


_NAMES = list(NAMED_COLOURS)
_NAMED_LAB = rgb_to_lab(np.stack([_hex_rgb(NAMED_COLOURS[name]) for name in _NAMES]))


def colour_name(*, rgb) -> str:
    """The name in NAMED_COLOURS nearest to an sRGB colour (Euclidean distance in CIELAB)."""
    distances = np.linalg.norm(_NAMED_LAB - rgb_to_lab(np.asarray(rgb, dtype=np.float64)), axis=1)
    return _NAMES[int(np.argmin(distances))]


def palette_of(*, image: Image.Image) -> list[PaletteColour]:
    """The image's dominant named colours, biggest share first (at most MAX_COLOURS)."""
    sample = image.convert("RGB")
    sample.thumbnail((SAMPLE_SIDE, SAMPLE_SIDE))
    pixels = np.asarray(sample, dtype=np.float64).reshape(-1, 3)
    distinct = np.unique(pixels, axis=0)
    clusters = min(CLUSTERS, len(distinct))
    # Fixed seed: the same picture always gets the same suggestion. One thread: on 4,096
    # pixels, starting BLAS/OpenMP threads costs more than it saves (measured 24 ms in
    # one thread, 340 ms with the default pool on a busy 2-core machine).
    with threadpool_limits(limits=1):
        kmeans = KMeans(n_clusters=clusters, n_init=2, random_state=0).fit(rgb_to_lab(pixels))
    counts = np.bincount(kmeans.labels_, minlength=clusters).astype(np.float64)
    merged: dict[str, tuple[float, np.ndarray]] = {}
    for cluster in range(clusters):
        members = pixels[kmeans.labels_ == cluster]
        if not len(members):
            continue
        centre = members.mean(axis=0)
        name = colour_name(rgb=centre)
        share, total = merged.get(name, (0.0, np.zeros(3)))
        merged[name] = (share + counts[cluster], total + centre * counts[cluster])
    found = [
        PaletteColour(name=name, hex="#" + "".join(f"{round(v):02x}" for v in total / count),
                      share=round(float(count / counts.sum()), 2))
        for name, (count, total) in merged.items() if count / counts.sum() >= MIN_SHARE
    ]
    return sorted(found, key=lambda colour: (-colour.share, colour.name))[:MAX_COLOURS]


def palette_from_bytes(data: bytes) -> list[PaletteColour]:
    """palette_of() an encoded image (JPEGs decoded at reduced size); UnreadableImage if it is not one."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (SAMPLE_SIDE * 2, SAMPLE_SIDE * 2))
            image.load()
            return palette_of(image=image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise UnreadableImage(str(exc)) from exc
