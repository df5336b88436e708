"""App config of the storefront CMS: Wagtail pages, blocks, choosers and artists' page rights."""
from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "storefront.cms"
    label = "cms"
    verbose_name = "Storefront CMS"

    def ready(self):
        from storefront.cms import receivers

        receivers.connect()
