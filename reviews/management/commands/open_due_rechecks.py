"""Open the scheduled reviews whose re-check date has come (what the beat sweep does)."""

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reviews.rechecks.sweep import recheck_sweep


class Command(BaseCommand):
    help = "Open scheduled reviews (and published verdicts to check again) whose date has come."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="Sweep as if it were this day (demos, catching up); default: today in TIME_ZONE.",
        )

    def handle(self, *args: object, **options: object) -> None:
        today = None
        if options["today"] is not None:
            try:
                today = datetime.date.fromisoformat(str(options["today"]))
            except ValueError:
                raise CommandError(
                    f"--today must be a date written YYYY-MM-DD, e.g. 2018-03-21; got {options['today']!r}."
                ) from None
        result = recheck_sweep(today=today)
        self.stdout.write(
            f"Opened {result.opened} re-check(s), reopened {result.reopened} published verdict(s), "
            f"suggested {result.suggested} piece(s) of evidence, re-queued {result.notices_requeued} notice(s)."
        )
        if not result.finished:
            self.stdout.write("Stopped at the time limit; run it again to carry on.")
