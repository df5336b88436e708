"""Commission capacity and the waitlist: a full artist takes buyers in line, a freed slot invites the first for
7 days, then the next."""
import datetime

import pytest
from django.utils import timezone

from artiqo.core.errors import Conflict
from artiqo.outbox.models import OutboxMessage
from commissions import services as so
from commissions.models import WaitlistEntry, WaitlistStatus
from commissions.selectors import commission_availability
from commissions.waitlist import commission_slots_set, waitlist_join, waitlist_leave, waitlists_advance
from tests.factories.api import client_for
from tests.factories.catalogue import make_buyer
from tests.factories.studio import make_special_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_artist(artist, buyer):
    """Mira takes one special order at once, and has one (from `buyer`)."""
    commission_slots_set(artist=artist, slots=1)
    make_special_order(buyer, artist)
    return artist


def _invitations():
    return OutboxMessage.objects.filter(dedup_key__startswith="waitlist-").order_by("pk")


def test_a_full_artist_refuses_new_requests_and_buyers_join_the_line_instead(full_artist):
    late = make_buyer()
    assert commission_availability(artist=full_artist).is_full
    with pytest.raises(Conflict) as refused:
        make_special_order(late, full_artist)
    assert refused.value.code == "commissions_full"
    entry = waitlist_join(buyer=late, artist=full_artist, brief="A small harbour at night, blue and gold.")
    assert entry.status == WaitlistStatus.WAITING
    with pytest.raises(Conflict) as twice:
        waitlist_join(buyer=late, artist=full_artist, brief="again")
    assert twice.value.code == "already_waiting"


def test_an_artist_with_a_free_slot_sends_buyers_to_the_request_form(artist):
    commission_slots_set(artist=artist, slots=2)
    with pytest.raises(Conflict) as refused:
        waitlist_join(buyer=make_buyer(), artist=artist, brief="Anything with boats.")
    assert refused.value.code == "commissions_open"


