"""The basket app's configuration: Oscar's, pointed at the fork in storefront/basket/."""
import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    name = 'storefront.basket'
