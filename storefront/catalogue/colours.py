"""Dominant colours of an artwork image as a small histogram the content model can compare.

Sixteen bins: twelve hues for coloured pixels and four neutral tones (black, dark grey,
light grey, white) for pixels with too little saturation or light to have a hue. A
bright cobalt seascape and a dark umber portrait then land far apart, while two misty
grey harbours land close, whatever their size or exact pixels.
"""
from __future__ import annotations

import io

import numpy as np
from PIL import Image, UnidentifiedImageError

HUE_BINS = 12
NEUTRAL_BINS = 4  # black, dark grey, light grey, white
COLOUR_BINS = HUE_BINS + NEUTRAL_BINS

# Thresholds on Pillow's 0..255 HSV scale. Below DARK_VALUE a pixel reads as black
# whatever its hue; below GREY_SATURATION it reads as a grey tone.
DARK_VALUE = 40
GREY_SATURATION = 50
GREY_STEPS = [128, 215]  # value splits between dark grey, light grey and white
SAMPLE_SIDE = 64  # pixels per side after shrinking: plenty for a palette, cheap to count


class UnreadableImage(ValueError):
    """The bytes are not an image Pillow can decode."""


def colour_histogram(*, image: Image.Image) -> np.ndarray:
    """Share of the image's pixels in each of the COLOUR_BINS bins (sums to 1)."""
    sample = image.convert("RGB")
    sample.thumbnail((SAMPLE_SIDE, SAMPLE_SIDE))
    hsv = np.asarray(sample.convert("HSV"), dtype=np.int32).reshape(-1, 3)
    hue, saturation, value = hsv[:, 0], hsv[:, 1], hsv[:, 2]
    bins = np.empty(hue.shape[0], dtype=np.int64)
    dark = value < DARK_VALUE
    grey = ~dark & (saturation < GREY_SATURATION)
    coloured = ~dark & ~grey
    bins[dark] = HUE_BINS
    bins[grey] = HUE_BINS + 1 + np.digitize(value[grey], GREY_STEPS)
    bins[coloured] = hue[coloured] * HUE_BINS // 256
    counts = np.bincount(bins, minlength=COLOUR_BINS).astype(np.float64)
    return counts / counts.sum()


def colour_histogram_from_bytes(data: bytes) -> np.ndarray:
    """colour_histogram() of an encoded image; JPEGs are decoded at reduced size (fast)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            # JPEG can decode straight to 1/2..1/8 scale: a palette needs no full-size pixels.
            image.draft("RGB", (SAMPLE_SIDE, SAMPLE_SIDE))
            image.load()
            return colour_histogram(image=image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise UnreadableImage(str(exc)) from exc
