"""App configuration of the recommender (recommend/): dates wishlist adds as they happen, and fills
the visitor's picks in pages kept for visitors (artiqo.core.pages)."""
from django.apps import AppConfig
from django.db.models.signals import post_save


def _wishlist_line_dated(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from recommend.models import WishlistLineAdded

        WishlistLineAdded.objects.get_or_create(line_id=instance.pk)


class RecommendConfig(AppConfig):
    name = "recommend"
    verbose_name = "Recommendations"

    def ready(self):
        from oscar.core.loading import get_model

        from artiqo.core.pages import page_hole_register
        from recommend.templatetags.recommend_tags import VISITOR_PICKS, visitor_picks_html

        post_save.connect(_wishlist_line_dated, sender=get_model("wishlists", "Line"),
                          dispatch_uid="recommend-wishlist-line-dated")
        # A page served from the cache fills this hole without loading the tag library.
        page_hole_register(VISITOR_PICKS, visitor_picks_html)
