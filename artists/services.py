"""Writes about artists: create an artist account with its partner and showcase page; edit the showcase;
applications to become an artist (a buyer applies, an admin approves or declines).

Approval makes the artist exactly as every other artist is made (`artist_create` with the
applicant's own account): an Oscar partner owning their stock, the Artist row and a
published showcase page they may edit. Every application write locks the rows it decides
on, so a double click or two admins at once cannot decide an application twice; both
sides are mailed.
"""
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from oscar.core.loading import get_model
from wagtail.images import get_image_model

from artiqo.core.links import absolute_url
from artiqo.core.people import person_name
from artiqo.outbox.services import message_render_enqueue
from artists.exceptions import Conflict, NotFound
from artists.models import (
    Artist,
    ArtistApplication,
    ArtistApplicationStatus,
    ArtistIndexPage,
    ArtistPage,
    Certificate,
)
from artists.richtext import rich_text_from_plain

Partner = get_model("partner", "Partner")
User = get_user_model()

# The artists' index page hangs below the home page, which the CMS (a floor above) owns:
# it registers how to build that page tree from its AppConfig.ready().
_site_tree_builders: list = []


def site_tree_builder_register(*, builder) -> None:
    """`builder()` makes the page tree the artists' index hangs from (called when there is no index)."""
    _site_tree_builders[:] = [builder]


def _unique_slug(name: str) -> str:
    base = slugify(name)[:100] or "artist"
    slug, n = base, 2
    while Artist.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def artist_create(
    *,
    name: str,
    email: str,
    username: str | None = None,
    password: str | None = None,
    user=None,
    location: str = "",
    vibe=None,
    bio: str = "",
    statement: str = "",
    accepts_commissions: bool = True,
    turnaround_weeks: int | None = None,
    publish_page: bool = True,
) -> Artist:
    """An artist: their user (new or given), an Oscar partner owning their stock, a page."""
    if user is None:
        user = User.objects.create_user(username=username or email, email=email, password=password)
        first, _, last = name.partition(" ")
        user.first_name, user.last_name = first[:150], last[:150]
        user.save(update_fields=["first_name", "last_name"])
    partner = Partner.objects.create(name=name)
    partner.users.add(user)
    artist = Artist.objects.create(
        user=user,
        partner=partner,
        name=name,
        slug=_unique_slug(name),
        location=location,
        vibe=vibe,
        accepts_commissions=accepts_commissions,
        turnaround_weeks=turnaround_weeks,
    )
    index = ArtistIndexPage.objects.first()
    if index is None:
        for build in _site_tree_builders:
            build()
        index = ArtistIndexPage.objects.get()
    page = ArtistPage(
        title=name, slug=artist.slug, artist=artist, bio=bio, statement=statement, live=publish_page, owner=user
    )
    index.add_child(instance=page)
    return artist


def artist_showcase_update(
    *,
    artist: Artist,
    user,
    bio: str,
    statement: str,
    location: str,
    accepts_commissions: bool,
    turnaround_weeks: int | None,
    portrait: bytes | None = None,
) -> ArtistPage:
    """The artist's own edit of their showcase: texts, portrait, and whether they take commissions.

    The page change is published as a Wagtail revision by the artist (a page an editor
    unpublished stays a draft); a portrait is checked and re-encoded like artwork images.
    """
    from storefront.catalogue.images import image_prepare, stored_file_register, stored_files_guard

    if turnaround_weeks is not None and not 1 <= turnaround_weeks <= 104:
        raise ValidationError({"turnaround_weeks": ["Give a turnaround of 1 to 104 weeks."]})
    prepared = image_prepare(data=portrait, name=f"{artist.slug}-portrait") if portrait else None
    with stored_files_guard(), transaction.atomic():
        artist.location = location.strip()[:120]
        artist.accepts_commissions = accepts_commissions
        artist.turnaround_weeks = turnaround_weeks
        artist.save(update_fields=["location", "accepts_commissions", "turnaround_weeks"])
        page = ArtistPage.objects.filter(artist=artist).first()
        if page is None:
            raise NotFound("You have no showcase page yet; write to us and we will set it up.")
        page.bio = rich_text_from_plain(bio)
        page.statement = statement.strip()
        if prepared is not None:
            image = get_image_model()(title=f"{artist.name} (portrait)", uploaded_by_user=user)
            image.file.save(prepared.full.name, prepared.full, save=False)
            stored_file_register(image.file)
            image.save()
            page.portrait = image
        revision = page.save_revision(user=user, log_action=True)
        if page.live:
            # Artists have no CMS publishing rights; owning the page is their permission here.
            revision.publish(user=user, skip_permission_checks=True)
    return page


# Becoming an artist: a buyer applies, an admin decides.

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


# --- Certificates of authenticity -------------------------------------------------------------

CERTIFICATE_CODE_BYTES = 16  # 128 random bits: far past guessing, 22 characters in a URL


def _certificate_code() -> str:
    import secrets

    return secrets.token_urlsafe(CERTIFICATE_CODE_BYTES)


def _dimensions(artwork) -> str:
    """"30 × 40.5 cm", without the trailing zeros a decimal column keeps."""
    if artwork.width_cm is None or artwork.height_cm is None:
        return ""
    return f"{artwork.width_cm.normalize():f} × {artwork.height_cm.normalize():f} cm"


