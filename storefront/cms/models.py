"""Wagtail page types of the storefront: the home page an editor curates."""
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site root: a hero, then the newest and curated art from the catalogue."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["artists.ArtistIndexPage"]
    max_count = 1
    api_fields = [APIField("intro")]

    def get_context(self, request, *args, **kwargs):
        from storefront.catalogue.selectors import artwork_list, vibe_list

        context = super().get_context(request, *args, **kwargs)
        context["newest_artworks"] = artwork_list(available=True)[:12]
        context["vibes"] = vibe_list()
        return context
