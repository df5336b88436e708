"""`manage.py setup_artiqo`: everything `make run` needs before serving, safe to run again and again."""
from __future__ import annotations

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from demo.loader import demo_data_load, demo_history_loaded, demo_plans_ensure, demo_sales_ensure
from demo.management.commands.load_demo_data import (
    demo_arguments_add,
    demo_logins_text,
    demo_report_text,
    demo_sizes_from,
)
from storefront.cms.services import editorial_pages_ensure


class Command(BaseCommand):
    help = (
        "Migrate, make sure the site's page tree exists, load the demo data if there is none, rebuild the search "
        "index and collect static files. Idempotent: `make run` calls it every time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        demo_arguments_add(parser)
        parser.add_argument("--no-demo", action="store_true", help="Do not load demo data (e.g. in production).")

    def say(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(message)

    def step(self, title: str) -> float:
        self.say(self.style.MIGRATE_HEADING(title))
        return time.perf_counter()

    def handle(self, *args, **options):
        sizes = demo_sizes_from(options)
        self.verbosity = options["verbosity"]
        sub_verbosity = max(0, self.verbosity - 1)

        self.step("Migrating the database")
        call_command("migrate", interactive=False, verbosity=sub_verbosity)
        # The page tree (on SITE_URL's address) with the shop's own pages: about, how it works.
        editorial_pages_ensure()

        if options["no_demo"]:
            self.say("Demo data: skipped (--no-demo).")
        elif demo_history_loaded():
            self.say("Demo data: already loaded, left as it is "
                     "(`manage.py load_demo_data` with bigger sizes tops it up).")
            if demo_plans_ensure():
                self.say("  added the demo's subscription plans (Free and Pro)")
            booked = demo_sales_ensure(log=self.say)
            if booked and (booked.payments or booked.ledger_entries):
                self.say(f"  booked what its paid orders lacked: {booked.payments:,} payments, "
                         f"{booked.ledger_entries:,} fee ledger entries")
        else:
            self.step("Loading the demo data")
            report = demo_data_load(
                seed=options["seed"], sizes=sizes, today=options["today"] or timezone.now().date(),
                workers=options["workers"], log=self.say,
            )
            self.say(demo_report_text(report))

        started = self.step("Rebuilding the search index")
        call_command("rebuild_index", interactive=False, verbosity=sub_verbosity)
        self.say(f"  done in {time.perf_counter() - started:.1f} s")

        started = self.step("Training the recommender")
        call_command("train_recommender", verbosity=sub_verbosity)
        self.say(f"  done in {time.perf_counter() - started:.1f} s")

        self.step("Collecting static files")
        call_command("collectstatic", interactive=False, verbosity=sub_verbosity)

        self.say(self.style.SUCCESS("Artiqo is set up."))
        if not options["no_demo"]:
            self.say(demo_logins_text())
