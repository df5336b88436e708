"""Pillow pictures for demo artworks: one per work, drawn from its seed in the colours of its vibe.

Nothing is downloaded: each picture is composed from the work's subject (hills for a
landscape, a head for a portrait...), coloured from its vibe's palette, then treated like
its medium (greyscale hatching for a drawing, grain for a photograph, a few flat inks
for a print). The same seed and work always give the same pixels.
"""
from __future__ import annotations

import io
import math
import random
from decimal import Decimal

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageOps

from demo.rng import int_seed_for, rng_for
from demo.vocabulary import VIBES_BY_SLUG
from storefront.catalogue.images import THUMBNAIL_SIDE

LONG_SIDE = 640
FULL_QUALITY = 85
THUMBNAIL_QUALITY = 80
DRAWING_MEDIA = {"ink", "pencil", "charcoal"}

RGB = tuple[int, int, int]


def canvas_size(*, width_cm: Decimal, height_cm: Decimal) -> tuple[int, int]:
    """Pixel size with the artwork's proportions and a long side of LONG_SIDE."""
    ratio = max(0.5, min(2.0, float(width_cm) / float(height_cm)))
    if ratio >= 1:
        return LONG_SIDE, round(LONG_SIDE / ratio)
    return round(LONG_SIDE * ratio), LONG_SIDE


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def _gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    width, height = size
    t = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
    rows = np.array(top, dtype=np.float32) * (1 - t) + np.array(bottom, dtype=np.float32) * t
    # One column stretched sideways: far cheaper than computing every pixel.
    column = Image.fromarray(rows[:, None, :].astype(np.uint8), "RGB")
    return column.resize(size, Image.Resampling.NEAREST)


def _ridge(rng: random.Random, width: int, base: float, amplitude: float) -> list[tuple[float, float]]:
    waves = [(rng.uniform(0.5, 3.0), rng.uniform(0, math.tau), rng.uniform(0.3, 1.0)) for _ in range(3)]
    points = []
    for x in range(0, width + 16, 16):
        y = base + amplitude * sum(w * math.sin(f * math.tau * x / width + p) for f, p, w in waves) / 2
        points.append((x, y))
    return points


def _landscape(draw: ImageDraw.ImageDraw, rng: random.Random, size, colours: list[RGB]) -> None:
    width, height = size
    horizon = height * rng.uniform(0.45, 0.65)
    if rng.random() < 0.6:
        r = rng.uniform(0.05, 0.1) * width
        cx, cy = rng.uniform(0.15, 0.85) * width, horizon * rng.uniform(0.3, 0.8)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_mix(colours[3], (255, 255, 255), 0.3))
    for layer in range(rng.randint(2, 4)):
        base = horizon + layer * height * 0.1
        colour = _mix(colours[(layer + 1) % len(colours)], (0, 0, 0), 0.12 * layer)
        draw.polygon(_ridge(rng, width, base, height * 0.08) + [(width, height), (0, height)], fill=colour)


def _seascape(draw: ImageDraw.ImageDraw, rng: random.Random, size, colours: list[RGB]) -> None:
    width, height = size
    horizon = height * rng.uniform(0.4, 0.6)
    draw.rectangle((0, horizon, width, height), fill=colours[1])
    for i in range(rng.randint(6, 14)):
        y = horizon + (height - horizon) * (i + rng.random()) / 14
        draw.line((rng.uniform(0, width * 0.5), y, rng.uniform(width * 0.5, width), y),
                  fill=_mix(colours[1], (255, 255, 255), 0.35), width=2)
    if rng.random() < 0.5:  # a lighthouse on the point
        x = rng.uniform(0.1, 0.9) * width
        draw.rectangle((x - 8, horizon - height * 0.25, x + 8, horizon), fill=colours[4])
        draw.rectangle((x - 10, horizon - height * 0.28, x + 10, horizon - height * 0.24), fill=colours[2])
    else:  # a boat
        x, y = rng.uniform(0.2, 0.8) * width, horizon + (height - horizon) * 0.4
        draw.polygon([(x - 40, y), (x + 40, y), (x + 28, y + 14), (x - 28, y + 14)], fill=colours[4])
        draw.polygon([(x, y - 60), (x, y - 4), (x + 34, y - 4)], fill=colours[2])


def _cityscape(draw: ImageDraw.ImageDraw, rng: random.Random, size, colours: list[RGB]) -> None:
    width, height = size
    street = height * rng.uniform(0.7, 0.85)
    x = 0.0
    while x < width:
        w = rng.uniform(0.07, 0.16) * width
        top = street - rng.uniform(0.2, 0.6) * height
        colour = colours[rng.randrange(1, len(colours))]
        draw.rectangle((x, top, x + w, street), fill=colour)
        window = _mix(colour, colours[0], 0.6)
        for wy in np.arange(top + 10, street - 12, 18):
            for wx in np.arange(x + 6, x + w - 8, 14):
                if rng.random() < 0.55:
                    draw.rectangle((wx, wy, wx + 6, wy + 9), fill=window)
        x += w + rng.uniform(0, 6)
    draw.rectangle((0, street, width, height), fill=_mix(colours[4], (0, 0, 0), 0.3))


