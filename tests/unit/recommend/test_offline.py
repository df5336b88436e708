"""What the offline evaluation counts as for sale at the cutoff."""
import numpy as np

from recommend.engine import Catalogue, Interactions
from recommend.offline import available_at, default_cutoff
from recommend.selectors import TrainingData


def data(*, listed_at, events, original_ids=()):
    """events: (item row, timestamp, is_order)."""
    items = np.array([10, 20, 30, 40])
    rows, stamps, orders = zip(*events)
    return TrainingData(
        catalogue=Catalogue(item_ids=items, artist_ids=np.arange(4)),
        interactions=Interactions(user_idx=np.zeros(len(rows), dtype=int), item_idx=np.array(rows),
                                  weight=np.ones(len(rows)), timestamp=np.array(stamps, dtype=float)),
        is_order=np.array(orders),
        available_ids=items,
        original_ids=np.array(original_ids, dtype=np.int64),
        listed_at=np.array(listed_at, dtype=float),
        n_users=1,
    )


def test_an_original_sold_before_the_cutoff_is_not_for_sale_but_an_edition_is():
    d = data(listed_at=[0, 0, 0, 0], events=[(0, 5, True), (1, 5, True), (2, 50, True)], original_ids=[10])

    assert available_at(data=d, cutoff=10).tolist() == [20, 30, 40]


def test_a_work_listed_after_the_cutoff_was_not_for_sale_unless_it_already_had_events():
    d = data(listed_at=[0, 99, 99, 0], events=[(1, 5, False), (2, 50, True)])

    assert available_at(data=d, cutoff=10).tolist() == [10, 20, 40]


def test_the_default_cutoff_leaves_the_last_share_of_orders_for_testing():
    d = data(listed_at=[0] * 4, events=[(0, t, True) for t in range(1, 11)] + [(1, 100, False)])

    assert default_cutoff(data=d, test_share=0.2) == 9.0
