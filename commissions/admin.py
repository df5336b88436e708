"""Django admin for special orders (read-only history: steps happen through the services)."""
from django.contrib import admin

from commissions.models import SpecialOrder, SpecialOrderEvent, SpecialOrderReference


class SpecialOrderEventInline(admin.TabularInline):
    model = SpecialOrderEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "action", "from_status", "to_status", "actor", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class SpecialOrderReferenceInline(admin.TabularInline):
    model = SpecialOrderReference
    extra = 0
    can_delete = False
    fields = ("image", "position")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SpecialOrder)
class SpecialOrderAdmin(admin.ModelAdmin):
    """Read-only: a special order moves only through its steps, which mail the other side."""

    list_display = ("pk", "title", "artist", "buyer", "status", "budget", "quote_price", "currency", "created_at")
    list_filter = ("status",)
    search_fields = ("title", "artist__name", "buyer__email")
    list_select_related = ("artist", "buyer")
    inlines = [SpecialOrderReferenceInline, SpecialOrderEventInline]
    readonly_fields = [field.name for field in SpecialOrder._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
