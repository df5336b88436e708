"""Django admin: the search index queue, to see what is waiting or failing (read-only)."""
from django.contrib import admin

from search.models import IndexQueueEntry


@admin.register(IndexQueueEntry)
class IndexQueueEntryAdmin(admin.ModelAdmin):
    list_display = ("product_id", "created_at", "attempts", "retry_at", "last_error")
    list_filter = ("attempts",)
    search_fields = ("product_id",)
    readonly_fields = ("product_id", "created_at", "attempts", "retry_at", "last_error")

    def has_add_permission(self, request):
        return False
