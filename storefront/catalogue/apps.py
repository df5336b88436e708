"""The catalogue app's configuration: Oscar's, pointed at the fork in storefront/catalogue/."""
import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = 'storefront.catalogue'

    def ready(self):
        super().ready()
        from django.db.models.signals import post_save

        from storefront.catalogue.selectors import style_choices_forget

        # A work saved with a new style shows in the browse page's style filter at once.
        post_save.connect(style_choices_forget, sender=self.get_model("Product"), dispatch_uid="catalogue-styles")
