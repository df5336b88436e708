"""The reviews app's configuration: Oscar's, pointed at the fork, serving Artiqo's own review pages.

Oscar's pages (anonymous reviews, votes, a page per review) are not served: a review is
written from the artwork's page by a buyer whose order line of it was delivered or
collected, and shown on that page.
"""
from django.contrib.auth.decorators import login_required
from django.urls import path
from oscar.apps.catalogue.reviews import apps


def _catalogue_changed(sender=None, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    from artiqo.core.cache import CATALOGUE, cache_version_bump

    cache_version_bump(name=CATALOGUE)


class CatalogueReviewsConfig(apps.CatalogueReviewsConfig):
    name = "storefront.catalogue.reviews"
    # OSCAR_HIDDEN_FEATURES keeps hiding Oscar's review pages and dashboard; these are Artiqo's.
    hidable_feature_name = None

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from storefront.catalogue.reviews import views
        from storefront.catalogue.reviews.models import ProductReview

        # An artwork's page keeps its shown reviews in the cache (artiqo.core.cache): a new,
        # edited, answered, hidden or deleted review makes them read afresh.
        post_save.connect(_catalogue_changed, sender=ProductReview, dispatch_uid="reviews.catalogue-bump-save")
        post_delete.connect(_catalogue_changed, sender=ProductReview, dispatch_uid="reviews.catalogue-bump-delete")

        self.write_view = views.ReviewWriteView
        self.answer_view = views.ReviewAnswerView

    def get_urls(self):
        urls = [
            path("write/", login_required(self.write_view.as_view()), name="reviews-write"),
            path("<int:pk>/answer/", login_required(self.answer_view.as_view()), name="reviews-answer"),
        ]
        return self.post_process_urls(urls)
