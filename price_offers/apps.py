"""Price offers: a buyer offers a price for an original; the artist accepts, counters or declines.

The label is `price_offers`, not `offers`: Oscar's discount app is `offer` (and its
dashboard's `offers_dashboard`), and the two have nothing in common.
"""
from django.apps import AppConfig


class PriceOffersConfig(AppConfig):
    name = "price_offers"
    label = "price_offers"
    verbose_name = "Price offers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from price_offers.models import OfferTerms
        from price_offers.receivers import on_order_paid, on_terms_changed
        from price_offers.selectors import offer_prices_held
        from storefront.order.signals import order_paid
        from storefront.partner.private_sales import private_price_provider_register

        # A paid order of a work closes its offers (the buyer's accepted one is bought).
        order_paid.connect(on_order_paid, dispatch_uid="price_offers.order_paid")
        # An artwork's page keeps its work's terms in the cache (offer_terms_get): a change reads them afresh.
        post_save.connect(on_terms_changed, sender=OfferTerms, dispatch_uid="price_offers.terms-save")
        post_delete.connect(on_terms_changed, sender=OfferTerms, dispatch_uid="price_offers.terms-delete")
        # An accepted offer prices the work in its buyer's cart while the hold lasts.
        private_price_provider_register(name="price_offers", provider=offer_prices_held)
