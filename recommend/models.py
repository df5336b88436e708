"""What the recommender stores in the database: each artwork's dominant colours, when works went on wishlists."""
from django.db import models
from django.utils import timezone


class ArtworkColour(models.Model):
    """The colour histogram of an artwork's main image (see storefront.catalogue.colours).

    Computed at training time only for images not seen before: `source` records the image
    (row id and file) it came from, so a replaced image is analysed again, even under
    the same file name, and an unchanged one never.
    """

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, primary_key=True, related_name="recommend_colour"
    )
    source = models.CharField(max_length=300)  # "<ProductImage id>:<file name>"
    # COLOUR_BINS shares summing to 1; null when the file could not be read (not retried
    # until the image changes).
    histogram = models.JSONField(null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"colours of product {self.product_id}"


class WishlistLineAdded(models.Model):
    """When a work went on a wishlist: Oscar's wishlist line has no date of its own, and the
    wishlist's creation date would put every later add in the past (a leak into training
    and the time split). Recorded by a signal when a line is created (recommend.apps)."""

    line = models.OneToOneField("wishlists.Line", on_delete=models.CASCADE, primary_key=True,
                                related_name="recommend_added")
    date_added = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"wishlist line {self.line_id} added {self.date_added:%Y-%m-%d}"
