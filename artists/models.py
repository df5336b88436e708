"""Artist identity (user + Oscar partner) and their Wagtail showcase pages."""
from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


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
        return context
