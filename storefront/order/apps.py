"""The order app's configuration: Oscar's, pointed at the fork in storefront/order/."""
import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = 'storefront.order'
