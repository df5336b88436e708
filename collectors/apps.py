"""Collectors: what a buyer keeps of the shop for themselves — favourite works and followed artists."""
from django.apps import AppConfig


class CollectorsConfig(AppConfig):
    name = "collectors"
    verbose_name = "Collectors (favourites and follows)"

    def ready(self):
        from django.db.models.signals import post_save

        from collectors.receivers import on_stockrecord_saved
        from storefront.partner.models import StockRecord

        # A price or stock change saved through the ORM mails the buyers who favourited
        # the work at once; `send_favourite_alerts` (cron) catches bulk UPDATEs too.
        post_save.connect(on_stockrecord_saved, sender=StockRecord, dispatch_uid="collectors.stockrecord_saved")
