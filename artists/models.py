"""Artist identity (user + Oscar partner), their Wagtail showcase pages, and applications to become one."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from artiqo.core.people import person_name


class Artist(models.Model):
    """A person who sells art: one user account, one Oscar partner (owner of the stock)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="artist")
    partner = models.OneToOneField("partner.Partner", on_delete=models.PROTECT, related_name="artist")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    location = models.CharField(max_length=120, blank=True)
    vibe = models.ForeignKey(
        "catalogue.Vibe", null=True, blank=True, on_delete=models.SET_NULL, related_name="artists",
        help_text="The vibe the artist's work is known for",
    )
    accepts_commissions = models.BooleanField(default=True)
    turnaround_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    commission_slots = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="How many special orders the artist takes at once (empty: no limit); when full, buyers wait in line",
    )
    date_joined = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return f"/artists/{self.slug}/"


class ArtistIndexPage(Page):
    """`/artists/`: every artist, with their signature vibe and a few works."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["artists.ArtistPage"]
    max_count = 1
    api_fields = [APIField("intro")]

    def get_context(self, request, *args, **kwargs):
        from artists.selectors import artist_list

        context = super().get_context(request, *args, **kwargs)
        context["artists"] = artist_list()
        return context


class ArtistPage(Page):
    """An artist's showcase: portrait, bio, statement, and their available art."""

    artist = models.OneToOneField(Artist, on_delete=models.PROTECT, related_name="page")
    portrait = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = RichTextField(blank=True)
    statement = models.TextField(blank=True, help_text="The artist's statement, in their words")

    content_panels = Page.content_panels + [
        FieldPanel("portrait"),
        FieldPanel("bio"),
        FieldPanel("statement"),
    ]
    parent_page_types = ["artists.ArtistIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("bio"), index.SearchField("statement")]
    api_fields = [
        APIField("artist_id"),
        APIField("portrait"),
        APIField("bio"),
        APIField("statement"),
        APIField("location"),
    ]

    @property
    def location(self) -> str:
        return self.artist.location

    @cached_property
    def artworks(self):
        from storefront.catalogue.selectors import artwork_list

        return artwork_list(artist_id=self.artist_id, available=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["artist"] = self.artist
        context["artworks"] = self.artworks[:60]
        # The "commission a work" link, only for artists who take commissions.
        context["commission_url"] = self.commission_url
        # The average of the verified reviews of all their works (one query).
        from storefront.catalogue.reviews.selectors import artist_rating

        context["artist_rating"] = artist_rating(artist_id=self.artist_id)
        return context

    @property
    def commission_url(self) -> str:
        if not self.artist.accepts_commissions:
            return ""
        return reverse("special_orders:new", args=[self.artist.slug])


class ArtistApplicationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class ArtistApplication(models.Model):
    """A signed-in buyer asks to sell on Artiqo; an admin approves it in the CMS (their studio opens) or declines it.

    Only pending applications can be decided, once; a declined applicant may apply again.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="artist_applications",
                             verbose_name="Applicant")
    name = models.CharField("Artist name", max_length=120, help_text="The name shown on their page and works.")
    location = models.CharField(max_length=120, blank=True, help_text="Where they work, e.g. “Bergen, Norway”.")
    vibe = models.ForeignKey("catalogue.Vibe", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             help_text="The vibe their work is known for.")
    about = models.TextField("About their art", help_text="What they make, how, and since when.")
    portfolio_url = models.URLField("Portfolio", blank=True, help_text="A website or profile showing their work.")
    status = models.CharField(max_length=10, choices=ArtistApplicationStatus.choices,
                              default=ArtistApplicationStatus.PENDING, db_index=True)
    decision_note = models.TextField("Note to the applicant", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    artist = models.OneToOneField(Artist, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="application", help_text="The artist made on approval.")
    created_at = models.DateTimeField("Sent", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.get_status_display().lower()})"

    @property
    def applicant_name(self) -> str:
        return person_name(self.user)


class Certificate(models.Model):
    """A certificate of authenticity for one sold copy of a work: an original (1 of 1) or one edition print.

    Issued when the order is paid, in sale order: the work's row is locked while the next free
    number is taken, and the database refuses two valid certificates with one number of one
    work (`held_number` is the number while the certificate is valid, NULL once revoked, so a
    refunded print's number can go to its next buyer). The work's facts are copied at sale, so
    later edits of the listing do not change what was certified. `code` (≥ 128 random bits,
    `secrets.token_urlsafe`) is the public verify link's key and cannot be guessed.
    """

    code = models.CharField(max_length=43, unique=True)
    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="certificates")
    unit = models.PositiveSmallIntegerField(default=1, help_text="Which copy of the order line (1 … quantity)")
    artwork = models.ForeignKey("catalogue.Product", on_delete=models.PROTECT, related_name="certificates")
    artist = models.ForeignKey(Artist, on_delete=models.PROTECT, related_name="certificates")
    edition_number = models.PositiveIntegerField()
    edition_size = models.PositiveIntegerField(help_text="1 for an original")
    held_number = models.PositiveIntegerField(null=True, blank=True, editable=False,
                                              help_text="The edition number while valid; empty once revoked")
    title = models.CharField(max_length=255)
    artist_name = models.CharField(max_length=120)
    medium = models.CharField(max_length=80, blank=True)
    dimensions = models.CharField(max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    sold_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["artwork_id", "edition_number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["line", "unit"], name="certificate_one_per_copy"),
            models.UniqueConstraint(fields=["artwork", "held_number"], name="certificate_edition_number_once"),
        ]

    def __str__(self):
        return f"{self.title} — {self.edition_label}"

    @property
    def is_original(self) -> bool:
        return self.edition_size == 1 and self.edition_number == 1

    @property
    def edition_label(self) -> str:
        return "Original, one of a kind" if self.is_original else f"{self.edition_number} of {self.edition_size}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", args=[self.code])

    @property
    def pdf_url(self) -> str:
        return reverse("certificates:pdf", args=[self.code])
