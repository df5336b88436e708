"""`manage.py load_demo_data`: build or top up the demo marketplace, deterministically from a seed."""
from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from demo.digest import demo_digest
from demo.loader import DemoReport, demo_data_load, demo_logins
from demo.plan import DemoSizes

DEFAULTS = DemoSizes()


def demo_arguments_add(parser: CommandParser) -> None:
    """The seed and size options, shared with `setup_artiqo`."""
    parser.add_argument("--seed", type=int, default=7, help="Same seed and sizes, same shop (default 7).")
    parser.add_argument("--artists", type=int, default=DEFAULTS.artists)
    parser.add_argument("--artworks", type=int, default=DEFAULTS.artworks)
    parser.add_argument("--buyers", type=int, default=DEFAULTS.buyers)
    parser.add_argument("--orders", type=int, default=DEFAULTS.orders)
    parser.add_argument("--lines-per-order", type=float, default=DEFAULTS.lines_per_order,
                        help="Average number of lines per order (default 2).")
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="The day the demo history ends, YYYY-MM-DD (default today); fix it for identical builds.")
    parser.add_argument("--workers", type=int, default=None,
                        help="Processes drawing pictures for big builds (default: one per CPU).")


def demo_sizes_from(options: dict) -> DemoSizes:
    """The sizes asked for, checked (CommandError on nonsense)."""
    sizes = DemoSizes(artists=options["artists"], artworks=options["artworks"], buyers=options["buyers"],
                      orders=options["orders"], lines_per_order=options["lines_per_order"])
    for name in ("artists", "artworks", "buyers", "orders"):
        if getattr(sizes, name) < 0:
            raise CommandError(f"--{name} cannot be negative.")
    if not 1 <= sizes.lines_per_order <= 6:
        raise CommandError("--lines-per-order must be between 1 and 6.")
    if sizes.artworks and not sizes.artists:
        raise CommandError("Artworks need at least one artist (--artists).")
    if sizes.orders and not (sizes.buyers and sizes.artworks):
        raise CommandError("Orders need at least one buyer and one artwork (--buyers, --artworks).")
    if options["workers"] is not None and options["workers"] < 1:
        raise CommandError("--workers must be at least 1.")
    return sizes


def demo_logins_text() -> str:
    from django.contrib.auth import get_user_model

    logins = demo_logins()
    # The shop's login form asks for the email; the admin pages take the username.
    emails = dict(get_user_model().objects.filter(username__in=[login[0] for login in logins])
                  .values_list("username", "email"))
    lines = ["Demo logins (also on the README; the shop's login takes the email):"]
    lines += [f"  {username:<7} {emails.get(username, ''):<30} / {password:<14} {purpose}"
              for username, password, purpose in logins]
    return "\n".join(lines)


def demo_report_text(report: DemoReport) -> str:
    parts = [f"{report.total.get(kind, 0):,} {kind} ({report.added.get(kind, 0):,} new)"
             for kind in ("artists", "artworks", "buyers", "orders")]
    summary = f"Demo data, seed {report.seed}: " + ", ".join(parts)
    summary += f"; {report.added.get('order lines', 0):,} new order lines in {sum(report.seconds.values()):.1f} s."
    if not report.added_anything:
        summary += " Nothing was missing."
    return "\n".join([summary, *report.notes])


class Command(BaseCommand):
    help = (
        "Build a believable demo marketplace (artists, artworks with pictures, buyers with tastes, past orders) "
        "from a seed. Running it again adds only what is missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        demo_arguments_add(parser)
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")
        parser.add_argument("--digest", action="store_true",
                            help="Also print a SHA-256 of the demo content (equal across databases for one seed).")

    def handle(self, *args, **options):
        sizes = demo_sizes_from(options)
        quiet = options["quiet"] or options["verbosity"] == 0
        log = (lambda message: None) if quiet else self.stdout.write
        today = options["today"] or timezone.now().date()
        report = demo_data_load(seed=options["seed"], sizes=sizes, today=today, workers=options["workers"], log=log)
        if not quiet:
            self.stdout.write(self.style.SUCCESS(demo_report_text(report)))
            self.stdout.write(demo_logins_text())
        if options["digest"]:
            self.stdout.write(f"Content digest: {demo_digest(seed=report.seed)}")
