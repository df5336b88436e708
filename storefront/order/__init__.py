default_app_config = 'storefront.order.apps.OrderConfig'
