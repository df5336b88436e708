"""`manage.py release_expired_holds`: give the works of lapsed unpaid orders and lapsed stock holds back to the shop."""
from django.core.management.base import BaseCommand

from storefront.order.holds import order_holds_release_expired, stock_holds_release_expired


class Command(BaseCommand):
    help = ("Release the stock held by unpaid orders and by stock holds (e.g. accepted offers) whose time has run "
            "out (safe to run any time, in parallel).")

    def handle(self, *args, **options):
        released = order_holds_release_expired()
        held = stock_holds_release_expired()
        self.stdout.write(f"Released {released} lapsed order hold(s).")
        self.stdout.write(f"Released {held} lapsed stock hold(s).")
