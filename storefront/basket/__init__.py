default_app_config = 'storefront.basket.apps.BasketConfig'
