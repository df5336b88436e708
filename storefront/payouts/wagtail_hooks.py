"""Wagtail admin for payouts: every transfer to artists (failures first in their own entry) and their accounts.

Read-only like the fee ledger: transfers change only through the gateway's word and the
payout services; the Django admin has a "settle now" action for a stuck one.
"""
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from artiqo.core.cms_permissions import cms_actions_limit
from storefront.payouts.models import ConnectedAccount, Transfer, TransferStatus

cms_actions_limit(Transfer, ConnectedAccount, actions={"view"})


class TransferViewSet(ModelViewSet):
    model = Transfer
    icon = "resubmit"
    menu_label = "Transfers"
    list_display = [DateColumn("date_created", label="Created"), "order", "artist", "amount", "amount_reversed",
                    "currency", "status", "failure_reason", DateColumn("date_paid", label="Paid")]
    list_filter = ["status", "currency", "gateway"]
    search_fields = ["order__number", "artist__name", "gateway_transfer_id"]
    form_fields = ["failure_reason"]
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50


class ConnectedAccountViewSet(ModelViewSet):
    model = ConnectedAccount
    icon = "user"
    menu_label = "Payout accounts"
    list_display = ["artist", "gateway", "account_id", "payouts_enabled", "details_submitted",
                    DateColumn("date_onboarded", label="Ready since")]
    list_filter = ["gateway", "payouts_enabled", "details_submitted"]
    search_fields = ["artist__name", "account_id"]
    form_fields = ["payouts_enabled"]
    inspect_view_enabled = True
    copy_view_enabled = False


class PayoutsGroup(ViewSetGroup):
    menu_label = "Payouts"
    menu_icon = "resubmit"
    menu_order = 260
    submenu_hook = "register_payouts_menu_item"
    items = (
        TransferViewSet("payouts_transfers", url_prefix="payouts/transfers"),
        ConnectedAccountViewSet("payouts_accounts", url_prefix="payouts/accounts"),
    )


@hooks.register("register_admin_viewset")
def register_payouts():
    return PayoutsGroup()


class FailedTransfersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("payouts.view_transfer")


@hooks.register("register_payouts_menu_item")
def register_failed_transfers_menu_item():
    return FailedTransfersMenuItem(
        "Failed transfers", reverse("payouts_transfers:index") + f"?status={TransferStatus.FAILED}",
        icon_name="warning", order=900,
    )
