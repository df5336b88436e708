"""Artist identity (user + Oscar partner), their Wagtail showcase pages, and special orders (commissions)."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from artiqo.core.people import person_name


class Artist(models.Model):
    """A person who sells art: one user account, one Oscar partner (owner of the stock)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="artist")
    partner = models.OneToOneField("partner.Partner", on_delete=models.PROTECT, related_name="artist")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    location = models.CharField(max_length=120, blank=True)
    vibe = models.ForeignKey(
        "catalogue.Vibe", null=True, blank=True, on_delete=models.SET_NULL, related_name="artists",
        help_text="The vibe the artist's work is known for",
    )
    accepts_commissions = models.BooleanField(default=True)
    turnaround_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    date_joined = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return f"/artists/{self.slug}/"


class ArtistIndexPage(Page):
    """`/artists/`: every artist, with their signature vibe and a few works."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["artists.ArtistPage"]
    max_count = 1
    api_fields = [APIField("intro")]

    def get_context(self, request, *args, **kwargs):
        from artists.selectors import artist_list

        context = super().get_context(request, *args, **kwargs)
        context["artists"] = artist_list()
        return context


class ArtistPage(Page):
    """An artist's showcase: portrait, bio, statement, and their available art."""

    artist = models.OneToOneField(Artist, on_delete=models.PROTECT, related_name="page")
    portrait = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = RichTextField(blank=True)
    statement = models.TextField(blank=True, help_text="The artist's statement, in their words")

    content_panels = Page.content_panels + [
        FieldPanel("portrait"),
        FieldPanel("bio"),
        FieldPanel("statement"),
    ]
    parent_page_types = ["artists.ArtistIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("bio"), index.SearchField("statement")]
    api_fields = [
        APIField("artist_id"),
        APIField("portrait"),
        APIField("bio"),
        APIField("statement"),
        APIField("location"),
    ]

    @property
    def location(self) -> str:
        return self.artist.location

    @cached_property
    def artworks(self):
        from storefront.catalogue.selectors import artwork_list

        return artwork_list(artist_id=self.artist_id, available=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["artist"] = self.artist
        context["artworks"] = self.artworks[:60]
        # The "commission a work" link, only for artists who take commissions.
        context["commission_url"] = self.commission_url
        return context

    @property
    def commission_url(self) -> str:
        if not self.artist.accepts_commissions:
            return ""
        return reverse("special_orders:new", args=[self.artist.slug])


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
        ordering = ["position", "pk"]


class ArtistApplicationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class ArtistApplication(models.Model):
    """A signed-in buyer asks to sell on Artiqo; an admin approves it in the CMS (their studio opens) or declines it.

    Only pending applications can be decided, once; a declined applicant may apply again.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="artist_applications",
                             verbose_name="Applicant")
    name = models.CharField("Artist name", max_length=120, help_text="The name shown on their page and works.")
    location = models.CharField(max_length=120, blank=True, help_text="Where they work, e.g. “Bergen, Norway”.")
    vibe = models.ForeignKey("catalogue.Vibe", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             help_text="The vibe their work is known for.")
    about = models.TextField("About their art", help_text="What they make, how, and since when.")
    portfolio_url = models.URLField("Portfolio", blank=True, help_text="A website or profile showing their work.")
    status = models.CharField(max_length=10, choices=ArtistApplicationStatus.choices,
                              default=ArtistApplicationStatus.PENDING, db_index=True)
    decision_note = models.TextField("Note to the applicant", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    artist = models.OneToOneField(Artist, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="application", help_text="The artist made on approval.")
    created_at = models.DateTimeField("Sent", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.get_status_display().lower()})"

    @property
    def applicant_name(self) -> str:
        return person_name(self.user)
