default_app_config = 'storefront.partner.apps.PartnerConfig'
