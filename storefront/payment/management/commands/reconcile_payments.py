"""`manage.py reconcile_payments`: finish what a crash or an outage left behind, then check the books.

It first resumes unfinished attempts and pays out due refunds, then asks every check
registered in storefront/payment/reconciliation.py (the fee ledger's, from billing) what
disagrees with the payments, prints each disagreement and exits non-zero if there is any.
"""
from django.core.management.base import BaseCommand, CommandError

from storefront.payment.reconciliation import disagreement_list, reconciliation_check_names
from storefront.payment.services import payments_reconcile


class Command(BaseCommand):
    help = ("Ask the gateway about unfinished payment attempts (same idempotency keys), pay out refunds that are "
            "due, then report where the books (the fee ledger...) disagree with the payments: exits 1 if they do. "
            "Safe to run any time.")

    def handle(self, *args, **options):
        finished = payments_reconcile()
        self.stdout.write(f"Finished {finished} payment attempt(s) or refund(s).")
        disagreements = disagreement_list()
        for disagreement in disagreements:
            self.stdout.write(f"[{disagreement.check}] {disagreement.subject}: {disagreement.message}")
        checked = ", ".join(reconciliation_check_names()) or "nothing registered"
        if disagreements:
            raise CommandError(f"{len(disagreements)} disagreement(s) with the payments (checked: {checked}).")
        self.stdout.write(f"The books agree with the payments (checked: {checked}).")
