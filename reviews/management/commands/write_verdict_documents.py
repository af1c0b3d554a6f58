"""Write the published verdicts' documents, which the verdict list reads (after each deploy)."""

import time

from django.core.management.base import BaseCommand, CommandParser

from reviews.publishing.verdict_documents import refresh_stale


class Command(BaseCommand):
    help = (
        "Write the stored JSON documents of the published verdicts that have none from the "
        "current code (after each deploy, after migrate): such a verdict is built again on every "
        "page that shows it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="Write every published verdict's document again.")

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        written = refresh_stale(everyone=bool(options["all"]))
        self.stdout.write(f"{written} verdict documents written in {time.perf_counter() - started:.1f} s.")
