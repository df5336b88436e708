"""Dominant-colour histograms: hues land in hue bins, greys in neutral tones, junk is refused."""
import io

import numpy as np
import pytest
from PIL import Image

from storefront.catalogue.colours import (
    COLOUR_BINS,
    HUE_BINS,
    UnreadableImage,
    colour_histogram,
    colour_histogram_from_bytes,
)


def encoded(colour, fmt="JPEG", size=(300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def test_a_single_colour_fills_a_single_bin():
    histogram = colour_histogram(image=Image.new("RGB", (50, 50), (200, 30, 30)))

    assert histogram.shape == (COLOUR_BINS,)
    assert histogram.sum() == pytest.approx(1.0)
    assert histogram.max() == pytest.approx(1.0)


def test_blue_and_red_paintings_share_no_bin_and_two_blues_match():
    blue = colour_histogram_from_bytes(encoded((30, 60, 200)))
    navy = colour_histogram_from_bytes(encoded((25, 50, 180), fmt="PNG"))
    red = colour_histogram_from_bytes(encoded((210, 25, 25)))

    assert float(blue @ red) == 0.0
    assert int(np.argmax(blue)) == int(np.argmax(navy)) < HUE_BINS


def test_black_greys_and_white_are_neutral_tones_not_hues():
    tones = [colour_histogram(image=Image.new("RGB", (10, 10), (v, v, v))) for v in (10, 90, 170, 250)]

    bins = [int(np.argmax(h)) for h in tones]
    assert bins == [HUE_BINS, HUE_BINS + 1, HUE_BINS + 2, HUE_BINS + 3]


def test_a_half_and_half_image_splits_evenly():
    image = Image.new("RGB", (64, 64), (30, 60, 200))
    image.paste((250, 250, 250), (0, 0, 32, 64))

    histogram = colour_histogram(image=image)

    assert sorted(histogram[histogram > 0].round(2).tolist()) == [0.5, 0.5]


def test_bytes_that_are_not_an_image_are_refused():
    with pytest.raises(UnreadableImage):
        colour_histogram_from_bytes(b"GIF89a not really")
