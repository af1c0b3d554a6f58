"""`manage.py poll_feeds [--all]`: poll every due source now, printing what each found, and
store its new entries' articles (their extraction is queued as usual)."""

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from claims.models import FeedSource
from claims.monitoring.entries import entry_ingest
from claims.monitoring.polling import source_poll, sources_claim_due


class Command(BaseCommand):
    help = "Poll the due feeds and sitemaps now (--all: every enabled one) and store their new articles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="poll every enabled source, due or not")

    def handle(self, *args: object, **options: object) -> None:
        if options["all"]:
            FeedSource.objects.filter(enabled=True).update(due_at=timezone.now())
        source_ids = sources_claim_due()
        if not source_ids:
            self.stdout.write("No source is due.")
        for source_id in source_ids:
            source = FeedSource.objects.select_related("outlet").get(pk=source_id)
            report = source_poll(source_id=source_id)
            self.stdout.write(f"{source.outlet.name} · {source.url}: {report.outcome}")
            for line in report.lines:
                self.stdout.write(f"  {line}")
            for entry_id in report.new_entry_ids:
                outcome = entry_ingest(entry_id=entry_id)
                detail = f" ({outcome.detail})" if outcome.detail else ""
                article = f" article {outcome.article_id}" if outcome.article_id else ""
                self.stdout.write(f"    {outcome.status}{article}{detail}")
