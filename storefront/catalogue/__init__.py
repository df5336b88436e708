default_app_config = 'storefront.catalogue.apps.CatalogueConfig'
