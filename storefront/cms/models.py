"""Wagtail page types of the storefront: the curated home page, editorial pages, collections."""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from storefront.catalogue.models import Medium
from storefront.cms.blocks import ArtworkChooserBlock, EditorialStreamBlock, HomeStreamBlock
from storefront.cms.selectors import RULE_ORDERINGS, artworks_available, artworks_by_rule
from storefront.cms.serializers import ArtworkCardsField

EDITORIAL_PAGE_TYPES = ["cms.EditorialPage", "cms.CollectionPage"]


def _image_field(help_text: str) -> models.ForeignKey:
    return models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", help_text=help_text)


HERO_DEFAULTS = {
    "hero_eyebrow": "Local art, each with its own vibe",
    "hero_title": "Find the piece that feels like you.",
    "hero_text": "Original drawings, paintings and small editions, straight from the artists who made them. "
                 "Browse by mood, meet the makers, or commission something of your own.",
    "hero_cta_label": "Browse available art",
    "hero_cta_url": "/shop/catalogue/?available=1",
}


class HomePage(Page):
    """The site root: a hero, the featured works, then the editors' sections from the catalogue."""

    intro = RichTextField(blank=True)
    # The defaults are the words a new site opens with; editors change them in the CMS.
    hero_eyebrow = models.CharField("Small line above", max_length=80, blank=True,
                                    default=HERO_DEFAULTS["hero_eyebrow"],
                                    help_text="A short line above the big one. Leave empty for none.")
    hero_title = models.CharField(max_length=120, blank=True, default=HERO_DEFAULTS["hero_title"],
                                  help_text="The big line at the top of the page.")
    hero_text = models.TextField(blank=True, default=HERO_DEFAULTS["hero_text"],
                                 help_text="A sentence or two under it.")
    hero_image = _image_field("A wide picture behind the hero (at least 1600 × 700 pixels).")
    hero_cta_label = models.CharField("Button label", max_length=40, blank=True,
                                      default=HERO_DEFAULTS["hero_cta_label"],
                                      help_text="e.g. “Browse the shop”. Leave empty for no button.")
    hero_cta_url = models.CharField("Button link", max_length=200, blank=True, default=HERO_DEFAULTS["hero_cta_url"],
                                    help_text="Where the button goes, e.g. /shop/catalogue/.")
    show_featured = models.BooleanField("Show the featured section", default=True,
                                        help_text="Works featured right now (editorial and paid), after the hero.")
    featured_heading = models.CharField(max_length=120, default="Featured works")
    body = StreamField(HomeStreamBlock(), blank=True,
                       help_text="Sections of the page: picked works, works by rule, artists, text.")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_eyebrow"), FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image"),
             FieldRowPanel([FieldPanel("hero_cta_label"), FieldPanel("hero_cta_url")])],
            heading="Hero",
        ),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("show_featured"), FieldPanel("featured_heading")], heading="Featured works"),
        FieldPanel("body"),
    ]
    subpage_types = ["artists.ArtistIndexPage", *EDITORIAL_PAGE_TYPES]
    max_count = 1
    search_fields = Page.search_fields + [index.SearchField("hero_title"), index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        APIField("hero_eyebrow"),
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("hero_image"),
        APIField("hero_image_wide", serializer=ImageRenditionField("fill-1600x700", source="hero_image")),
        APIField("hero_cta_label"),
        APIField("hero_cta_url"),
        APIField("show_featured"),
        APIField("featured_heading"),
        APIField("featured_artworks", serializer=ArtworkCardsField(method="featured_artworks")),
        APIField("body"),
    ]

    def featured_artworks(self) -> list:
        """The featured works for sale now, as many as the marketplace settings say (none if hidden)."""
        from storefront.billing.selectors import marketplace_settings
        from storefront.catalogue.selectors import featured_artwork_list

        if not self.show_featured:
            return []
        return list(featured_artwork_list(limit=marketplace_settings().home_featured_count))

    def get_context(self, request, *args, **kwargs):
        from storefront.catalogue.selectors import artwork_list, vibe_list

        context = super().get_context(request, *args, **kwargs)
        # Lazy: the page's cached fragment (home_page.html) usually needs none of these.
        context["featured_artworks"] = SimpleLazyObject(self.featured_artworks)
        context["newest_artworks"] = SimpleLazyObject(lambda: list(artwork_list(available=True)[:12]))
        context["vibes"] = vibe_list()
        return context


