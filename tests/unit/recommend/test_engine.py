"""Behaviour of the pure recommendation engine on tiny hand-made galleries."""

from __future__ import annotations

import pickle
from collections import Counter

import numpy as np
import pytest

from recommend.engine import (
    SIGNAL_WEIGHTS,
    BlendWeights,
    Catalogue,
    FitConfig,
    Interactions,
    Model,
    content_text,
    decay_factor,
    fit,
    popular_for_user,
    random_for_user,
    recommend_for_user,
    similar_items,
    synthetic_data,
    time_decayed_weights,
)

DAY = 86_400.0
T0 = 1_700_000_000.0
ORDER, VIEW = SIGNAL_WEIGHTS["order"], SIGNAL_WEIGHTS["view"]

# A six-work gallery. Harbour at Dusk (101) and Quiet Bay (102) share vibe and
# medium; 103 and 104 are bold acrylic abstracts; 106 is by 101's artist but
# shares nothing else with it.
GALLERY = {
    # item_id: (artist_id, text)
    101: (1, content_text(vibe="calm", tags=["coastal", "sea"], medium="oil on canvas", description="Harbour at Dusk")),
    102: (2, content_text(vibe="calm", tags=["coastal", "sea"], medium="oil on canvas", description="Quiet bay")),
    103: (3, content_text(vibe="bold", tags=["abstract", "neon"], medium="acrylic", description="Signal")),
    104: (4, content_text(vibe="bold", tags=["abstract", "geometric"], medium="acrylic", description="Grid")),
    105: (5, content_text(vibe="delicate", tags=["botanical"], medium="watercolour", description="Fern")),
    106: (1, content_text(vibe="gritty", tags=["urban", "night"], medium="photograph", description="Street")),
}
ITEM_IDS = list(GALLERY)

# (user, item_id, weight). Users 0-2 bought Harbour at Dusk and looked at Grid (104);
# user 3 looked at 102 and 105; users 4-7 looked at 103 twice each.
EVENTS = (
    [(u, 101, ORDER) for u in (0, 1, 2)]
    + [(u, 104, VIEW) for u in (0, 1, 2)]
    + [(3, 102, VIEW), (3, 105, VIEW)]
    + [(u, 103, VIEW) for u in (4, 5, 6, 7) for _ in range(2)]
)


def _interactions(events: list[tuple[int, int, float]], *, item_ids: list[int], timestamps=None) -> Interactions:
    row = {item_id: i for i, item_id in enumerate(item_ids)}
    return Interactions(
        user_idx=np.array([u for u, _, _ in events]),
        item_idx=np.array([row[i] for _, i, _ in events]),
        weight=np.array([w for _, _, w in events], dtype=float),
        timestamp=np.full(len(events), T0) if timestamps is None else np.asarray(timestamps, dtype=float),
    )


def _gallery_model(**config) -> Model:
    catalogue = Catalogue(
        item_ids=np.array(ITEM_IDS),
        artist_ids=np.array([GALLERY[i][0] for i in ITEM_IDS]),
        texts=[GALLERY[i][1] for i in ITEM_IDS],
    )
    # No decay here so popularity can be checked by hand.
    return fit(
        catalogue=catalogue,
        interactions=_interactions(EVENTS, item_ids=ITEM_IDS),
        config=FitConfig(half_life_days=None, **config),
    )


@pytest.fixture(scope="module")
def gallery() -> Model:
    return _gallery_model()


def _ids(picks) -> list[int]:
    return [p.item_id for p in picks]


# ----------------------------------------------------------------- similarity


def test_neighbour_of_a_work_is_the_one_bought_by_the_same_buyers(gallery):
    picks = similar_items(gallery, item_id=101, source="cf")

    assert picks[0].item_id == 104  # the same three buyers, despite a different vibe
    assert picks[0].score == pytest.approx(1.0)  # identical buyer vectors up to scale
    assert (picks[0].reason_kind, picks[0].reason_item_id) == ("bought_with", 101)
    assert _ids(picks) == [104]  # nobody else shares a buyer with 101


def test_content_similarity_finds_same_vibe_and_medium(gallery):
    assert similar_items(gallery, item_id=101, source="content")[0].item_id == 102
    assert similar_items(gallery, item_id=103, source="content")[0].item_id == 104


