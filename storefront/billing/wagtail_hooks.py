"""Wagtail admin for monetisation: plans, featured listings, subscriptions, the ledger, revenue.

Everything an admin needs sits under one "Monetisation" menu, and the commission rate
under Settings → Marketplace. The ledger and the charges are read-only here: entries
are never edited, mistakes are corrected by reversing entries written by the code.
"""
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from artiqo.core.admin_columns import MomentColumn
from artiqo.core.cms_permissions import cms_actions_limit
from storefront.billing.admin_views import RevenueReportView, can_see_revenue
from storefront.billing.models import (
    ArtistSubscription,
    BillingCharge,
    FeaturedListing,
    FeatureSource,
    LedgerEntry,
    SubscriptionPlan,
)

# Admins may look (with the model's view permission), nobody may add, change or delete.
cms_actions_limit(LedgerEntry, BillingCharge, ArtistSubscription, actions={"view"})


class PlanViewSet(ModelViewSet):
    model = SubscriptionPlan
    icon = "tag"
    menu_label = "Plans"
    list_display = ["name", "monthly_price", "max_listed_works", "commission_rate", "is_default", "is_active"]
    form_fields = ["name", "slug", "description", "monthly_price", "max_listed_works", "commission_rate",
                   "highlight_commissions", "is_default", "is_active", "position"]
    copy_view_enabled = False


class FeatureCreateView(generic.CreateView):
    def save_instance(self):
        # Features made in the CMS are editorial; paid ones only come from an artist's payment.
        self.form.instance.source = FeatureSource.EDITORIAL
        self.form.instance.created_by = self.request.user
        return super().save_instance()


def _is_live(feature) -> str:
    now = timezone.now()
    return "Yes" if feature.status == "active" and feature.starts_at <= now < feature.ends_at else "No"


class FeatureViewSet(ModelViewSet):
    model = FeaturedListing
    icon = "pick"
    menu_label = "Featured listings"
    add_view_class = FeatureCreateView
    list_display = ["artwork", "source", "status", MomentColumn("starts_at", label="Starts"),
                    MomentColumn("ends_at", label="Ends"), Column("live", label="Showing now", accessor=_is_live),
                    "position"]
    list_filter = ["source", "status"]
    form_fields = ["artwork", "label", "starts_at", "ends_at", "position", "status"]
    copy_view_enabled = False


class SubscriptionViewSet(ModelViewSet):
    model = ArtistSubscription
    icon = "user"
    menu_label = "Artist subscriptions"
    list_display = ["artist", "plan", "status", MomentColumn("current_period_end", label="Paid until"),
                    "cancel_at_period_end", "scheduled_plan"]
    list_filter = ["plan", "status"]
    form_fields = ["plan"]
    inspect_view_enabled = True


class ChargeIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("payment", "artist")


class ChargeViewSet(ModelViewSet):
    """Artists' charges: what each bought, with its payment's amount and status (history: Django admin → Payments)."""

    model = BillingCharge
    index_view_class = ChargeIndexView
    icon = "clipboard-list"
    menu_label = "Artist payments"
    list_display = [Column("description", accessor="payment.description"), "artist",
                    Column("amount", accessor="payment.amount"), Column("currency", accessor="payment.currency"),
                    Column("status", accessor="payment.get_status_display"), MomentColumn("date_created")]
    list_filter = ["kind", "payment__status"]
    form_fields = ["kind"]
    inspect_view_enabled = True
    inspect_view_fields = ["artist", "kind", "purpose", "plan", "period_start", "period_end", "feature", "payment",
                           "date_created"]



class LedgerViewSet(ModelViewSet):
    model = LedgerEntry
    icon = "list-ul"
    menu_label = "Fee ledger"
    list_display = [MomentColumn("booked_at", label="Booked"), "kind", "artist", "description", "gross",
                    "platform_fee", "artist_net", "currency"]
    list_filter = ["kind", "currency"]
    form_fields = ["description"]
    inspect_view_enabled = True
    list_per_page = 50


class MonetisationGroup(ViewSetGroup):
    menu_label = "Monetisation"
    menu_icon = "decimal"
    menu_order = 250
    submenu_hook = "register_monetisation_menu_item"
    items = (
        PlanViewSet("billing_plans", url_prefix="billing/plans"),
        FeatureViewSet("billing_features", url_prefix="billing/features"),
        SubscriptionViewSet("billing_subscriptions", url_prefix="billing/subscriptions"),
        ChargeViewSet("billing_charges", url_prefix="billing/payments"),
        LedgerViewSet("billing_ledger", url_prefix="billing/ledger"),
    )


@hooks.register("register_admin_viewset")
def register_monetisation():
    return MonetisationGroup()


@hooks.register("register_admin_urls")
def register_revenue_report_url():
    return [path("billing/revenue/", RevenueReportView.as_view(), name="billing_revenue_report")]


class RevenueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_revenue(request.user)


@hooks.register("register_monetisation_menu_item")
def register_revenue_menu_item():
    return RevenueMenuItem("Revenue report", reverse("billing_revenue_report"), icon_name="table", order=900)
