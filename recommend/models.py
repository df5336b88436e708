"""What the recommender stores in the database: each artwork's dominant colours, computed once."""
from django.db import models


class ArtworkColour(models.Model):
    """The colour histogram of an artwork's main image (see recommend.colours).

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
