"""`manage.py expire_offers`: expire offers left unanswered for 72 hours and accepted prices not bought in 24.

Pages and the API expire the offers they read as well; this sweeps the rest (and mails
the side that was waiting) so nobody has to open a page first. Safe to run any time.
"""
from django.core.management.base import BaseCommand

from price_offers.services import offers_expire_due


class Command(BaseCommand):
    help = "Expire overdue price offers (unanswered in 72 h, or accepted and not bought in 24 h)."

    def handle(self, *args, **options):
        self.stdout.write(f"Expired {offers_expire_due()} offer(s).")
