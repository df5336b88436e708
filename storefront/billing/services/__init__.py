"""Writes of billing: the fee ledger, plan limits and changes, renewals, featured listings, charges."""
from storefront.billing.services.charges import (
    CardRequired,
    ChargeInProgress,
    charge_refresh,
    charges_resume_unfinished,
)
from storefront.billing.services.features import (
    feature_price,
    feature_purchase,
    features_changed_send,
    features_start_announce,
)
from storefront.billing.services.ledger import (
    ledger_record_charge,
    ledger_record_order_paid,
    ledger_record_orders_paid_bulk,
    ledger_record_refund,
    ledger_sale_entry,
)
from storefront.billing.services.plans import plan_check_can_list
from storefront.billing.services.subscriptions import (
    PlanChange,
    subscription_cancel,
    subscription_choose,
    subscriptions_renew_due,
)

__all__ = [
    "CardRequired",
    "ChargeInProgress",
    "PlanChange",
    "charge_refresh",
    "charges_resume_unfinished",
    "feature_price",
    "feature_purchase",
    "features_changed_send",
    "features_start_announce",
    "ledger_record_charge",
    "ledger_record_order_paid",
    "ledger_record_orders_paid_bulk",
    "ledger_record_refund",
    "ledger_sale_entry",
    "plan_check_can_list",
    "subscription_cancel",
    "subscription_choose",
    "subscriptions_renew_due",
]
