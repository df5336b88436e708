"""Wagtail admin: the outbox as a read-only list (dead mail and its reason first in mind)."""
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from artiqo.core.cms_permissions import cms_actions_limit
from artiqo.outbox.models import OutboxMessage

# Admins may look; only the sending code writes (retries are a Django admin action).
cms_actions_limit(OutboxMessage, actions={"view"})


class OutboxMessageViewSet(ModelViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = "Email outbox"
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["subject", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["status"]
    form_fields = ["status"]


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxMessageViewSet("outbox")
