"""Django admin of payouts: artists' accounts and every transfer with its history (read-only, plus "settle now")."""
from django.contrib import admin, messages

from storefront.payouts.models import ConnectedAccount, Transfer, TransferChange
from storefront.payouts.services import transfer_settle


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changed only by the gateway's word and the payout services, never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConnectedAccount)
class ConnectedAccountAdmin(ReadOnlyAdmin):
    list_display = ("artist", "gateway", "account_id", "payouts_enabled", "charges_enabled", "details_submitted",
                    "date_onboarded", "date_updated")
    list_filter = ("gateway", "payouts_enabled", "details_submitted")
    search_fields = ("artist__name", "account_id")
    list_select_related = ("artist",)


class TransferChangeInline(admin.TabularInline):
    model = TransferChange
    extra = 0
    can_delete = False
    fields = ("date_created", "from_status", "to_status", "reason", "source", "stripe_event_id", "stripe_object_id")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.action(description="Settle now (send, retry or reverse what the ledger says is due)",
              permissions=["view"])
def settle_now(modeladmin, request, queryset):
    for transfer_id in queryset.values_list("pk", flat=True):
        transfer_settle(transfer_id=transfer_id, source="admin")
    messages.info(request, "Settled the chosen transfers; see each one's history for what happened.")


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ("order", "artist", "amount", "amount_reversed", "currency", "status", "failure_reason",
                    "gateway_transfer_id", "date_created", "date_paid")
    list_filter = ("status", "gateway", "currency")
    search_fields = ("order__number", "artist__name", "gateway_transfer_id", "destination")
    list_select_related = ("order", "artist")
    inlines = [TransferChangeInline]
    actions = [settle_now]
    date_hierarchy = "date_created"
