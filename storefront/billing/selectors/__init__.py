"""Reads of billing: plans and limits, features sold, artists' earnings, the revenue report, reconciliation."""
from storefront.billing.selectors.earnings import earnings_by_month, earnings_entries, earnings_totals
from storefront.billing.selectors.features import feature_list_for_artist
from storefront.billing.selectors.plans import (
    charge_list,
    commission_rate_for,
    listed_works_count,
    marketplace_settings,
    plan_default,
    plan_effective,
    plan_list_offered,
    renewal_due,
    subscription_event_list,
    subscription_get,
)
from storefront.billing.selectors.reconciliation import ledger_disagreement_list
from storefront.billing.selectors.revenue import RevenueReport, revenue_report

__all__ = [
    "RevenueReport",
    "charge_list",
    "commission_rate_for",
    "earnings_by_month",
    "earnings_entries",
    "earnings_totals",
    "feature_list_for_artist",
    "ledger_disagreement_list",
    "listed_works_count",
    "marketplace_settings",
    "plan_default",
    "plan_effective",
    "plan_list_offered",
    "renewal_due",
    "revenue_report",
    "subscription_event_list",
    "subscription_get",
]
