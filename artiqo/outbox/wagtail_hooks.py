"""Wagtail admin: the outbox as a read-only list (dead mail and its reason first in mind)."""
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from artiqo.outbox.models import OutboxMessage


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Admins may look; only the sending code writes (retries are a Django admin action)."""

    def user_has_permission(self, user, action):
        return action == "view" and user.has_perm(self._get_permission_name("view"))


register_permission_policy(OutboxMessage, ViewOnlyPolicy(OutboxMessage))


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
