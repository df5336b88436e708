"""App configuration of the recommender (recommend/): dates wishlist adds as they happen."""
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

        post_save.connect(_wishlist_line_dated, sender=get_model("wishlists", "Line"),
                          dispatch_uid="recommend-wishlist-line-dated")
