"""App config of the storefront CMS: Wagtail pages, blocks, choosers and artists' page rights."""
from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "storefront.cms"
    label = "cms"
    verbose_name = "Storefront CMS"

    def ready(self):
        from artists.services import site_tree_builder_register
        from storefront.cms import receivers
        from storefront.cms.services import site_tree_ensure

        receivers.connect()
        # A new artist's page needs the site tree (home, /artists/): the CMS builds it.
        site_tree_builder_register(builder=site_tree_ensure)
