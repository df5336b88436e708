"""Shapes of the orders endpoints: the placement body, a buyer's order, an artist's view."""
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from artiqo.core.api.base import absolute_url
from artiqo.core.people import order_buyer_name
from storefront.order import statuses
from storefront.order.documents import line_documents
from storefront.shipping.repository import Repository

MONEY = {"max_digits": 12, "decimal_places": 2}
SHIPPING_METHOD_CODES = [method.code for method in Repository.methods]


class ShippingAddressInputSerializer(serializers.Serializer):
    """A delivery address; the order service checks which fields are required."""

    first_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    line1 = serializers.CharField(max_length=255, required=False, allow_blank=True)
    line2 = serializers.CharField(max_length=255, required=False, allow_blank=True)
    line3 = serializers.CharField(max_length=255, required=False, allow_blank=True)
    line4 = serializers.CharField(max_length=255, required=False, allow_blank=True, help_text="City.")
    state = serializers.CharField(max_length=255, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=64, required=False, allow_blank=True)
    country = serializers.CharField(max_length=2, required=False, allow_blank=True,
                                    help_text="ISO 3166-1 alpha-2 code, e.g. `NO`.")
    phone_number = serializers.CharField(max_length=32, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class OrderCreateSerializer(serializers.Serializer):
    """Body of `POST /orders/`: both optional, so `{}` is valid.

    Without an address the buyer's default address is used, or collection from the
    artist's studio when they have none.
    """

    shipping_address = ShippingAddressInputSerializer(required=False, allow_null=True, default=None)
    shipping_method = serializers.ChoiceField(choices=SHIPPING_METHOD_CODES, required=False, allow_null=True,
                                              default=None)


class AddressSerializer(serializers.Serializer):
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    line1 = serializers.CharField()
    line2 = serializers.CharField()
    line3 = serializers.CharField()
    line4 = serializers.CharField()
    state = serializers.CharField()
    postcode = serializers.CharField()
    country = serializers.CharField(source="country.iso_3166_1_a2")
    phone_number = serializers.CharField()


class LineDocumentSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="e.g. `Certificate 7 of 50`.")
    certificate_url = serializers.URLField(help_text="The certificate of authenticity (PDF; the buyer's login).")
    verify_url = serializers.URLField(help_text="The certificate's public page (no login).")


class OrderLineSerializer(serializers.Serializer):
    """A line; once paid, each copy sold has a certificate of authenticity (`certificates`, in edition order;
    `certificate_url` and `verify_url` are the first one's, null before payment or after a refund)."""

    product_id = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    artist = serializers.CharField(source="partner_name")
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(source="unit_price_incl_tax", allow_null=True, **MONEY)
    line_total = serializers.DecimalField(source="line_price_incl_tax", **MONEY)
    certificate_url = serializers.SerializerMethodField()
    verify_url = serializers.SerializerMethodField()
    certificates = serializers.SerializerMethodField()

    def _documents(self, line) -> list[dict]:
        # One look-up for the whole answer (a page of orders too), not one per line or order.
        if "_line_documents" not in self.context:
            root = self.root.instance
            orders = [root] if hasattr(root, "lines") else list(root or [])
            # Only a sale has documents (certificates are issued at payment): no query for unpaid orders.
            lines = [ln for order in orders if order.status in statuses.SOLD
                     for ln in (getattr(order, "artist_lines", None) or order.lines.all())]
            self.context["_line_documents"] = line_documents(lines=lines) if lines else {}
        request = self.context.get("request")
        return [{"label": document.label, "certificate_url": absolute_url(request, document.download_path),
                 "verify_url": absolute_url(request, document.public_path)}
                for document in self.context["_line_documents"].get(line.pk, [])]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_certificate_url(self, line) -> str | None:
        documents = self._documents(line)
        return documents[0]["certificate_url"] if documents else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_verify_url(self, line) -> str | None:
        documents = self._documents(line)
        return documents[0]["verify_url"] if documents else None

    @extend_schema_field(LineDocumentSerializer(many=True))
    def get_certificates(self, line) -> list[dict]:
        return self._documents(line)


class OrderSerializer(serializers.Serializer):
    """A buyer's order; money as decimal strings in `currency`."""

    number = serializers.CharField()
    status = serializers.CharField()
    date_placed = serializers.DateTimeField()
    hold_expires_at = serializers.DateTimeField(
        allow_null=True, help_text="Unpaid orders keep their works until then."
    )
    currency = serializers.CharField()
    lines = OrderLineSerializer(many=True, source="lines.all")
    subtotal = serializers.DecimalField(source="basket_total_incl_tax", **MONEY)
    shipping_charge = serializers.DecimalField(source="shipping_incl_tax", **MONEY)
    total = serializers.DecimalField(source="total_incl_tax", **MONEY)
    shipping_method = serializers.CharField()
    shipping_code = serializers.CharField()
    shipping_address = AddressSerializer(allow_null=True)
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, order) -> str:
        return absolute_url(self.context.get("request"), reverse("api:order-detail", args=[order.number]))


class PaymentSerializer(serializers.Serializer):
    attempt = serializers.IntegerField()
    status = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)
    currency = serializers.CharField()
    date_created = serializers.DateTimeField()


class OrderDetailSerializer(OrderSerializer):
    """A buyer's order with its payment attempts."""

    payments = PaymentSerializer(many=True, source="payments.all")


class ArtistOrderSerializer(serializers.Serializer):
    """An order as one of its artists sees it: only their own lines and their total."""

    number = serializers.CharField()
    status = serializers.CharField()
    date_placed = serializers.DateTimeField()
    buyer_name = serializers.SerializerMethodField()
    shipping_method = serializers.CharField()
    shipping_address = AddressSerializer(allow_null=True)
    lines = OrderLineSerializer(many=True, source="artist_lines")
    artist_total = serializers.SerializerMethodField(help_text="Sum of this artist's lines.")

    def get_buyer_name(self, order) -> str:
        return order_buyer_name(order)

    @extend_schema_field(serializers.DecimalField(**MONEY))
    def get_artist_total(self, order) -> str:
        total = sum((line.line_price_incl_tax for line in order.artist_lines), start=0)
        return serializers.DecimalField(**MONEY).to_representation(total)
