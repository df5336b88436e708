"""Django admin of billing: the fee ledger, read-only (entries are never edited or deleted)."""
from django.contrib import admin

from storefront.billing.models import LedgerEntry


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    list_display = ["booked_at", "kind", "artist", "description", "gross", "platform_fee", "artist_net", "currency"]
    list_filter = ["kind", "currency"]
    search_fields = ["description", "artist__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
