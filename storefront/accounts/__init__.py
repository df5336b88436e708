default_app_config = 'storefront.accounts.apps.CustomerConfig'
