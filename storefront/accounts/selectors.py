"""Reads about accounts: the admin's user list, one profile."""
from django.contrib.auth import get_user_model
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

User = get_user_model()


def user_list() -> QuerySet:
    """Every user, oldest first, marked `is_artist` in the same query."""
    # Through the artist's one-to-one relation by name: accounts sit below the artists
    # app and do not import it; the join adds at most one row per user.
    is_artist = ExpressionWrapper(Q(artist__isnull=False), output_field=BooleanField())
    return User.objects.annotate(is_artist=is_artist).order_by("pk")


def user_get(*, pk: int):
    return user_list().filter(pk=pk).first()
