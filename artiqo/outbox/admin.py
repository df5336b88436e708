"""Django admin for the outbox: what was sent, what waits for a retry, what died and why."""
from django.contrib import admin, messages

from artiqo.outbox.models import OutboxMessage
from artiqo.outbox.services import message_requeue


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only, except "retry": mail is only ever written by the code that sends it."""

    list_display = ("subject", "recipients", "status", "attempts", "next_attempt_at", "created_at", "sent_at",
                    "last_error_short")
    list_filter = ("status",)
    search_fields = ("subject", "dedup_key", "message_id", "to")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutboxMessage._meta.fields] + ["to_users"]
    actions = ["retry"]

    @admin.display(description="To")
    def recipients(self, message):
        return ", ".join(message.to)

    @admin.display(description="Last error")
    def last_error_short(self, message):
        return message.last_error[:80]

    @admin.action(description="Retry now (fresh attempts)")
    def retry(self, request, queryset):
        for message in queryset:
            message_requeue(message=message)
        self.message_user(request, f"{queryset.count()} message(s) queued again.", messages.SUCCESS)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
