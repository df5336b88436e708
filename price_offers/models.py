"""Offers on originals: each work's terms (on or off, the artist's floor) and the offers buyers make.

One open offer per buyer and work is the database's rule, on SQLite and MariaDB alike:
`is_open` is True while an offer is open and NULL once it is not, and (work, buyer,
is_open) is unique; NULLs never collide in a unique index, so closed offers pile up freely.
"""
from django.conf import settings
from django.db import models

from artists.models import Artist

# How long the other side has to answer, and how long an accepted price is kept for the buyer.
RESPOND_HOURS = 72
HOLD_HOURS = 24


class OfferTerms(models.Model):
    """Whether a work takes offers (off until its artist turns it on) and the lowest offer the artist accepts."""

    product = models.OneToOneField("catalogue.Product", primary_key=True, on_delete=models.CASCADE,
                                   related_name="offer_terms")
    accepts_offers = models.BooleanField(default=False)
    floor_price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True,
        help_text="Offers below this are refused at once; buyers never see it",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "offer terms"

    def __str__(self):
        return f"Offer terms of work {self.product_id}"


class OfferStatus(models.TextChoices):
    PENDING = "pending", "Awaiting the artist"
    COUNTERED = "countered", "Countered: awaiting the buyer"
    ACCEPTED = "accepted", "Accepted: in the buyer's cart"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn by the buyer"
    CLOSED = "closed", "Closed: the work was sold"
    PURCHASED = "purchased", "Bought"


# Offers still alive (the buyer may not make another on the same work meanwhile).
OPEN = (OfferStatus.PENDING, OfferStatus.COUNTERED, OfferStatus.ACCEPTED)


class PriceOffer(models.Model):
    """A buyer's offer for a work, the artist's counter, and where it stands."""

    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="price_offers")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="price_offers")
    artist = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="price_offers")
    amount = models.DecimalField("Offer", max_digits=12, decimal_places=2)
    counter_amount = models.DecimalField("Counter-offer", max_digits=12, decimal_places=2, null=True, blank=True)
    agreed_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=12)
    message = models.TextField(blank=True, help_text="The buyer's note to the artist")
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.PENDING,
                              db_index=True)
    is_open = models.BooleanField(null=True, default=True, editable=False,
                                  help_text="True while open, NULL after (see the unique constraint)")
    respond_by = models.DateTimeField(help_text="When a pending or countered offer expires unanswered")
    hold_until = models.DateTimeField(null=True, blank=True,
                                      help_text="Until when an accepted price is kept for the buyer")
    stock_hold = models.OneToOneField("partner.StockHold", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="price_offer",
                                      help_text="The hold keeping the work for the buyer while the price lasts")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "buyer", "is_open"], name="price_offer_one_open_per_buyer"),
        ]
        indexes = [
            models.Index(fields=["artist", "-created_at"], name="price_offer_artist_newest"),
            models.Index(fields=["buyer", "-created_at"], name="price_offer_buyer_newest"),
            models.Index(fields=["status", "respond_by"], name="price_offer_due"),
        ]

    def __str__(self):
        return f"Offer #{self.pk} on {self.product_id}"

    @property
    def open(self) -> bool:
        return self.status in OPEN

    @property
    def price_to_pay(self):
        """What the buyer pays if this offer is taken: the agreed price, else the counter, else their offer."""
        return self.agreed_price or self.counter_amount or self.amount
