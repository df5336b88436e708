"""StreamField blocks for editorial sections that show catalogue artworks and artists.

Chosen works are loaded for the whole page at once (Wagtail converts all values of a
block type in one `bulk_to_python` call), and sold works drop out when the section is
rendered or served by the API: the editor's choice is kept, the page never lists a
work nobody can buy.
"""
from __future__ import annotations

import copy

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from storefront.catalogue.models import Medium
from storefront.cms.choosers import artist_chooser_viewset, artwork_chooser_viewset
from storefront.cms.selectors import (
    RULE_ORDERINGS,
    artists_in_bulk,
    artworks_available,
    artworks_by_rule,
    artworks_in_bulk,
)
from storefront.cms.serializers import artist_cards, artwork_cards


def _in_order(values, objects: dict) -> list:
    # Same order as chosen, None for a deleted object, a distinct instance per repeat.
    seen, result = set(), []
    for pk in values:
        obj = objects.get(pk)
        if obj is not None and pk in seen:
            obj = copy.copy(obj)
        result.append(obj)
        seen.add(pk)
    return result


class ArtworkChooserBlock(artwork_chooser_viewset.get_block_class(name="BaseArtworkChooserBlock",
                                                                  module_path="storefront.cms.blocks")):
    """One artwork from the catalogue, loaded with its price, stock and images."""

    def bulk_to_python(self, values):
        return _in_order(values, artworks_in_bulk(list(values)))

    def to_python(self, value):
        return self.bulk_to_python([value])[0] if value is not None else None

    def get_api_representation(self, value, context=None):
        chosen = artworks_available([value])
        return artwork_cards(chosen, request=(context or {}).get("request"))[0] if chosen else None

    class Meta:
        icon = "image"


class ArtistChooserBlock(artist_chooser_viewset.get_block_class(name="BaseArtistChooserBlock",
                                                                module_path="storefront.cms.blocks")):
    """One artist, loaded with their page and how many works they have for sale."""

    def bulk_to_python(self, values):
        return _in_order(values, artists_in_bulk(list(values)))

    def to_python(self, value):
        return self.bulk_to_python([value])[0] if value is not None else None

    def get_api_representation(self, value, context=None):
        return artist_cards([value], request=(context or {}).get("request"))[0] if value is not None else None

    class Meta:
        icon = "user"


class _SectionBlock(blocks.StructBlock):
    """A heading and an optional text, then `items(value)` shown as cards made by `make_cards`."""

    heading = blocks.CharBlock(max_length=120, help_text="The section's title, e.g. “New this week”.")
    text = blocks.TextBlock(required=False, help_text="An optional sentence under the heading.")
    make_cards = staticmethod(artwork_cards)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = self.items(value)
        return context

    def get_api_representation(self, value, context=None):
        return {"heading": value["heading"], "text": value["text"],
                "items": self.make_cards(self.items(value), request=(context or {}).get("request"))}


class ArtworksSectionBlock(_SectionBlock):
    """Works an editor picks by hand; sold ones drop out by themselves."""

    artworks = blocks.ListBlock(ArtworkChooserBlock(), min_num=1, help_text="Pick the works, in the order shown.")

    def items(self, value) -> list:
        return artworks_available(value["artworks"])

    class Meta:
        icon = "image"
        label = "Artworks (picked by hand)"
        template = "cms/blocks/artworks_section.html"


def vibe_choices() -> list[tuple[str, str]]:
    from storefront.catalogue.models import Vibe

    return [("", "Any vibe")] + [(vibe.slug, vibe.name) for vibe in Vibe.objects.all()]


class ArtworkRuleSectionBlock(_SectionBlock):
    """Works chosen by a rule, e.g. “dreamy works under 300”: always up to date, featured first."""

    vibe = blocks.ChoiceBlock(choices=vibe_choices, required=False)
    medium = blocks.ChoiceBlock(choices=[("", "Any medium"), *Medium.choices], required=False)
    max_price = blocks.DecimalBlock(required=False, min_value=0, decimal_places=2,
                                    help_text="Only works at or under this price (shop currency).")
    ordering = blocks.ChoiceBlock(choices=RULE_ORDERINGS, default="newest")
    limit = blocks.IntegerBlock(default=8, min_value=1, max_value=48, help_text="How many works to show.")

    def items(self, value) -> list:
        return list(artworks_by_rule(vibe=value["vibe"], medium=value["medium"], max_price=value["max_price"],
                                     ordering=value["ordering"], limit=value["limit"]))

    class Meta:
        icon = "list-ul"
        label = "Artworks (by rule)"
        template = "cms/blocks/artworks_section.html"


class ArtistsSectionBlock(_SectionBlock):
    """Artists an editor picks, with their page and vibe."""

    artists = blocks.ListBlock(ArtistChooserBlock(), min_num=1, help_text="Pick the artists, in the order shown.")
    make_cards = staticmethod(artist_cards)

    def items(self, value) -> list:
        return [artist for artist in value["artists"] if artist is not None]

    class Meta:
        icon = "group"
        label = "Artists"
        template = "cms/blocks/artists_section.html"


class FeaturedSectionBlock(_SectionBlock):
    """The works featured right now (editorial and paid features), wherever the editor places it."""

    limit = blocks.IntegerBlock(default=8, min_value=1, max_value=48)

    def items(self, value) -> list:
        from storefront.catalogue.selectors import featured_artwork_list

        return list(featured_artwork_list(limit=value["limit"]))

    class Meta:
        icon = "pick"
        label = "Featured works"
        template = "cms/blocks/artworks_section.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    label = blocks.CharBlock(max_length=40, help_text="The button's words, e.g. “Browse the shop”.")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(required=False, help_text="Used when no page is chosen, e.g. /shop/catalogue/.")

    class Meta:
        icon = "link"
        template = "cms/blocks/call_to_action.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"


class _TextBlocks(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, form_classname="title", icon="title",
                               template="cms/blocks/heading.html")
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul", "h3", "h4"])
    image = ImageBlock()
    quote = blocks.BlockQuoteBlock()
    call_to_action = CallToActionBlock()


class _CatalogueBlocks(blocks.StreamBlock):
    artworks = ArtworksSectionBlock()
    artworks_by_rule = ArtworkRuleSectionBlock()
    artists = ArtistsSectionBlock()
    featured = FeaturedSectionBlock()


class HomeStreamBlock(_CatalogueBlocks, _TextBlocks):
    """The home page's editorial sections: catalogue sections first in the editor's menu."""


class EditorialStreamBlock(_TextBlocks, _CatalogueBlocks):
    """An editorial page's body: text and images, with catalogue sections where useful."""
