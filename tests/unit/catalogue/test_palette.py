"""Colour tags from a picture: dominant colours named in plain words, nearest in CIELAB."""
import io

import pytest
from PIL import Image, ImageDraw

from storefront.catalogue.colours import UnreadableImage
from storefront.catalogue.palette import NAMED_COLOURS, colour_name, palette_from_bytes, palette_of, rgb_to_lab
from storefront.catalogue.tagging import colour_tags_clean


def _solid(rgb, size=(120, 90)) -> Image.Image:
    return Image.new("RGB", size, rgb)


def _encoded(image: Image.Image, fmt="JPEG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(("rgb", "name"), [
    ((42, 127, 127), "teal"), ((200, 135, 42), "ochre"), ((29, 44, 90), "navy"), ((194, 89, 63), "terracotta"),
    ((245, 245, 243), "white"), ((20, 20, 20), "black"), ((58, 140, 64), "green"), ((241, 167, 191), "pink"),
])
def test_a_picture_in_one_colour_is_tagged_with_that_colours_plain_name(rgb, name):
    palette = palette_of(image=_solid(rgb))

    assert [colour.name for colour in palette] == [name]
    assert palette[0].share == 1.0
    assert palette[0].hex == "#{:02x}{:02x}{:02x}".format(*rgb)


def test_a_two_colour_picture_lists_the_bigger_colour_first_with_its_share():
    image = _solid((42, 127, 127), size=(100, 100))
    ImageDraw.Draw(image).rectangle((0, 0, 29, 99), fill=(200, 135, 42))  # 30 % ochre on the left

    palette = palette_of(image=image)

    assert [(colour.name, colour.share) for colour in palette] == [("teal", 0.7), ("ochre", 0.3)]


def test_a_speck_of_colour_is_not_part_of_the_palette():
    image = _solid((29, 44, 90), size=(100, 100))
    ImageDraw.Draw(image).rectangle((0, 0, 9, 9), fill=(201, 48, 44))  # 1 % red

    assert [colour.name for colour in palette_of(image=image)] == ["navy"]


def test_two_close_blues_read_as_one_colour_not_the_same_name_twice():
    image = _solid((29, 44, 90), size=(100, 100))
    ImageDraw.Draw(image).rectangle((0, 0, 49, 99), fill=(33, 48, 96))

    palette = palette_of(image=image)

    assert [colour.name for colour in palette] == ["navy"]
    assert palette[0].share == 1.0


def test_an_uploaded_jpeg_is_read_and_junk_is_refused():
    assert palette_from_bytes(_encoded(_solid((42, 127, 127))))[0].name == "teal"
    with pytest.raises(UnreadableImage):
        palette_from_bytes(b"<html>not a picture</html>")


def test_every_named_colour_is_its_own_nearest_name_and_the_names_are_distinct_to_the_eye():
    for name, value in NAMED_COLOURS.items():
        assert colour_name(rgb=[int(value[i:i + 2], 16) for i in (1, 3, 5)]) == name
    labs = [rgb_to_lab([int(value[i:i + 2], 16) for i in (1, 3, 5)]) for value in NAMED_COLOURS.values()]
    closest = min(float(((a - b) ** 2).sum() ** 0.5) for i, a in enumerate(labs) for b in labs[i + 1:])
    assert closest > 8  # no two names a buyer could not tell apart


def test_cielab_matches_the_reference_values_for_white_and_pure_red():
    assert rgb_to_lab([255, 255, 255]) == pytest.approx([100.0, 0.0, 0.0], abs=0.01)
    assert rgb_to_lab([255, 0, 0]) == pytest.approx([53.24, 80.09, 67.20], abs=0.05)


def test_colour_tags_are_known_names_in_lower_case_each_once():
    assert colour_tags_clean(["Teal", " ochre ", "teal", "", "Sky  Blue"]) == ["teal", "ochre", "sky blue"]
    with pytest.raises(ValueError, match="“pinkish” is not one of Artiqo's colour names"):
        colour_tags_clean(["teal", "pinkish"])
