"""Django admin for payments: every attempt (orders, plans, features), its history, and Stripe's webhook events."""
from django.contrib import admin
from oscar.apps.payment.admin import *  # noqa: F401,F403  (Oscar's sources and transactions)

from storefront.payment.models import Payment, PaymentChange, PaymentCustomer, StripeWebhookEvent


class PaymentChangeInline(admin.TabularInline):
    model = PaymentChange
    extra = 0
    can_delete = False
    fields = ("date_created", "from_status", "to_status", "reason", "source", "stripe_event_id", "stripe_object_id")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Read-only: a payment's status only ever changes through the gateway's word."""

    list_display = ("__str__", "purpose", "payer", "order", "attempt", "status", "amount", "currency",
                    "amount_refunded", "gateway", "intent_id", "needs_refund", "date_updated")
    list_filter = ("purpose", "status", "gateway", "needs_refund")
    search_fields = ("order__number", "intent_id", "payer__email", "description")
    list_select_related = ("order", "payer")
    inlines = [PaymentChangeInline]
    readonly_fields = [field.name for field in Payment._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StripeWebhookEvent)
class StripeWebhookEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "type", "object_id", "outcome", "received_at")
    list_filter = ("type",)
    search_fields = ("event_id", "object_id")
    readonly_fields = [field.name for field in StripeWebhookEvent._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PaymentCustomer)
class PaymentCustomerAdmin(admin.ModelAdmin):
    """Read-only: payers' customers at the gateway and the card each saved there (never the card's number)."""

    list_display = ("user", "gateway", "customer_id", "card_brand", "card_last4", "card_saved_at")
    list_filter = ("gateway", "card_brand")
    search_fields = ("user__email", "customer_id")
    list_select_related = ("user",)
    readonly_fields = [field.name for field in PaymentCustomer._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
