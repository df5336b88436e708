"""A buyer who opens the studio is offered to become an artist; an admin decides in the CMS; both sides are mailed."""
import pytest

from artiqo.outbox.models import OutboxMessage
from artists.models import Artist, ArtistApplication, ArtistPage
from tests.factories.api import client_for
from tests.factories.catalogue import make_buyer

pytestmark = pytest.mark.django_db
ABOUT = "Ink drawings of harbours and cranes at night, since 2015."


@pytest.fixture
def applicant(site_tree, vibe):
    return make_buyer("ezra", first_name="Ezra", last_name="Hartmann", email="ezra@example.com")


@pytest.fixture
def application(client, applicant, admin_user):
    client.force_login(applicant)
    client.post("/studio/apply/", {"name": "Ezra Ink", "location": "Hamburg", "vibe": "", "about": ABOUT})
    client.logout()
    return ArtistApplication.objects.get(user=applicant)


def _decide(client, admin_user, application, decision, note=""):
    client.force_login(admin_user)
    return client.post(f"/cms/artist-applications/edit/{application.pk}/",
                       {"decision": decision, "decision_note": note})


def test_a_buyer_opening_the_studio_is_offered_to_become_an_artist(client, applicant):
    client.force_login(applicant)
    response = client.get("/studio/")
    assert response.status_code == 302 and response["Location"] == "/studio/apply/"
    page = client.get("/studio/apply/").content.decode()
    assert "Sell your art on Artiqo" in page and 'name="about"' in page and "Send my application" in page
    assert 'value="Ezra Hartmann"' in page  # their name, to start from
    # Any other studio page explains too, instead of a bare "forbidden".
    refused = client.get("/studio/orders/")
    assert refused.status_code == 403 and 'href="/studio/apply/"' in refused.content.decode()


def test_visitors_log_in_before_applying(client, site_tree):
    response = client.get("/studio/apply/")
    assert response.status_code == 302 and response["Location"].startswith("/shop/accounts/login/")


def test_the_application_reaches_the_admins_and_waits_for_their_answer(client, applicant, admin_user):
    client.force_login(applicant)
    response = client.post("/studio/apply/", {"name": "Ezra Ink", "location": "Hamburg", "about": ABOUT,
                                              "portfolio_url": "example.com/ezra"}, follow=True)
    assert "Your application is being reviewed" in response.content.decode()
    application = ArtistApplication.objects.get(user=applicant)
    assert (application.status, application.portfolio_url) == ("pending", "https://example.com/ezra")
    mail = OutboxMessage.objects.get(dedup_key=f"artist-application-{application.pk}-received")
    assert mail.to == [admin_user.email] and mail.reply_to == ["ezra@example.com"]
    assert mail.subject == "New artist application from Ezra Hartmann as “Ezra Ink”"
    assert ABOUT in mail.text and f"/cms/artist-applications/edit/{application.pk}/" in mail.text
    # Sending again while it waits makes no second application.
    client.post("/studio/apply/", {"name": "Ezra Again", "about": ABOUT})
    assert ArtistApplication.objects.filter(user=applicant).count() == 1


def test_a_too_short_application_is_shown_again_with_the_reason(client, applicant):
    client.force_login(applicant)
    response = client.post("/studio/apply/", {"name": "Ezra Ink", "about": "Art."})
    assert response.status_code == 400 and "at least 20 characters" in response.content.decode()
    assert not ArtistApplication.objects.exists()


def test_an_admin_approves_in_the_cms_and_the_applicants_studio_opens(client, applicant, admin_user, application):
    assert "What they sent" in _decide_page(client, admin_user, application)
    response = _decide(client, admin_user, application, "approve", "Welcome!")
    assert response.status_code == 302
    artist = Artist.objects.get(user=applicant)
    assert artist.name == "Ezra Ink" and artist.location == "Hamburg" and artist.partner.users.filter(
        pk=applicant.pk).exists()
    assert ArtistPage.objects.get(artist=artist).live
    application.refresh_from_db()
    assert (application.status, application.artist, application.decided_by) == ("approved", artist, admin_user)
    mail = OutboxMessage.objects.get(to=["ezra@example.com"], dedup_key__endswith="-approved")
    assert mail.subject == "Welcome to Artiqo: your studio is open" and "/studio/" in mail.text
    assert "Welcome!" in mail.text
    client.force_login(applicant)
    assert "Welcome to your studio, Ezra Ink" in client.get("/studio/").content.decode()
    assert client.get("/studio/apply/")["Location"] == "/studio/"
    # A decided application cannot be decided again.
    again = _decide(client, admin_user, application, "decline", "Changed my mind")
    assert again.status_code == 302 and again["Location"].endswith(f"/inspect/{application.pk}/")
    application.refresh_from_db()
    assert application.status == "approved"


def _decide_page(client, admin_user, application) -> str:
    client.force_login(admin_user)
    return client.get(f"/cms/artist-applications/edit/{application.pk}/").content.decode()


def test_declining_needs_a_reason_which_the_applicant_reads_before_applying_again(
        client, applicant, admin_user, application):
    without_reason = _decide(client, admin_user, application, "decline")
    assert without_reason.status_code == 200 and "Say why" in without_reason.content.decode()
    application.refresh_from_db()
    assert application.status == "pending"
    assert _decide(client, admin_user, application, "decline", "Please show us more of your work.").status_code == 302
    assert not Artist.objects.filter(user=applicant).exists()
    mail = OutboxMessage.objects.get(to=["ezra@example.com"], dedup_key__endswith="-declined")
    assert "Please show us more of your work." in mail.text and "/studio/apply/" in mail.text
    client.force_login(applicant)
    page = client.get("/studio/apply/").content.decode()
    assert "was not approved" in page and "Please show us more of your work." in page and "Apply again" in page
    client.post("/studio/apply/", {"name": "Ezra Ink", "about": ABOUT + " Portfolio attached."})
    assert ArtistApplication.objects.filter(user=applicant, status="pending").count() == 1


def test_only_admins_see_and_decide_applications(client, applicant, application, artist):
    for user in (applicant, artist.user):
        client.force_login(user)
        assert client.get("/cms/artist-applications/").status_code in (302, 403)
        client.post(f"/cms/artist-applications/edit/{application.pk}/", {"decision": "approve"})
    application.refresh_from_db()
    assert application.status == "pending" and not Artist.objects.filter(user=applicant).exists()


def test_a_buyer_applies_through_the_api(api_client, applicant, artist):
    assert api_client.post("/api/v1/studio/application", {"name": "X", "about": ABOUT}).status_code == 401
    client = client_for(applicant)
    assert client.get("/api/v1/studio/application").status_code == 404
    body = {"name": "Ezra Ink", "about": ABOUT, "vibe": "calm", "portfolio_url": "https://example.com/ezra"}
    created = client.post("/api/v1/studio/application", body, format="json")
    assert created.status_code == 201
    assert created.json()["status"] == "pending" and created.json()["vibe"] == "calm"
    assert client.post("/api/v1/studio/application", body, format="json").status_code == 409
    assert client.get("/api/v1/studio/application").json()["id"] == created.json()["id"]
    assert client_for(artist.user).post("/api/v1/studio/application", body, format="json").status_code == 409
    bad = client_for(make_buyer()).post("/api/v1/studio/application", {"name": "", "about": "short"}, format="json")
    assert bad.status_code == 400 and set(bad.json()["error"]["fields"]) == {"name", "about"}
