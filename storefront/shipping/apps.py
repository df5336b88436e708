"""The shipping app's configuration: Oscar's, pointed at the fork in storefront/shipping/."""
import oscar.apps.shipping.apps as apps


class ShippingConfig(apps.ShippingConfig):
    name = 'storefront.shipping'