def _portrait(draw: ImageDraw.ImageDraw, rng: random.Random, size, colours: list[RGB]) -> None:
    width, height = size
    cx = width * rng.uniform(0.4, 0.6)
    head_w, head_h = width * 0.26, height * 0.24
    top = height * rng.uniform(0.18, 0.28)
    draw.ellipse((cx - width * 0.4, top + head_h * 1.05, cx + width * 0.4, height * 1.4), fill=colours[1])
    draw.rectangle((cx - head_w * 0.18, top + head_h * 0.8, cx + head_w * 0.18, top + head_h * 1.2),
                   fill=_mix(colours[2], (0, 0, 0), 0.15))
    draw.ellipse((cx - head_w / 2, top, cx + head_w / 2, top + head_h), fill=colours[2])
    draw.chord((cx - head_w * 0.55, top - head_h * 0.1, cx + head_w * 0.55, top + head_h * 0.7),
               180, 360, fill=colours[4])


def _figure(draw: ImageDraw.ImageDraw, rng: random.Random, size, colours: list[RGB]) -> None:
    width, height = size
    for n in range(rng.randint(1, 3)):
        cx, ground = width * rng.uniform(0.2, 0.8), height * rng.uniform(0.8, 0.92)
        tall = height * rng.uniform(0.45, 0.65)
        colour = colours[(n + 1) % len(colours)]
        head = tall * 0.12
        draw.ellipse((cx - head / 2, ground - tall, cx + head / 2, ground - tall + head), fill=colour)
        hip = (cx + rng.uniform(-15, 15), ground - tall * 0.45)
        draw.line((cx, ground - tall + head, *hip), fill=colour, width=int(head * 0.5))
        for dx in (-1, 1):
            draw.line((*hip, hip[0] + dx * rng.uniform(10, 40), ground), fill=colour, width=int(head * 0.3))
            draw.line((cx, ground - tall * 0.75, cx + dx * rng.uniform(20, 60), ground - tall * rng.uniform(0.4, 0.95)),
                      fill=colour, width=int(head * 0.25))


def _abstract(draw: ImageDraw.ImageDraw, rng: random.Random, size, colours: list[RGB], count: int) -> None:
    width, height = size
    for _ in range(count):
        colour = rng.choice(colours)
        x0, y0 = rng.uniform(-0.1, 0.9) * width, rng.uniform(-0.1, 0.9) * height
        x1, y1 = x0 + rng.uniform(0.05, 0.5) * width, y0 + rng.uniform(0.05, 0.5) * height
        shape = rng.random()
        if shape < 0.4:
            draw.rectangle((x0, y0, x1, y1), fill=colour)
        elif shape < 0.75:
            draw.ellipse((x0, y0, x1, y1), fill=colour)
        else:
            draw.line((x0, y0, x1, y1), fill=colour, width=rng.randint(2, 18))


def _still_life(draw: ImageDraw.ImageDraw, rng: random.Random, size, colours: list[RGB]) -> None:
    width, height = size
    table = height * rng.uniform(0.55, 0.7)
    draw.rectangle((0, table, width, height), fill=colours[1])
    jug_x = width * rng.uniform(0.15, 0.7)
    draw.rounded_rectangle((jug_x, table - height * 0.35, jug_x + width * 0.16, table + 6), radius=18,
                           fill=colours[4])
    for _ in range(rng.randint(2, 5)):
        r = width * rng.uniform(0.04, 0.08)
        x = rng.uniform(0.1, 0.9) * width
        draw.ellipse((x - r, table - r * 1.5, x + r, table + r * 0.5), fill=rng.choice(colours[2:]))


def _botanical(draw: ImageDraw.ImageDraw, rng: random.Random, size, colours: list[RGB]) -> None:
    width, height = size
    for n in range(rng.randint(2, 5)):
        x0 = width * rng.uniform(0.15, 0.85)
        bend = rng.uniform(-0.15, 0.15) * width
        top = height * rng.uniform(0.1, 0.4)
        stem = colours[(n % 3) + 1]
        points = [(x0 + bend * math.sin(t / 10 * math.pi / 2), height - (height - top) * t / 10) for t in range(11)]
        draw.line(points, fill=stem, width=4)
        for x, y in points[2::2]:
            angle = rng.uniform(-1.2, 1.2) + (math.pi if rng.random() < 0.5 else 0)
            length = rng.uniform(0.05, 0.12) * height
            tip = (x + math.cos(angle) * length, y + math.sin(angle) * length)
            side = (math.cos(angle + 1.5) * length * 0.25, math.sin(angle + 1.5) * length * 0.25)
            mid = ((x + tip[0]) / 2, (y + tip[1]) / 2)
            draw.polygon([(x, y), (mid[0] + side[0], mid[1] + side[1]), tip, (mid[0] - side[0], mid[1] - side[1])],
                         fill=_mix(stem, colours[0], 0.2))
        draw.ellipse((points[-1][0] - 14, points[-1][1] - 14, points[-1][0] + 14, points[-1][1] + 14),
                     fill=colours[(n + 3) % len(colours)])


