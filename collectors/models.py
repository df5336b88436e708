"""A buyer's favourites and follows, and what the follower digest already told them."""
from django.conf import settings
from django.db import models
from django.utils import timezone


class Favourite(models.Model):
    """A work a buyer hearted. `seen_*` is the work as the buyer was last told of it (price, for sale).

    A price below `seen_price`, or the work for sale again while `seen_available` is false,
    is a change worth one email; each email moves `seen_*` to the new state first.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="favourites")
    date_created = models.DateTimeField(default=timezone.now, db_index=True)
    seen_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    seen_available = models.BooleanField(default=True)

    class Meta:
        ordering = ["-date_created", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "product"], name="favourite_once_per_work")]

    def __str__(self):
        return f"{self.user_id} ♥ {self.product_id}"


class Follow(models.Model):
    """A buyer follows an artist: their new works come in the daily digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    artist = models.ForeignKey("artists.Artist", on_delete=models.CASCADE, related_name="followers")
    date_created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-date_created", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "artist"], name="follow_once_per_artist")]

    def __str__(self):
        return f"{self.user_id} follows {self.artist_id}"


class DigestOptOut(models.Model):
    """A follower who unsubscribed from the digest (by the signed link in it); follows stay."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_opt_out")
    date_created = models.DateTimeField(default=timezone.now)


class DigestedWork(models.Model):
    """A work a follower's digest listed: never listed to them again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")
    date_sent = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "product"], name="digested_once_per_work")]
