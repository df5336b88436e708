"""Reads the API composes: the admin's user list, a profile."""
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet

from artists.models import Artist

User = get_user_model()


def user_list() -> QuerySet:
    """Every user, oldest first, marked `is_artist` in the same query."""
    return User.objects.annotate(is_artist=Exists(Artist.objects.filter(user=OuterRef("pk")))).order_by("pk")


def user_get(*, pk: int):
    return user_list().filter(pk=pk).first()
