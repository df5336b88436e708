"""Demo pictures: drawn from the seed, one per work, in the work's proportions."""
import io
from decimal import Decimal

import pytest
from PIL import Image, ImageStat

from demo import pictures
from demo.images import LONG_SIDE, artwork_picture_files
from demo.plan import artist_specs, artwork_specs
from demo.vocabulary import MEDIA, SUBJECTS, VIBES
from storefront.catalogue.images import THUMBNAIL_SIDE
from tests.factories.demo import ANCHOR


def _files(key="DEMO-7-000001", vibe="calm", medium="oil", subject="landscape", width="80", height="60", seed=7):
    return artwork_picture_files(seed=seed, key=key, vibe=vibe, medium=medium, subject=subject,
                                 width_cm=Decimal(width), height_cm=Decimal(height))


def test_the_same_work_gets_the_same_pixels():
    assert _files() == _files()


def test_each_work_and_seed_gets_its_own_picture():
    assert _files(key="DEMO-7-000001") != _files(key="DEMO-7-000002")
    assert _files(seed=7) != _files(seed=8)


@pytest.mark.parametrize("width, height, expected", [("80", "60", (640, 480)), ("30", "60", (320, 640))])
def test_pictures_have_the_works_proportions_and_a_thumbnail(width, height, expected):
    full, thumbnail = _files(width=width, height=height)
    with Image.open(io.BytesIO(full)) as image:
        assert image.format == "JPEG" and image.size == expected
    with Image.open(io.BytesIO(thumbnail)) as image:
        assert max(image.size) == THUMBNAIL_SIDE and max(expected) == LONG_SIDE


def test_every_vibe_medium_and_subject_can_be_drawn():
    for i in range(2 * len(MEDIA)):  # cycles through each list, in shifting combinations
        vibe, medium, subject = VIBES[i % len(VIBES)], MEDIA[i % len(MEDIA)], SUBJECTS[(i // 2) % len(SUBJECTS)]
        full, thumbnail = _files(key=str(i), vibe=vibe.slug, medium=medium.medium, subject=subject.slug)
        assert full[:2] == b"\xff\xd8" and thumbnail[:2] == b"\xff\xd8"


def test_vibes_set_the_colours():
    def mean_brightness(vibe):
        with Image.open(io.BytesIO(_files(vibe=vibe, medium="digital")[0])) as image:
            return ImageStat.Stat(image.convert("L")).mean[0]

    assert mean_brightness("dark") < 80 < mean_brightness("dreamy")


def test_a_process_pool_draws_the_same_files_as_one_process(settings, tmp_path, monkeypatch):
    artists = artist_specs(seed=7, count=2, anchor=ANCHOR)
    jobs = [pictures.PictureJob(seed=7, spec=spec)
            for spec in artwork_specs(seed=7, count=4, artists=artists, anchor=ANCHOR)]
    monkeypatch.setattr(pictures, "POOL_THRESHOLD", 1)
    contents = []
    for workers in (1, 2):
        settings.MEDIA_ROOT = str(tmp_path / f"media-{workers}")
        with pictures.picture_runner(count=len(jobs), workers=workers) as run:
            names = list(run(jobs))
        contents.append([(tmp_path / f"media-{workers}" / full).read_bytes() for full, _ in names])
    assert contents[0] == contents[1]
    assert len(set(contents[0])) == len(jobs)
