"""`manage.py waitlist_advance` (cron, e.g. hourly): lapse waitlist invitations past their 7 days, invite the next."""
from django.core.management.base import BaseCommand

from commissions.waitlist import waitlists_advance


class Command(BaseCommand):
    help = "Lapse waitlist invitations past their 7 days and invite the next buyers in line."

    def handle(self, *args, **options):
        invited = waitlists_advance()
        if options["verbosity"]:
            self.stdout.write(f"Invited {invited} buyer(s) from waitlists.")
