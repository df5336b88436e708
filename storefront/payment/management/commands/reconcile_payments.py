"""`manage.py reconcile_payments`: finish attempts and refunds that a crash or an outage left behind."""
from django.core.management.base import BaseCommand

from storefront.payment.reconcile import reconcile_steps_run
from storefront.payment.services import payments_reconcile


class Command(BaseCommand):
    help = ("Ask the gateway about unfinished payment attempts (same idempotency keys), pay out refunds "
            "that are due, then run the other apps' steps (artists' transfers, and the ones that differ "
            "from the fee ledger). Safe to run any time.")

    def handle(self, *args, **options):
        finished = payments_reconcile()
        self.stdout.write(f"Finished {finished} payment attempt(s) or refund(s).")
        for line in reconcile_steps_run():
            self.stdout.write(line)