def test_colour_decides_between_works_with_the_same_text():
    catalogue = Catalogue(
        item_ids=np.array([1, 2, 3]),
        artist_ids=np.array([10, 20, 30]),
        texts=["abstract acrylic"] * 3,
        colours=np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.9, 0.1, 0.0]]),  # red, green, reddish
    )
    model = fit(catalogue=catalogue, interactions=_interactions([], item_ids=[1, 2, 3]))

    assert _ids(similar_items(model, item_id=1, source="content")) == [3, 2]


def test_similar_items_of_an_unknown_work_is_empty(gallery):
    assert similar_items(gallery, item_id=999, source="content") == []


def test_similarity_does_not_depend_on_the_block_size():
    one_row_at_a_time = _gallery_model(block_cells=1)
    all_at_once = _gallery_model()

    np.testing.assert_array_equal(one_row_at_a_time.cf_neighbours, all_at_once.cf_neighbours)
    np.testing.assert_allclose(one_row_at_a_time.content_scores, all_at_once.content_scores, rtol=1e-6)


# ----------------------------------------------------------------- personal lists


def test_each_pick_names_the_history_work_behind_it(gallery):
    picks = {p.item_id: p for p in recommend_for_user(gallery, history=[(101, ORDER)], exclude_ids={101})}

    assert (picks[104].reason_kind, picks[104].reason_item_id) == ("bought_with", 101)
    assert (picks[102].reason_kind, picks[102].reason_item_id) == ("similar_content", 101)
    assert (picks[106].reason_kind, picks[106].reason_item_id) == ("same_artist", 101)
    assert _ids(recommend_for_user(gallery, history=[(101, ORDER)], exclude_ids={101}))[0] == 104


def test_bought_works_are_not_recommended_again(gallery):
    picks = recommend_for_user(gallery, history=[(101, ORDER), (103, VIEW)], exclude_ids={101, 103})

    assert not {101, 103} & set(_ids(picks))


def test_sold_works_never_come_back(gallery):
    available = {102, 103, 105, 106}  # 101 and 104 are sold

    lists = [
        recommend_for_user(gallery, history=[(101, ORDER)], available_ids=available),
        recommend_for_user(gallery, history=[], available_ids=available),
        similar_items(gallery, item_id=101, source="cf", available_ids=available),
        similar_items(gallery, item_id=101, source="content", available_ids=available),
        popular_for_user(gallery, available_ids=available),
        random_for_user(gallery, available_ids=available, rng=np.random.default_rng(0)),
    ]

    for picks in lists:
        assert set(_ids(picks)) <= available


def test_artist_cap_holds_in_a_list_of_ten():
    # Artist 1 has eight calm seascapes; four other artists have two each.
    item_ids = list(range(1, 17))
    artist_ids = [1] * 8 + [2, 2, 3, 3, 4, 4, 5, 5]
    catalogue = Catalogue(
        item_ids=np.array(item_ids),
        artist_ids=np.array(artist_ids),
        texts=[content_text(vibe="calm", tags=["sea"], medium="oil on canvas", description=f"seascape {i}")
               for i in item_ids],
    )
    events = [(0, 1, ORDER)] + [(u, i, VIEW) for u in range(1, 4) for i in item_ids]
    model = fit(catalogue=catalogue, interactions=_interactions(events, item_ids=item_ids))
    artist_of = dict(zip(item_ids, artist_ids))

    capped = recommend_for_user(model, history=[(1, ORDER)], exclude_ids={1}, n=10, max_per_artist=3)
    uncapped = recommend_for_user(model, history=[(1, ORDER)], exclude_ids={1}, n=10, max_per_artist=None)

    assert len(capped) == 10
    assert max(Counter(artist_of[i] for i in _ids(capped)).values()) <= 3
    assert Counter(artist_of[i] for i in _ids(uncapped))[1] > 3  # the cap really had work to do


def test_cold_start_gets_popular_works(gallery):
    picks = recommend_for_user(gallery, history=[])

    # Summed weights: 101 = 3 orders x 5 = 15, 103 = 8 views = 8, 104 = 3, 102 = 1, 105 = 1,
    # 106 = 0 (never shown: no evidence at all). 102/105 tie and go by id.
    assert _ids(picks) == [101, 103, 104, 102, 105]
    assert {p.reason_kind for p in picks} == {"popular"}
    assert picks == popular_for_user(gallery)


def test_history_of_works_listed_after_the_fit_falls_back_to_popular(gallery):
    assert recommend_for_user(gallery, history=[(999, ORDER)]) == popular_for_user(gallery)


