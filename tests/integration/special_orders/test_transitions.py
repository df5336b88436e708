"""Every step from every state: the legal ones move the special order, the others are refused."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from artists.exceptions import Conflict, NotFound, NotPermitted
from commissions import services as so
from commissions.models import SpecialOrderStatus as S
from tests.factories.catalogue import make_buyer

pytestmark = pytest.mark.django_db

STATES = [S.REQUESTED, S.QUOTED, S.DECLINED, S.ACCEPTED, S.PAID, S.IN_PROGRESS, S.DELIVERED, S.COMPLETED,
          S.CANCELLED]
LEGAL = {
    "quote": {S.REQUESTED: S.QUOTED, S.QUOTED: S.QUOTED},
    "decline": {S.REQUESTED: S.DECLINED, S.QUOTED: S.DECLINED},
    "accept": {S.QUOTED: S.ACCEPTED},
    "start": {S.PAID: S.IN_PROGRESS},
    "deliver": {S.IN_PROGRESS: S.DELIVERED},
    "complete": {S.DELIVERED: S.COMPLETED},
    "cancel": {S.REQUESTED: S.CANCELLED, S.QUOTED: S.CANCELLED, S.ACCEPTED: S.CANCELLED},
}
ARTIST_STEPS = {"quote", "decline", "start", "deliver"}
DATA = {
    "quote": {"price": Decimal("200.00"), "ready_by": timezone.localdate() + datetime.timedelta(days=9)},
    "decline": {"reason": "Not my style."},
    "cancel": {"reason": "Sorry."},
}


def _actor(special_order, action: str):
    return special_order.artist.user if action in ARTIST_STEPS else special_order.buyer


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(LEGAL))
def test_each_step_is_taken_only_from_the_states_that_allow_it(special_order_in, state, action):
    special_order = special_order_in(state)
    events_before = special_order.events.count()
    step = dict(special_order=special_order, user=_actor(special_order, action), action=action,
                data=DATA.get(action, {"note": "n"}))
    if state in LEGAL[action]:
        so.special_order_act(**step)
        special_order.refresh_from_db()
        assert special_order.status == LEGAL[action][state]
        assert special_order.events.count() == events_before + 1
    else:
        with pytest.raises(Conflict) as error:
            so.special_order_act(**step)
        assert f"is {special_order.get_status_display().lower()}" in error.value.message
        special_order.refresh_from_db()
        assert special_order.status == state and special_order.events.count() == events_before


@pytest.mark.parametrize("state", [s for s in STATES if s != S.ACCEPTED])
def test_a_payment_is_recorded_only_for_an_accepted_special_order(special_order_in, state):
    special_order = special_order_in(state)
    with pytest.raises(Conflict):
        so.special_order_pay(special_order=special_order)


def test_an_accepted_special_order_without_a_payment_cannot_be_marked_paid(special_order_in):
    special_order = special_order_in("accepted")
    with pytest.raises(Conflict, match="No payment"):
        so.special_order_pay(special_order=special_order)


def test_starting_before_the_buyer_paid_says_so(special_order_in):
    special_order = special_order_in("accepted")
    with pytest.raises(Conflict, match="has not paid yet"):
        so.special_order_start(special_order=special_order, user=special_order.artist.user)


@pytest.mark.parametrize("action,state", [(a, next(iter(states))) for a, states in LEGAL.items() if a != "cancel"])
def test_each_step_belongs_to_one_side(special_order_in, action, state):
    special_order = special_order_in(state)
    wrong_side = special_order.buyer if action in ARTIST_STEPS else special_order.artist.user
    with pytest.raises(NotPermitted):
        so.special_order_act(special_order=special_order, user=wrong_side, action=action,
                             data=DATA.get(action, {}))


@pytest.mark.parametrize("action", list(LEGAL))
def test_someone_outside_the_special_order_cannot_touch_it(special_order_in, other_artist, action):
    special_order = special_order_in(next(iter(LEGAL[action])))
    events_before = special_order.events.count()
    for stranger in (make_buyer(), other_artist.user):
        with pytest.raises(NotFound):
            so.special_order_act(special_order=special_order, user=stranger, action=action,
                                 data=DATA.get(action, {}))
    assert special_order.events.count() == events_before


def test_the_steps_offered_match_the_state_and_side(special_order_in):
    special_order = special_order_in("quoted")
    assert so.actions_allowed(special_order=special_order, role="artist") == ["quote", "decline", "cancel"]
    assert so.actions_allowed(special_order=special_order, role="buyer") == ["accept", "cancel"]
    assert so.actions_allowed(special_order=special_order, role=None) == []
