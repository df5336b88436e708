"""Reads of the email outbox: a person's own mail, for their account's email history."""
from __future__ import annotations

from django.db.models import QuerySet

from artiqo.outbox.models import OutboxMessage


def message_list_for_user(*, user) -> QuerySet[OutboxMessage]:
    """The emails queued to this account, newest first (read-only; the body is left for the detail)."""
    return (OutboxMessage.objects.filter(to_users=user)
            .only("pk", "subject", "status", "created_at", "sent_at").order_by("-created_at", "-pk"))


def message_get_for_user(*, user, message_id: int) -> OutboxMessage | None:
    """One of this account's emails, or None (someone else's mail does not exist for them)."""
    return OutboxMessage.objects.filter(to_users=user, pk=message_id).first()