def test_blend_weights_can_be_overridden_at_serving_time(gallery):
    only_content = BlendWeights(cf=0.0, content=1.0, artist=0.0, popularity=0.0)

    picks = recommend_for_user(gallery, history=[(101, ORDER)], exclude_ids={101}, blend=only_content)

    assert _ids(picks) == [102]
    assert picks[0].reason_kind == "similar_content"


# ----------------------------------------------------------------- time decay


def test_weight_halves_after_one_half_life():
    assert decay_factor(age_days=np.array([0.0, 30.0, 60.0]), half_life_days=30.0) == pytest.approx([1.0, 0.5, 0.25])
    assert decay_factor(age_days=-5.0, half_life_days=30.0) == pytest.approx(1.0)  # future = now
    assert decay_factor(age_days=400.0, half_life_days=None) == pytest.approx(1.0)
    weights = time_decayed_weights(weight=np.array([5.0]), timestamp=np.array([T0 - 30 * DAY]), now=T0,
                                   half_life_days=30.0)
    assert weights == pytest.approx([2.5])


def test_recent_views_count_more_than_old_ones():
    catalogue = Catalogue(item_ids=np.array([1, 2]), artist_ids=np.array([1, 2]))
    events = [(0, 1, VIEW), (1, 2, VIEW)]
    interactions = _interactions(events, item_ids=[1, 2], timestamps=[T0 - 200 * DAY, T0 - DAY])

    model = fit(catalogue=catalogue, interactions=interactions, config=FitConfig(half_life_days=30.0), now=T0)

    assert _ids(popular_for_user(model)) == [2, 1]


# ----------------------------------------------------------------- persistence


def test_save_and_load_round_trip(gallery, tmp_path):
    path = tmp_path / "model.npz"
    gallery.save(path)
    gallery.save(path)  # overwriting goes through the same atomic replace

    loaded = Model.load(path)

    for name in ("item_ids", "item_artist", "artist_ids", "cf_neighbours", "cf_scores",
                 "content_neighbours", "content_scores", "popularity"):
        np.testing.assert_array_equal(getattr(loaded, name), getattr(gallery, name))
    assert loaded.blend == gallery.blend
    assert recommend_for_user(loaded, history=[(101, ORDER)]) == recommend_for_user(gallery, history=[(101, ORDER)])
    assert [p.name for p in tmp_path.iterdir()] == ["model.npz"]  # no temp files left behind


def test_model_survives_pickling(gallery):
    clone = pickle.loads(pickle.dumps(gallery))

    assert similar_items(clone, item_id=101) == similar_items(gallery, item_id=101)


# ----------------------------------------------------------------- input checks and invariants


def test_fit_rejects_events_that_do_not_line_up():
    catalogue = Catalogue(item_ids=np.array([1, 2]), artist_ids=np.array([1, 1]))
    bad = Interactions(user_idx=np.array([0, 1]), item_idx=np.array([0]), weight=np.array([1.0, 1.0]),
                       timestamp=np.array([T0, T0]))

    with pytest.raises(ValueError, match="same length"):
        fit(catalogue=catalogue, interactions=bad)


def test_fit_rejects_duplicate_item_ids():
    catalogue = Catalogue(item_ids=np.array([1, 1]), artist_ids=np.array([1, 1]))

    with pytest.raises(ValueError, match="unique"):
        fit(catalogue=catalogue, interactions=_interactions([], item_ids=[1, 2]))


def test_serving_rules_hold_for_many_users_on_synthetic_data():
    data = synthetic_data(n_items=400, n_users=300, n_interactions=4_000, n_artists=40, seed=3)
    model = fit(catalogue=data.catalogue, interactions=data.interactions, config=FitConfig(k_cf=20, k_content=20))
    rng = np.random.default_rng(4)
    all_ids = model.item_ids
    artist_of = dict(zip(all_ids.tolist(), model.artist_ids[model.item_artist].tolist()))

    for _ in range(50):
        available = set(rng.choice(all_ids, size=300, replace=False).tolist())
        history = [(int(i), 1.0) for i in rng.choice(all_ids, size=rng.integers(0, 8))]
        bought = {i for i, _ in history[:2]}

        picks = recommend_for_user(model, history=history, exclude_ids=bought, available_ids=available,
                                   n=10, max_per_artist=2)

        ids = _ids(picks)
        assert len(ids) == len(set(ids)) == 10
        assert set(ids) <= available and not set(ids) & bought
        assert max(Counter(artist_of[i] for i in ids).values()) <= 2
        assert [p.score for p in picks] == sorted((p.score for p in picks), reverse=True)
        assert all(p.reason_item_id in {i for i, _ in history} for p in picks if p.reason_kind != "popular")
