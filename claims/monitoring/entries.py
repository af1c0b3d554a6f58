"""A new feed entry's page, fetched once and stored through `article_ingest`, like every
other article: stored once by its text, its claims extracted after commit, unless it is a
near-duplicate of a story already stored."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.errors import IngestError
from claims.models import Article, ArticleOrigin, EntryStatus, FeedEntry, SourceKind
from claims.monitoring.claimreview import claimreviews_in_html, external_verdicts_import
from claims.monitoring.duplicates import story_first_appearance, story_minhash, story_remember
from claims.monitoring.fetching import fetch_article_page
from claims.monitoring.politeness import HostBusy, host_of, host_slot
from claims.monitoring.urls import without_tracking
from claims.pages import main_text
from claims.services import article_ingest
from factcheck.net import UrlFetchRefused


@dataclass(frozen=True)
class EntryOutcome:
    entry_id: int
    status: str
    article_id: int | None = None
    detail: str = ""


def entry_claim(entry_id: int) -> bool:
    """Take a pending entry for fetching; False when another worker has it or it is done."""
    return bool(
        FeedEntry.objects.filter(pk=entry_id, status=EntryStatus.PENDING, attempts__lt=settings.FEED_ENTRY_MAX_ATTEMPTS)
        .update(attempts=F("attempts") + 1, updated_at=timezone.now())
    )


def entry_finish(entry_id: int, status: str, article: Article | None = None, error: str = "") -> EntryOutcome:
    FeedEntry.objects.filter(pk=entry_id).update(
        status=status, article=article, error=error[:5000], updated_at=timezone.now()
    )
    return EntryOutcome(entry_id, status, article.pk if article else None, error)


def entry_ingest(*, entry_id: int) -> EntryOutcome:
    """Fetch the entry's page and store its article; safe to call twice (the second does nothing)."""
    entry = FeedEntry.objects.select_related("source__outlet").filter(pk=entry_id).first()
    if entry is None or not entry_claim(entry_id):
        return EntryOutcome(entry_id, entry.status if entry else "gone")
    source = entry.source
    outlet = source.outlet
    link = without_tracking(entry.link)
    already = Article.objects.filter(url=link).first()
    if already is not None:
        return entry_finish(entry_id, EntryStatus.DUPLICATE, already, "The URL was already stored.")
    try:
        with host_slot(host_of(link)):
            page = fetch_article_page(link)
        title, text, page_date = main_text(page.text(), page.url)
    except HostBusy as error:
        # Not the page's fault: it stays pending for the stalled-entry sweep.
        FeedEntry.objects.filter(pk=entry_id).update(attempts=entry.attempts, updated_at=timezone.now())
        return EntryOutcome(entry_id, EntryStatus.PENDING, detail=str(error))
    except (UrlFetchRefused, IngestError) as error:
        return entry_finish(entry_id, EntryStatus.FAILED, error=str(error))
    published = entry.published_at.date() if entry.published_at else page_date
    languages = outlet.language_list
    minhash = story_minhash(text)
    first = story_first_appearance(minhash)
    try:
        with transaction.atomic():
            ingested = article_ingest(
                title=entry.title or title,
                body=text,
                published_on=published or timezone.localdate(),
                language=languages[0] if len(languages) == 1 else "",
                outlet=outlet.name,
                url=link,
                origin=ArticleOrigin.SITEMAP if source.kind == SourceKind.SITEMAP else ArticleOrigin.FEED,
                feed_source=source,
                duplicate_of=first,
            )
            if not ingested.created:
                return entry_finish(entry_id, EntryStatus.DUPLICATE, ingested.article,
                                    "The same text is already stored.")
            story_remember(ingested.article, minhash)
            if outlet.is_fact_checker:
                # A fact-checker's article carries its verdict as ClaimReview markup.
                external_verdicts_import(claimreviews_in_html(page.text(), page.url), imported_from=page.url,
                                         outlet=outlet)
            return entry_finish(entry_id, EntryStatus.STORED, ingested.article)
    except IngestError as error:
        return entry_finish(entry_id, EntryStatus.FAILED, error=str(error))


def entries_stalled(*, now: datetime.datetime | None = None, limit: int = 500) -> list[int]:
    """Pending entries whose ingestion task was lost (a broker outage, a killed worker)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=settings.EXTRACTION_STALLED_AFTER_MINUTES)
    return list(
        FeedEntry.objects.filter(Q(status=EntryStatus.PENDING), updated_at__lt=cutoff,
                                 attempts__lt=settings.FEED_ENTRY_MAX_ATTEMPTS)
        .order_by("updated_at")
        .values_list("pk", flat=True)[:limit]
    )
