"""`manage.py billing_run`: renew and retry subscriptions, finish stuck charges, index starting features.

Run it from cron every few minutes; every step is idempotent. Features end and plan
limits lapse on time without it; it is what charges renewals and moves plans.
"""
from django.core.management.base import BaseCommand

from storefront.billing.services import charges_resume_unfinished, features_start_announce, subscriptions_renew_due


class Command(BaseCommand):
    help = "Renew due subscriptions (with grace-period retries), finish unfinished charges, announce features."

    def handle(self, *args, **options):
        finished = charges_resume_unfinished()
        renewals = subscriptions_renew_due()
        started = features_start_announce()
        self.stdout.write(
            f"charges finished: {finished}; renewals charged: {renewals['charged']}, settled: "
            f"{renewals['settled']}, waiting: {renewals['skipped']}, no card saved: {renewals['no_card']}; "
            f"features started: {started}"
        )