def _next_edition_number(*, artwork, size: int) -> int:
    """The lowest number of the edition no valid certificate holds (sale order); past the size only if
    every number is held (a print sold beyond its edition is still certified, never twice)."""
    held = set(Certificate.objects.filter(artwork=artwork, held_number__isnull=False)
               .values_list("held_number", flat=True))
    for number in range(1, size + 1):
        if number not in held:
            return number
    return max(held, default=0) + 1


def certificates_issue(*, order) -> list:
    """Certify every sold copy of the order's works (once: a repeated call issues nothing new).

    Each work's row is locked while its next number is taken, so concurrent sales of one
    edition number their prints in the order they commit, and the unique constraint on
    (work, held number) is the last line should anything else write certificates.
    """
    Line = get_model("order", "Line")
    issued = []
    lines = Line.objects.filter(order=order, product__isnull=False, product__artist__isnull=False) \
        .select_related("product", "product__artist").order_by("pk")
    for line in lines:
        # SQLite has no row locks: two issuers may pick one number, and the constraint refuses the
        # second, which then takes the next number (on MariaDB the lock makes this never happen).
        for attempt in range(3):
            try:
                issued.extend(_line_certify(line))
                break
            except IntegrityError:
                if attempt == 2:
                    raise
    return issued


def _line_certify(line) -> list:
    """Certify the line's copies not yet certified, under the lock of the work's row."""
    Product = get_model("catalogue", "Product")
    issued = []
    with transaction.atomic():
        artwork = Product.objects.select_for_update().select_related("artist").get(pk=line.product_id)
        have = set(Certificate.objects.filter(line=line).values_list("unit", flat=True))
        size = 1 if artwork.is_original else max(int(artwork.edition_size or 1), 1)
        for unit in range(1, line.quantity + 1):
            if unit in have:
                continue
            number = _next_edition_number(artwork=artwork, size=size)
            issued.append(Certificate.objects.create(
                code=_certificate_code(), line=line, unit=unit, artwork=artwork, artist=artwork.artist,
                edition_number=number, edition_size=size, held_number=number,
                title=artwork.title[:255], artist_name=artwork.artist.name[:120],
                medium=artwork.get_medium_display() if artwork.medium else "",
                dimensions=_dimensions(artwork), year=artwork.year, sold_at=timezone.now(),
            ))
    return issued


def certificates_revoke(*, order, reason: str) -> int:
    """Revoke the order's valid certificates (a refunded sale); their numbers become free again."""
    return Certificate.objects.filter(line__order=order, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:200], held_number=None,
    )


def certificates_follow_refund(*, payment) -> int:
    """A payment refunded in full revokes the certificates of its order (a partial refund keeps them)."""
    # The signal's instance may predate the refund it announces: read the refunded total afresh.
    payment = type(payment).objects.select_related("order").get(pk=payment.pk)
    if not payment.order_id or payment.amount_refunded < payment.amount:
        return 0
    return certificates_revoke(order=payment.order, reason="The sale was refunded.")


def certificates_issue_missing(*, days: int = 30) -> int:
    """Issue what a failed signal left out: paid orders of the last `days` with works not yet certified."""
    import datetime

    from storefront.order import statuses

    Order = get_model("order", "Order")
    since = timezone.now() - datetime.timedelta(days=days)
    orders = Order.objects.filter(status__in=statuses.SOLD, date_placed__gte=since,
                                  lines__product__artist__isnull=False, lines__certificates__isnull=True).distinct()
    return sum(len(certificates_issue(order=order)) for order in orders)


def certificates_issue_bulk(*, order_ids) -> int:
    """Certify, in bulk, the sold copies of these orders that have none yet (the demo's history).

    Numbers follow the order of sale (the order's date, then its id) per work, after the numbers
    already held; the same rows `certificates_issue` writes one sale at a time.
    """
    Line = get_model("order", "Line")
    lines = list(Line.objects.filter(order_id__in=order_ids, product__isnull=False,
                                     product__artist__isnull=False, certificates__isnull=True)
                 .select_related("product", "product__artist", "order")
                 .order_by("order__date_placed", "order_id", "pk"))
    held: dict[int, int] = dict(
        Certificate.objects.filter(artwork_id__in={line.product_id for line in lines}, held_number__isnull=False)
        .values_list("artwork_id").annotate(top=models.Max("held_number")).values_list("artwork_id", "top"))
    rows = []
    for line in lines:
        artwork = line.product
        size = 1 if artwork.is_original else max(int(artwork.edition_size or 1), 1)
        for unit in range(1, line.quantity + 1):
            number = held.get(artwork.pk, 0) + 1
            held[artwork.pk] = number
            rows.append(Certificate(
                code=_certificate_code(), line=line, unit=unit, artwork=artwork, artist=artwork.artist,
                edition_number=number, edition_size=size, held_number=number, title=artwork.title[:255],
                artist_name=artwork.artist.name[:120], medium=artwork.get_medium_display() if artwork.medium else "",
                dimensions=_dimensions(artwork), year=artwork.year, sold_at=line.order.date_placed,
            ))
    Certificate.objects.bulk_create(rows, batch_size=900)
    return len(rows)
