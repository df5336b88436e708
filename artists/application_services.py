"""Becoming an artist: a buyer applies, an admin approves (the studio opens) or declines; both sides are mailed.

Approval makes the artist exactly as every other artist is made (artists.services.artist_create
with the applicant's own account): an Oscar partner owning their stock, the Artist row and a
published showcase page they may edit. Every write locks the rows it decides on, so a
double click or two admins at once cannot decide an application twice.
"""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from artiqo.core.people import person_name
from artiqo.outbox.services import message_render_enqueue
from artists.emails import absolute_url
from artists.exceptions import Conflict
from artists.models import Artist, ArtistApplication, ArtistApplicationStatus
from artists.richtext import rich_text_from_plain
from artists.services import artist_create

User = get_user_model()

# Who is told about a new application: the admins who may decide it.
REVIEW_PERMISSION = "artists.change_artistapplication"
# Permissions live in Django's model backend (Oscar's email backend only logs people in).
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _clean(value: str, *, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


@transaction.atomic
def artist_application_submit(
    *, user, name: str, about: str, location: str = "", vibe=None, portfolio_url: str = "",
) -> ArtistApplication:
    """A buyer's application to sell on Artiqo; the admins who decide applications are mailed."""
    # Lock the applicant's row: two submits at once make one application, not two.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if Artist.objects.filter(user=user).exists():
        raise Conflict("You are an artist already: your studio is open.", code="application_exists")
    if ArtistApplication.objects.filter(user=user, status=ArtistApplicationStatus.PENDING).exists():
        raise Conflict("Your application is being reviewed; we will email you the answer.", code="application_exists")
    name, about = _clean(name, limit=120), (about or "").strip()
    errors = {}
    if not name:
        errors["name"] = ["Give the name your art should be shown under."]
    if len(about) < 20:
        errors["about"] = ["Tell us a little more about your art (a sentence or two)."]
    if errors:
        raise ValidationError(errors)
    application = ArtistApplication.objects.create(
        user=user, name=name, about=about, location=_clean(location, limit=120), vibe=vibe,
        portfolio_url=(portfolio_url or "").strip(),
    )
    reviewers = list(User.objects.with_perm(REVIEW_PERMISSION, include_superusers=True, backend=PERMISSION_BACKEND)
                     .filter(is_active=True).exclude(email="").values_list("email", flat=True).distinct())
    if reviewers:
        message_render_enqueue(
            to=sorted(reviewers),
            template="artist_application_received",
            context={"application": application, "applicant_name": person_name(user),
                     "review_url": absolute_url(reverse("artist_applications:edit", args=[application.pk]))},
            dedup_key=f"artist-application-{application.pk}-received",
            reply_to=[user.email] if user.email else None,
        )
    return application


def _pending_locked(application: ArtistApplication) -> ArtistApplication:
    locked = ArtistApplication.objects.select_for_update().select_related("user").get(pk=application.pk)
    if locked.status != ArtistApplicationStatus.PENDING:
        raise Conflict(f"This application was {locked.get_status_display().lower()} already.")
    return locked


def _decision_mail(application: ArtistApplication) -> None:
    if not application.user.email:
        return
    message_render_enqueue(
        to=[application.user.email],
        template="artist_application_decided",
        context={"application": application, "applicant_name": person_name(application.user),
                 "approved": application.status == ArtistApplicationStatus.APPROVED,
                 "studio_url": absolute_url(reverse("studio:dashboard")),
                 "apply_url": absolute_url(reverse("studio:apply"))},
        dedup_key=f"artist-application-{application.pk}-{application.status}",
    )


@transaction.atomic
def artist_application_approve(*, application: ArtistApplication, admin, note: str = "") -> Artist:
    """Approve: the applicant becomes an artist (partner, showcase page) and is mailed that their studio is open."""
    application = _pending_locked(application)
    user = application.user
    if Artist.objects.filter(user=user).exists():
        raise Conflict(f"{person_name(user)} is an artist already.")
    # What they told us about their art starts their page's bio; they edit it in the studio.
    artist = artist_create(
        name=application.name, email=user.email, user=user, location=application.location, vibe=application.vibe,
        bio=rich_text_from_plain(application.about),
    )
    application.status = ArtistApplicationStatus.APPROVED
    application.decision_note = (note or "").strip()
    application.decided_by, application.decided_at, application.artist = admin, timezone.now(), artist
    application.save(update_fields=["status", "decision_note", "decided_by", "decided_at", "artist"])
    _decision_mail(application)
    return artist


@transaction.atomic
def artist_application_decline(*, application: ArtistApplication, admin, note: str) -> ArtistApplication:
    """Decline, saying why (the applicant reads it and may apply again)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"decision_note": ["Say why, in a sentence the applicant will read."]})
    application = _pending_locked(application)
    application.status = ArtistApplicationStatus.DECLINED
    application.decision_note = note
    application.decided_by, application.decided_at = admin, timezone.now()
    application.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    _decision_mail(application)
    return application