class EditorialPage(Page):
    """A simple page an editor writes: about, how it works, a story; text with catalogue sections."""

    intro = models.TextField(blank=True, help_text="A short lead paragraph.")
    body = StreamField(EditorialStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.EditorialPage"]
    subpage_types = EDITORIAL_PAGE_TYPES
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]


class CollectionSelection(models.TextChoices):
    HAND = "hand", "Picked by hand"
    RULE = "rule", "By rule (vibe, medium, price)"


class CollectionPage(Page):
    """A themed collection: works picked by hand, or chosen by a rule such as “dreamy works under 300”."""

    intro = RichTextField(blank=True)
    hero_image = _image_field("Optional picture at the top of the collection.")
    selection = models.CharField(max_length=4, choices=CollectionSelection.choices, default=CollectionSelection.RULE,
                                 help_text="Pick the works yourself, or let a rule keep the collection up to date.")
    picked_artworks = StreamField([("artwork", ArtworkChooserBlock())], blank=True,
                                  help_text="The works, in the order shown (when picked by hand).")
    rule_vibe = models.ForeignKey("catalogue.Vibe", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name="Vibe")
    rule_medium = models.CharField("Medium", max_length=20, choices=Medium.choices, blank=True)
    rule_max_price = models.DecimalField("Price up to", max_digits=12, decimal_places=2, null=True, blank=True,
                                         help_text="In the shop's currency, e.g. 300.")
    rule_ordering = models.CharField("Order", max_length=12, choices=RULE_ORDERINGS, default="newest")
    limit = models.PositiveSmallIntegerField(default=24, help_text="The most works shown (rule only).")

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("selection"),
        FieldPanel("picked_artworks"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("rule_vibe"), FieldPanel("rule_medium"), FieldPanel("rule_max_price")]),
             FieldRowPanel([FieldPanel("rule_ordering"), FieldPanel("limit")])],
            heading="Rule",
        ),
    ]
    parent_page_types = ["cms.HomePage", "cms.EditorialPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        APIField("hero_image"),
        APIField("hero_image_wide", serializer=ImageRenditionField("fill-1600x700", source="hero_image")),
        APIField("selection"),
        APIField("rule_vibe_slug"),
        APIField("rule_medium"),
        APIField("rule_max_price"),
        APIField("artworks", serializer=ArtworkCardsField(method="get_artworks")),
    ]

    def clean(self):
        super().clean()
        if self.selection == CollectionSelection.RULE and not (
                self.rule_vibe_id or self.rule_medium or self.rule_max_price is not None):
            raise ValidationError({"selection": "Give the rule at least a vibe, a medium or a price."})
        if self.limit is not None and not 1 <= self.limit <= 96:
            raise ValidationError({"limit": "Show between 1 and 96 works."})

    @property
    def rule_vibe_slug(self) -> str:
        return self.rule_vibe.slug if self.rule_vibe_id else ""

    def get_artworks(self) -> list:
        """The collection's works for sale now (sold ones drop out), in a constant number of queries."""
        if self.selection == CollectionSelection.HAND:
            return artworks_available(block.value for block in self.picked_artworks)
        return list(artworks_by_rule(vibe=self.rule_vibe_slug, medium=self.rule_medium,
                                     max_price=self.rule_max_price, ordering=self.rule_ordering, limit=self.limit))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["artworks"] = self.get_artworks()
        return context
