"""`manage.py import_claimreview FILE_OR_URL`: other fact-checkers' verdicts from a DataFeed
JSON file or a page's ClaimReview JSON-LD, with a progress bar; malformed items are skipped
and listed with their line and reason."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from claims.monitoring.claimreview import ImportReport, MalformedItem, claimreview_items, external_verdicts_import
from claims.monitoring.fetching import http_get
from factcheck.net import UrlFetchRefused

BATCH = 200


class Command(BaseCommand):
    help = "Import ClaimReview verdicts from a DataFeed file, a JSON-LD file, or a fact-checker's page URL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file_or_url")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: object, **options: object) -> None:
        target = str(options["file_or_url"])
        text, content_type = self.read(target)
        try:
            items = claimreview_items(text, content_type=content_type, url=target)
        except MalformedItem as error:
            raise CommandError(f"{target}: {error}") from error
        report = ImportReport()
        bar = tqdm(total=len(items), unit="item", file=self.stderr, disable=bool(options["no_progress"]),
                   desc="ClaimReview")
        for start in range(0, len(items), BATCH):
            batch = items[start : start + BATCH]
            # One transaction a batch: a 1,000-item file is a few commits, not a thousand.
            with transaction.atomic():
                done = external_verdicts_import(batch, imported_from=target, first_number=start + 1)
            report.imported += done.imported
            report.updated += done.updated
            report.skipped.extend(done.skipped)
            bar.update(len(batch))
        bar.close()
        self.stdout.write(
            f"{report.imported} imported, {report.updated} updated, {len(report.skipped)} skipped "
            f"of {len(items)} items."
        )
        for line in report.skipped:
            self.stdout.write(f"  skipped {line}")

    def read(self, target: str) -> tuple[str, str]:
        if target.startswith(("http://", "https://")):
            try:
                fetched = http_get(target, accept="application/ld+json, application/json, text/html;q=0.9")
            except UrlFetchRefused as error:
                raise CommandError(str(error)) from error
            return fetched.text(), fetched.content_type
        path = Path(target)
        try:
            return path.read_text(encoding="utf-8"), "text/html" if path.suffix in {".html", ".htm"} else ""
        except FileNotFoundError as error:
            raise CommandError(f"{target}: no such file") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{target}: not UTF-8 text ({error.reason} at byte {error.start})") from error
        except OSError as error:
            raise CommandError(f"{target}: cannot read it ({error.strerror or error})") from error
