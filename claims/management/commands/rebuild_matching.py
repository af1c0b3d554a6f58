"""`manage.py rebuild_matching`: sign every claim for matching and rebuild the index, with a progress bar.

Claims without a signature of the current matcher and embedding (new claims the sweep has
not reached, or all of them after the matcher or the model changed) are signed first; then
the index is built from the stored rows, as a worker does when it starts. --match also
matches every claim again (suggestions are refreshed; confirmed and rejected ones are kept).
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandParser

from claims.matching_service import claim_match, index_rebuild
from claims.models import Claim


class Command(BaseCommand):
    help = "Rebuild the claim-matching index from the database (signing claims that need it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--match", action="store_true", help="Also match every claim again.")
        parser.add_argument("--batch", type=int, default=500)

    def bar(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stdout.flush()

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        m = index_rebuild(progress=self.bar, batch=int(options["batch"]))  # type: ignore[call-overload]
        self.stdout.write("")
        mode = "reduced: words and figures only" if m.reduced else (m.embedder.name if m.embedder else "")
        self.stdout.write(f"index: {len(m)} claims in {time.perf_counter() - started:.1f}s ({mode})")
        if m.reduced:
            sys.stderr.write("matching is reduced: the embedding package is not installed or turned off\n")
        if options["match"]:
            ids = list(Claim.objects.order_by("pk").values_list("pk", flat=True))
            for n, claim_id in enumerate(ids, 1):
                claim_match(claim_id=claim_id)
                self.bar(n, len(ids))
            self.stdout.write("")
            self.stdout.write(f"matched {len(ids)} claims")
