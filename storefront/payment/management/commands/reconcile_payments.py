"""`manage.py reconcile_payments`: finish what a crash or an outage left behind, then check the books.

It first resumes unfinished attempts and pays out due refunds, runs the steps other apps
registered in storefront/payment/reconciliation.py (payouts sends the transfers an outage
left behind), then asks every registered check (the fee ledger's, the transfers') what
disagrees with the payments, prints each disagreement and exits non-zero if there is any.
"""
from django.core.management.base import BaseCommand, CommandError

from storefront.payment.reconciliation import (
    disagreement_list,
    reconciliation_check_names,
    reconciliation_steps_run,
)
from storefront.payment.services import payments_reconcile


class Command(BaseCommand):
    help = ("Ask the gateway about unfinished payment attempts (same idempotency keys), pay out refunds that are "
            "due, send the artists' transfers that are due, then report where the books (the fee ledger, the "
            "transfers) disagree with the payments: exits 1 if they do. "
            "Safe to run any time.")

    def handle(self, *args, **options):
        finished = payments_reconcile()
        self.stdout.write(f"Finished {finished} payment attempt(s) or refund(s).")
        for line in reconciliation_steps_run():
            self.stdout.write(line)
        disagreements = disagreement_list()
        for disagreement in disagreements:
            self.stdout.write(f"[{disagreement.check}] {disagreement.subject}: {disagreement.message}")
        checked = ", ".join(reconciliation_check_names()) or "nothing registered"
        if disagreements:
            raise CommandError(f"{len(disagreements)} disagreement(s) with the payments (checked: {checked}).")
        self.stdout.write(f"The books agree with the payments (checked: {checked}).")
