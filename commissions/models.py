"""Special orders (commissions): a buyer's brief to one artist, its steps and its reference images.

The tables were created by the artists app and keep their names (`artists_specialorder`, ...):
the models moved here with a state-only migration.
"""
from django.conf import settings
from django.db import models

from artiqo.core.people import person_name
from artists.models import Artist


class SpecialOrderStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    QUOTED = "quoted", "Quoted"
    DECLINED = "declined", "Declined"
    ACCEPTED = "accepted", "Accepted, awaiting payment"
    PAID = "paid", "Paid"
    IN_PROGRESS = "in_progress", "In progress"
    DELIVERED = "delivered", "Delivered"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class SpecialOrder(models.Model):
    """A commission: a buyer's brief to one artist, quoted, accepted, paid, made and delivered.

    Accepting a quote creates a one-off artwork (hidden from the shop) at the quoted price
    and puts it in the buyer's cart; the normal checkout takes the payment.
    """

    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="special_orders")
    artist = models.ForeignKey(Artist, on_delete=models.PROTECT, related_name="special_orders")
    inspired_by = models.ForeignKey(
        "catalogue.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The artwork the buyer wants something like",
    )
    title = models.CharField("In a few words", max_length=120)
    description = models.TextField("What you would like")
    vibe = models.ForeignKey("catalogue.Vibe", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    medium = models.CharField(max_length=20, blank=True)
    width_cm = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    budget = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=12)
    wished_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=SpecialOrderStatus.choices, default=SpecialOrderStatus.REQUESTED,
                              db_index=True)
    quote_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    quote_date = models.DateField("Ready by", null=True, blank=True)
    quote_note = models.TextField(blank=True)
    artwork = models.OneToOneField(
        "catalogue.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="special_order",
        help_text="The one-off artwork made when the buyer accepted the quote",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "artists_specialorder"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["artist", "-created_at"], name="specialorder_artist_newest"),
            models.Index(fields=["buyer", "-created_at"], name="specialorder_buyer_newest"),
        ]

    def __str__(self):
        return f"Special order #{self.pk}: {self.title}"

    @property
    def size(self) -> str:
        if self.width_cm is None or self.height_cm is None:
            return ""
        return f"{self.width_cm.normalize():f} × {self.height_cm.normalize():f} cm"

    @property
    def medium_label(self) -> str:
        from storefront.catalogue.models import Medium

        return Medium(self.medium).label if self.medium in Medium.values else self.medium


class SpecialOrderEvent(models.Model):
    """One step of a special order's history: who moved it, from what to what, and why."""

    special_order = models.ForeignKey(SpecialOrder, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Empty for steps the shop took (a payment)",
    )
    action = models.CharField(max_length=12)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, choices=SpecialOrderStatus.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "artists_specialorderevent"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"#{self.special_order_id} {self.action} → {self.to_status}"

    @property
    def actor_name(self) -> str:
        """Who took this step: the artist by their artist name, the buyer by theirs ("" for the shop)."""
        if self.actor_id is None:
            return ""
        if self.actor_id == self.special_order.artist.user_id:
            return self.special_order.artist.name
        return person_name(self.actor)


class SpecialOrderReference(models.Model):
    """A reference image the buyer attached (checked and re-encoded like artwork uploads)."""

    special_order = models.ForeignKey(SpecialOrder, on_delete=models.CASCADE, related_name="references")
    image = models.ImageField(upload_to="special-orders/%Y/%m/", max_length=255)
    thumbnail = models.ImageField(upload_to="special-orders/thumbs/%Y/%m/", max_length=255)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "artists_specialorderreference"
        ordering = ["position", "pk"]


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    INVITED = "invited", "Invited to send a request"
    USED = "used", "Sent a request"
    EXPIRED = "expired", "Invitation lapsed"
    LEFT = "left", "Left the waitlist"


# Entries still in line or holding an invitation (one per buyer and artist).
WAITLIST_OPEN = (WaitlistStatus.WAITING, WaitlistStatus.INVITED)


class WaitlistEntry(models.Model):
    """A buyer waiting for a free slot of an artist who takes no more commissions at the moment.

    First come, first invited: when a slot frees, the first waiting buyer is invited (by
    email) to send their request within `WAITLIST_INVITE_DAYS`; an invitation holds the slot
    until it is used or lapses, then the next buyer is invited.
    """

    artist = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="waitlist")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist_entries")
    brief = models.TextField("What you would like",
                             help_text="A few lines for the artist about the work you have in mind.")
    status = models.CharField(max_length=10, choices=WaitlistStatus.choices, default=WaitlistStatus.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    invite_expires_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    special_order = models.ForeignKey(SpecialOrder, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", help_text="The request sent with the invitation")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["artist", "status", "created_at"], name="waitlist_artist_line")]

    def __str__(self):
        return f"{self.buyer} waiting for {self.artist} ({self.status})"

    @property
    def buyer_name(self) -> str:
        return person_name(self.buyer)

    @property
    def is_open(self) -> bool:
        return self.status in WAITLIST_OPEN
