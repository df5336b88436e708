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
