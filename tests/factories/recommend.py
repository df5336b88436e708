"""Builders for recommender signals: dated orders, views and wishlist adds, editions, trained models."""
from datetime import timedelta

from django.utils import timezone
from oscar.core.loading import get_model

from storefront.catalogue.models import ArtworkKind
from tests.factories.catalogue import make_artwork
from tests.factories.orders import make_order

Order = get_model("order", "Order")
BasketLine = get_model("basket", "Line")
Product = get_model("catalogue", "Product")
UserProductView = get_model("analytics", "UserProductView")
WishList = get_model("wishlists", "WishList")
WishListLine = get_model("wishlists", "Line")


def make_edition(artist=None, **kwargs):
    """A limited edition (ten prints): several buyers can buy the same work."""
    kwargs.setdefault("with_image", False)
    return make_artwork(artist, kind=ArtworkKind.EDITION, edition_size=kwargs.pop("edition_size", 10), **kwargs)


def make_dated_order(user, *artworks, days_ago: float = 0):
    """An order placed `days_ago`, its cart adds dated the same (as if bought on that day)."""
    order = make_order(user, *artworks)
    when = timezone.now() - timedelta(days=days_ago)
    Order.objects.filter(pk=order.pk).update(date_placed=when)
    BasketLine.objects.filter(basket_id=order.basket_id).update(date_created=when)
    return order


def make_view(user, artwork, *, days_ago: float = 0):
    view = UserProductView.objects.create(user=user, product=artwork)
    UserProductView.objects.filter(pk=view.pk).update(date_created=timezone.now() - timedelta(days=days_ago))
    return view


def make_wishlist_add(user, artwork):
    wishlist, _ = WishList.objects.get_or_create(owner=user, defaults={"name": "Default"})
    return WishListLine.objects.create(wishlist=wishlist, product=artwork, title=artwork.title)


def list_all_before(*, days_ago: float) -> None:
    """Backdate every work's listing date (works made in a test are otherwise listed "now")."""
    Product.objects.update(date_created=timezone.now() - timedelta(days=days_ago))


def withdraw(artwork) -> None:
    Product.objects.filter(pk=artwork.pk).update(is_public=False)
