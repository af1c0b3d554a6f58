"""Write every published verdict's document, which the verdict list reads (after a deploy)."""

import time

from django.core.management.base import BaseCommand

from reviews.publishing.verdict_documents import refresh_all


class Command(BaseCommand):
    help = (
        "Write the stored JSON document of every published verdict. Run after each deploy: a "
        "verdict without a document of the current code is built on every page that shows it."
    )

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        written = refresh_all()
        self.stdout.write(f"{written} verdict documents written in {time.perf_counter() - started:.1f} s.")
