"""System check: with Stripe selected (ARTIQO_PAYMENTS=stripe), its keys must be set.

Registered for `manage.py check --deploy`, the pre-deploy gate: production settings select
Stripe unless ARTIQO_PAYMENTS=test says otherwise, so a forgotten key fails the deploy
instead of leaving a shop that takes orders while no money moves.
"""
from django.conf import settings
from django.core.checks import Error, register

from storefront.payment.gateway import STRIPE_REQUIRED_SETTINGS, stripe_settings_missing

HINTS = {
    "STRIPE_SECRET_KEY": "the secret API key from Stripe's dashboard (sk_live_...)",
    "STRIPE_WEBHOOK_SECRET": "the signing secret of the webhook endpoint /payments/stripe/webhook/ (whsec_...)",
}


@register("payments", deploy=True)
def stripe_settings_check(app_configs=None, **kwargs) -> list[Error]:
    if settings.ARTIQO_PAYMENTS != "stripe":
        return []
    return [
        Error(
            f"{name} is not set, but payments go to Stripe (ARTIQO_PAYMENTS={settings.ARTIQO_PAYMENTS}).",
            hint=f"Set {name} to {HINTS[name]}, or set ARTIQO_PAYMENTS=test to run on the built-in test "
                 "gateway (no money moves; every page says TEST MODE).",
            id=f"artiqo.payments.E00{STRIPE_REQUIRED_SETTINGS.index(name) + 1}",
        )
        for name in stripe_settings_missing()
    ]