def test_a_freed_slot_invites_the_first_in_line_for_seven_days_and_then_the_next(full_artist, buyer):
    first, second = make_buyer(), make_buyer()
    waitlist_join(buyer=first, artist=full_artist, brief="Fjord in winter.")
    waitlist_join(buyer=second, artist=full_artist, brief="Two gulls.")
    open_order = full_artist.special_orders.get()
    so.special_order_cancel(special_order=open_order, user=buyer, reason="changed my mind")

    entry = WaitlistEntry.objects.get(buyer=first)
    assert entry.status == WaitlistStatus.INVITED
    assert abs(entry.invite_expires_at - (timezone.now() + datetime.timedelta(days=7))) < datetime.timedelta(minutes=1)
    [mail] = _invitations()
    assert mail.to == [first.email] and "within 7 days" in mail.text
    assert WaitlistEntry.objects.get(buyer=second).status == WaitlistStatus.WAITING
    # The invitation holds the slot: the second buyer (or anyone else) cannot slip in.
    with pytest.raises(Conflict):
        make_special_order(second, full_artist)

    # Seven days pass without a request: the next buyer is invited.
    WaitlistEntry.objects.filter(pk=entry.pk).update(invite_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert waitlists_advance() == 1
    assert WaitlistEntry.objects.get(pk=entry.pk).status == WaitlistStatus.EXPIRED
    assert WaitlistEntry.objects.get(buyer=second).status == WaitlistStatus.INVITED
    assert [m.to for m in _invitations()] == [[first.email], [second.email]]


def test_the_invited_buyer_sends_their_request_and_it_takes_the_slot(full_artist, buyer):
    first = make_buyer()
    waitlist_join(buyer=first, artist=full_artist, brief="Fjord in winter.")
    so.special_order_cancel(special_order=full_artist.special_orders.get(), user=buyer)
    special_order = make_special_order(first, full_artist)
    entry = WaitlistEntry.objects.get(buyer=first)
    assert (entry.status, entry.special_order) == (WaitlistStatus.USED, special_order)
    assert commission_availability(artist=full_artist).is_full


def test_a_delivered_special_order_frees_its_slot(full_artist, buyer):
    from tests.factories.studio import special_order_walk

    waiting = make_buyer()
    waitlist_join(buyer=waiting, artist=full_artist, brief="Lighthouse.")
    special_order_walk(full_artist.special_orders.get(), "in_progress")
    assert WaitlistEntry.objects.get(buyer=waiting).status == WaitlistStatus.WAITING
    so.special_order_act(special_order=full_artist.special_orders.get(), user=full_artist.user, action="deliver",
                         data={"note": "On its way."})
    assert WaitlistEntry.objects.get(buyer=waiting).status == WaitlistStatus.INVITED


def test_more_slots_invite_as_many_buyers_and_leaving_gives_the_invitation_on(full_artist):
    buyers = [make_buyer() for _ in range(3)]
    for n, waiting in enumerate(buyers):
        waitlist_join(buyer=waiting, artist=full_artist, brief=f"Work {n}")
    commission_slots_set(artist=full_artist, slots=2)
    assert [WaitlistEntry.objects.get(buyer=b).status for b in buyers] == ["invited", "waiting", "waiting"]
    waitlist_leave(buyer=buyers[0], artist=full_artist)
    assert [WaitlistEntry.objects.get(buyer=b).status for b in buyers] == ["left", "invited", "waiting"]


# --- pages -----------------------------------------------------------------------------------

def test_the_artist_page_says_full_and_offers_the_waitlist(client, full_artist):
    page = client.get(full_artist.get_absolute_url()).content.decode()
    assert "Commissions full at the moment" in page and f"/special-orders/waitlist/{full_artist.slug}/" in page


def test_a_buyer_joins_and_leaves_the_waitlist_on_its_page(client, full_artist):
    late = make_buyer()
    client.force_login(late)
    assert client.get(f"/special-orders/new/{full_artist.slug}/").url == f"/special-orders/waitlist/{full_artist.slug}/"
    response = client.post(f"/special-orders/waitlist/{full_artist.slug}/", {"brief": "Blue boats."}, follow=True)
    assert "You are number 1 in line" in response.content.decode()
    client.post(f"/special-orders/waitlist/{full_artist.slug}/leave/")
    assert WaitlistEntry.objects.get(buyer=late).status == WaitlistStatus.LEFT


def test_the_studio_sets_the_slots_and_lists_the_line(client, full_artist):
    waitlist_join(buyer=make_buyer(first_name="Ola"), artist=full_artist, brief="Ferries at dawn.")
    client.force_login(full_artist.user)
    page = client.get("/studio/waitlist/").content.decode()
    assert "1 of 1 slots taken" in page and "Ferries at dawn." in page and "Ola" in page
    client.post("/studio/waitlist/", {"slots": "3"})
    full_artist.refresh_from_db()
    assert full_artist.commission_slots == 3
    assert WaitlistEntry.objects.get().status == WaitlistStatus.INVITED


# --- API -------------------------------------------------------------------------------------

def test_the_api_lets_a_buyer_join_see_their_place_and_leave(full_artist):
    late = make_buyer()
    api = client_for(late)
    url = f"/api/v1/artists/{full_artist.pk}/waitlist"
    state = api.get(url).json()
    assert state["availability"] == {"slots": 1, "used": 1, "waiting": 0, "is_full": True}
    assert state["entry"] is None
    joined = api.post(url, {"brief": "Storm over the islands."}, format="json")
    assert joined.status_code == 201
    assert (joined.json()["entry"]["status"], joined.json()["position"]) == ("waiting", 1)
    assert api.post(url, {"brief": "again"}, format="json").json()["error"]["code"] == "already_waiting"
    assert api.post(url, {}, format="json").status_code == 400
    assert api.delete(url).status_code == 204
    assert api.delete(url).status_code == 404


def test_the_waitlist_api_walk_of_wrong_callers(api_client, full_artist, other_artist, buyer):
    url = f"/api/v1/artists/{full_artist.pk}/waitlist"
    assert api_client.get(url).status_code == 401
    assert api_client.get("/api/v1/studio/waitlist").status_code == 401
    # A buyer is not an artist: the studio's list is not theirs.
    assert client_for(buyer).get("/api/v1/studio/waitlist").status_code == 403
    assert client_for(buyer).patch("/api/v1/studio/waitlist", {"slots": 5}, format="json").status_code == 403
    # An artist cannot join their own line; an unknown artist is 404.
    own = client_for(full_artist.user).post(url, {"brief": "me"}, format="json")
    assert own.status_code == 400
    assert client_for(buyer).get("/api/v1/artists/999999/waitlist").status_code == 404
    # Another artist sees only their own (empty) line.
    waitlist_join(buyer=make_buyer(), artist=full_artist, brief="Mine.")
    assert client_for(other_artist.user).get("/api/v1/studio/waitlist").json()["entries"] == []


def test_the_artist_sets_slots_and_reads_the_line_through_the_api(full_artist):
    waitlist_join(buyer=make_buyer(first_name="Kari"), artist=full_artist, brief="Red cabins.")
    api = client_for(full_artist.user)
    body = api.get("/api/v1/studio/waitlist").json()
    assert [(e["buyer_name"], e["status"]) for e in body["entries"]] == [("Kari", "waiting")]
    assert api.patch("/api/v1/studio/waitlist", {"slots": 0}, format="json").status_code == 400
    body = api.patch("/api/v1/studio/waitlist", {"slots": 2}, format="json").json()
    assert body["availability"]["slots"] == 2 and body["entries"][0]["status"] == "invited"