SUBJECT_PAINTERS = {
    "landscape": _landscape,
    "seascape": _seascape,
    "cityscape": _cityscape,
    "portrait": _portrait,
    "figure": _figure,
    "still-life": _still_life,
    "botanical": _botanical,
}


def _vibe_touch(image: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random, vibe: str,
                colours: list[RGB]) -> Image.Image:
    width, height = image.size
    if vibe == "playful":
        for _ in range(40):
            x, y, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(3, 9)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(colours))
    elif vibe == "melancholic":
        for _ in range(90):
            x, y = rng.uniform(-40, width), rng.uniform(-40, height)
            draw.line((x, y, x + 12, y + 40), fill=_mix(colours[4], (255, 255, 255), 0.5), width=1)
    elif vibe == "bold":
        x = rng.uniform(0.1, 0.9) * width
        draw.line((x, 0, x + rng.uniform(-80, 80), height), fill=(20, 20, 20), width=rng.randint(8, 18))
    elif vibe == "dreamy":
        image = _soften(image, 4)
    elif vibe == "dark":
        image = ImageEnhance.Brightness(image).enhance(0.7)
    elif vibe == "vibrant":
        image = ImageEnhance.Color(image).enhance(1.4)
    return image


def _soften(image: Image.Image, factor: int) -> Image.Image:
    # Shrinking and enlarging again blurs like a box filter at a fraction of its cost.
    small = image.resize((image.width // factor, image.height // factor), Image.Resampling.BOX)
    return small.resize(image.size, Image.Resampling.BILINEAR)


def _grain(image: Image.Image, *, amount: int, seed_key: int) -> Image.Image:
    noise = np.random.default_rng(seed_key).integers(0, 2 * amount + 1, size=(image.height, image.width),
                                                      dtype=np.uint8)
    grain = Image.fromarray(noise, "L")
    return ImageChops.add(image, Image.merge("RGB", (grain, grain, grain)), offset=-amount)


def _medium_touch(image: Image.Image, medium: str, seed_key: int) -> Image.Image:
    if medium in DRAWING_MEDIA:
        grey = ImageOps.grayscale(image)
        paper = (246, 241, 230) if medium != "charcoal" else (232, 228, 220)
        image = ImageOps.colorize(grey, black=(30, 28, 26), white=paper)
        draw = ImageDraw.Draw(image)
        width, height = image.size
        for i in range(0, width + height, 9):  # faint diagonal hatching, like pencil on paper
            draw.line((i, 0, i - height, height), fill=(170, 166, 158), width=1)
        return image
    if medium == "printmaking":
        return ImageOps.posterize(image, 2)
    if medium == "watercolour":
        image = _soften(image, 2)
    amount = {"photography": 14, "oil": 10, "acrylic": 6, "pastel": 16, "watercolour": 8}.get(medium, 0)
    return _grain(image, amount=amount, seed_key=seed_key) if amount else image


def artwork_picture_draw(*, seed: int, key: str, vibe: str, medium: str, subject: str,
                         size: tuple[int, int]) -> Image.Image:
    """The picture of one artwork; `key` (e.g. its number) makes it unique within the seed."""
    rng = rng_for(seed, "picture", key)
    colours = [rgb for _, rgb in VIBES_BY_SLUG[vibe].colours]
    rng.shuffle(colours)
    image = _gradient(size, colours[0], _mix(colours[0], colours[3], rng.uniform(0.3, 0.8)))
    draw = ImageDraw.Draw(image)
    if vibe == "minimal":
        _abstract(draw, rng, size, colours[1:3], count=rng.randint(1, 3))
    elif subject in SUBJECT_PAINTERS:
        SUBJECT_PAINTERS[subject](draw, rng, size, colours)
    else:
        _abstract(draw, rng, size, colours, count=rng.randint(6, 16))
    image = _vibe_touch(image, draw, rng, vibe, colours)
    return _medium_touch(image, medium, int_seed_for(seed, "grain", key))


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def artwork_picture_files(*, seed: int, key: str, vibe: str, medium: str, subject: str,
                          width_cm: Decimal, height_cm: Decimal) -> tuple[bytes, bytes]:
    """The JPEG bytes of the picture and of its thumbnail (long side THUMBNAIL_SIDE)."""
    image = artwork_picture_draw(seed=seed, key=key, vibe=vibe, medium=medium, subject=subject,
                                 size=canvas_size(width_cm=width_cm, height_cm=height_cm))
    scale = THUMBNAIL_SIDE / max(image.size)
    thumbnail = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.BOX)
    return _jpeg(image, FULL_QUALITY), _jpeg(thumbnail, THUMBNAIL_QUALITY)
