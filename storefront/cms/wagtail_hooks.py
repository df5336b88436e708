"""Wagtail admin hooks of the CMS: catalogue choosers, and artists kept to their own showcase page.

Artists get Wagtail's owner-based right ("add" under /artists/), which lets them edit
the page they own and submit it for moderation; admins review, preview and publish.
That right would also let them create, copy, move or delete pages under /artists/,
which these hooks refuse.
"""
from django.core.exceptions import PermissionDenied
from wagtail import hooks

from storefront.cms.choosers import artist_chooser_viewset, artwork_chooser_viewset
from storefront.cms.services import ARTISTS_GROUP


def _is_artist_editor(user) -> bool:
    """An artist with no wider editing rights than their own page."""
    return (user.is_authenticated and not user.is_superuser
            and user.groups.filter(name=ARTISTS_GROUP).exists())


@hooks.register("register_admin_viewset")
def register_artwork_chooser():
    return artwork_chooser_viewset


@hooks.register("register_admin_viewset")
def register_artist_chooser():
    return artist_chooser_viewset


def _refuse_artists(request, *args, **kwargs):
    if _is_artist_editor(request.user):
        raise PermissionDenied("Artists can edit their own page only.")


for _hook in ("before_create_page", "before_delete_page", "before_copy_page", "before_move_page"):
    hooks.register(_hook, _refuse_artists)


@hooks.register("construct_explorer_page_queryset")
def show_artists_their_own_page(parent_page, pages, request):
    if _is_artist_editor(request.user):
        return pages.filter(owner=request.user)
    return pages
