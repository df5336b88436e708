"""Training: versioned model files, the atomic swap, failures that keep the old model, colours once."""
import fcntl
import os

import pytest
from django.core.management import CommandError, call_command

from artiqo.core.versioned_files import POINTER_NAME
from recommend import services
from recommend.models import ArtworkColour
from recommend.serving import recommendations_for_user
from recommend.store import current_version, model_current
from tests.factories.catalogue import make_artist, make_artwork, make_buyer, png_bytes
from tests.factories.recommend import make_dated_order, make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(site_tree):
    works = [make_edition(make_artist(), description=f"work number{n}") for n in range(3)]
    make_dated_order(make_buyer(), works[0], works[1], days_ago=3)
    return works


def test_the_command_trains_a_version_and_serving_switches_to_it(shop, recommender_dir, capsys):
    call_command("train_recommender")
    first = current_version()
    assert model_current().version == first
    assert "3 works (3 for sale), 1 buyers" in capsys.readouterr().out

    call_command("train_recommender")
    second = current_version()

    assert second != first
    assert model_current().version == second  # the pointer changed: this process reloads
    assert (recommender_dir / f"model-{second}.npz").exists()
    assert (recommender_dir / f"model-{first}.npz").exists()  # older versions are kept for a while


def test_a_failed_training_keeps_the_current_model_serving(shop, recommender_dir, monkeypatch, buyer):
    call_command("train_recommender")
    before = current_version()
    served = model_current()

    def broken_fit(**kwargs):
        raise MemoryError("out of memory half way")

    monkeypatch.setattr(services, "selected_fit", broken_fit)
    with pytest.raises(CommandError, match="current model keeps serving"):
        call_command("train_recommender")

    assert current_version() == before
    assert model_current() is served
    assert recommendations_for_user(user=buyer).model_version == before
    assert sorted(p.name for p in recommender_dir.glob("model-*")) == [f"model-{before}.json", f"model-{before}.npz"]


def test_a_damaged_new_version_is_skipped_and_the_old_one_keeps_serving(shop, recommender_dir, train):
    good = train().version
    served = model_current()
    (recommender_dir / "model-broken.npz").write_bytes(b"not a model")
    (recommender_dir / "model-broken.json").write_text("{}")
    (recommender_dir / POINTER_NAME).write_text("broken\n")

    assert model_current() is served
    assert model_current().version == good

    newer = train().version  # the next good version is picked up again
    assert model_current().version == newer


def test_only_the_newest_versions_are_kept(shop, recommender_dir, train):
    versions = [train().version for _ in range(5)]

    kept = sorted(p.name for p in recommender_dir.glob("model-*.npz"))

    assert kept == [f"model-{v}.npz" for v in versions[-services.KEEP_VERSIONS:]]


def test_two_trainings_at_once_do_not_fight(shop, recommender_dir, train):
    recommender_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(recommender_dir / ".train.lock", os.O_CREAT | os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(CommandError, match="another training is running"):
            call_command("train_recommender")
    finally:
        os.close(fd)
    assert current_version() is None


def test_each_image_is_analysed_for_colours_once(site_tree, train):
    blue = make_artwork(make_artist(), images=[png_bytes(colour=(20, 40, 200))])
    red = make_artwork(make_artist(), images=[png_bytes(colour=(210, 20, 20))])

    first = train()
    second = train()

    assert first.colours.computed == 2
    assert second.colours.computed == 0
    histograms = dict(ArtworkColour.objects.values_list("product_id", "histogram"))
    assert histograms[blue.pk] != histograms[red.pk]
    assert sum(histograms[blue.pk]) == pytest.approx(1.0, abs=1e-4)


def test_a_replaced_image_is_analysed_again(site_tree, train):
    from storefront.catalogue.services import artwork_image_add

    artwork = make_artwork(make_artist(), images=[png_bytes(colour=(20, 40, 200))])
    train()
    artwork.images.all().delete()
    artwork_image_add(product=artwork, data=png_bytes(colour=(210, 20, 20)))

    assert train().colours.computed == 1


def test_training_on_an_empty_shop_still_serves_something_sensible(site_tree, train, buyer):
    train()
    newest = make_artwork(make_artist(), with_image=False)

    result = recommendations_for_user(user=buyer)

    assert [item.artwork.pk for item in result.items] == [newest.pk]
    assert result.items[0].reason == "new on Artiqo"
