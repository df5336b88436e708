"""`manage.py evaluate_recommender` on a case small enough to work out by hand.

Four editions by four artists, with nothing in common but their buyers:

    before the cutoff      harbour+fjord (2 buyers), city (3 buyers), harbour (Ada)
    after the cutoff       Ada orders fjord; Bo (no history) orders tram

Ada's model list: fjord first (bought with her harbour), then city (popularity only):
recall 1, nDCG 1. Bo has no history, so the model falls back to popularity
(harbour/city, fjord; tram was never bought): recall 0, nDCG 0. Model means: 0.5 / 0.5.
Popularity for Ada (harbour excluded, she owns it): city (3 buyers) before fjord (2):
nDCG = 1 / log2(3) = 0.6309, recall 1; Bo 0. Means: 0.5 / 0.3155.
Every list shows harbour, fjord or city and never tram: coverage 3 / 4 = 0.75.
"""
import io
import math

import pytest
from django.core.management import CommandError, call_command

from tests.factories.catalogue import make_artist, make_buyer
from tests.factories.recommend import list_all_before, make_dated_order, make_edition

pytestmark = pytest.mark.django_db


def evaluate(**options) -> str:
    out = io.StringIO()
    call_command("evaluate_recommender", stdout=out, **options)
    return out.getvalue()


def row(output: str, name: str) -> list[float]:
    line = next(line for line in output.splitlines() if line.startswith(name))
    return [float(value) for value in line.split()[1:]]


@pytest.fixture
def history(site_tree):
    works = {name: make_edition(make_artist(), title=name.capitalize(), description=f"{name} only")
             for name in ("harbour", "fjord", "city", "tram")}
    for _ in range(2):
        make_dated_order(make_buyer(), works["harbour"], works["fjord"], days_ago=30)
    for _ in range(3):
        make_dated_order(make_buyer(), works["city"], days_ago=30)
    ada, bo = make_buyer("ada"), make_buyer("bo")
    make_dated_order(ada, works["harbour"], days_ago=25)
    make_dated_order(ada, works["fjord"], days_ago=5)
    make_dated_order(bo, works["tram"], days_ago=4)
    list_all_before(days_ago=60)
    return works


def test_the_metrics_are_the_ones_worked_out_by_hand(history):
    output = evaluate()

    assert "2 buyers ordered afterwards; 4 of 4 works were for sale at the cutoff" in output
    assert row(output, "model") == [0.5, 0.5, 0.75]
    assert row(output, "popularity") == [0.5, round((1 / math.log2(3)) / 2, 4), 0.75]
    recall, ndcg, coverage = row(output, "random")
    assert 0 <= recall <= 1 and 0 <= ndcg <= 1 and 0 < coverage <= 1
    assert "Model NDCG@10 / popularity NDCG@10: 1.58x" in output


def test_k_and_the_cutoff_can_be_chosen(history):
    from datetime import timedelta

    from django.utils import timezone

    cutoff = (timezone.now() - timedelta(days=10)).isoformat()

    output = evaluate(k=1, cutoff=cutoff)

    # k=1: Ada's single pick (fjord) is a hit; popularity's (city) is not.
    assert row(output, "model") == [0.5, 0.5, 0.5]
    assert row(output, "popularity")[:2] == [0.0, 0.0]


def test_a_shop_without_later_orders_is_reported_not_crashed(site_tree):
    with pytest.raises(CommandError, match="Nothing to evaluate"):
        evaluate()


@pytest.mark.parametrize("options", [{"k": 0}, {"test_share": 1.5}, {"cutoff": "last tuesday"}])
def test_bad_options_are_explained(options):
    with pytest.raises(CommandError):
        evaluate(**options)
