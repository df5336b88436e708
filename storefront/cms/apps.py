from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "storefront.cms"
    label = "cms"
    verbose_name = "Storefront CMS"
