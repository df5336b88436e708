"""The accounts app: sign-up, login lock-out, the account pages and the users API."""
default_app_config = 'storefront.accounts.apps.CustomerConfig'
