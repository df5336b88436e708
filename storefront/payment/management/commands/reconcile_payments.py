"""`manage.py reconcile_payments`: finish attempts and refunds that a crash or an outage left behind."""
from django.core.management.base import BaseCommand

from storefront.payment.services import payments_reconcile


class Command(BaseCommand):
    help = ("Ask the gateway about unfinished payment attempts (same idempotency keys) and pay out refunds "
            "that are due. Safe to run any time.")

    def handle(self, *args, **options):
        finished = payments_reconcile()
        self.stdout.write(f"Finished {finished} payment attempt(s) or refund(s).")
