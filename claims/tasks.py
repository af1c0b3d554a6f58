"""Celery tasks of the claims app: thin, take ids, safe to run twice."""

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.db.models import F, Q
from django.utils import timezone

from claims.models import Article, ExtractionStatus
from claims.services import article_mark_failed, article_store_claims
from factcheck.queueing import send_task

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, retry_backoff=True, acks_late=True)
def extract_article(self, article_id: int) -> int:
    """Extract the claims of one article and store them; returns how many claims are new."""
    from claims.extraction import EXTRACTOR_VERSION, extract

    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        log.info("article %s is gone; nothing to extract", article_id)
        return 0
    if article.duplicate_of_id is not None:
        log.info("article %s is the same story as %s; its claims are not extracted again", article_id,
                 article.duplicate_of_id)
        return 0
    Article.objects.filter(pk=article_id).update(extraction_attempts=F("extraction_attempts") + 1)
    try:
        found = [claim.to_record() for claim in extract(article.body, published=article.published_on,
                                                       language=article.language or None)]
    except Exception as error:
        log.exception("extraction of article %s failed", article_id)
        article_mark_failed(article_id=article_id, error=f"{type(error).__name__}: {error}", retryable=False)
        return 0
    try:
        new_claims = article_store_claims(article=article, extracted=found, extractor_version=EXTRACTOR_VERSION)
    except DatabaseError as error:
        article_mark_failed(article_id=article_id, error=f"{type(error).__name__}: {error}", retryable=True)
        raise self.retry(exc=error) from error
    # Stored and committed: each new claim is matched in a task of its own, so extraction never
    # waits for the matcher; a claim whose task is lost is found by the matching sweep.
    for claim in new_claims:
        if not send_task("claims.matching_tasks.match_claim", claim.pk):
            break
    return len(new_claims)


@shared_task(acks_late=True)
def fetch_article(article_id: int, date_from_page: bool = False) -> None:
    """Fetch the page of an article sent as a URL, then queue its extraction."""
    from claims.pages import article_fetch

    # Counted like extraction attempts, so the stalled-work sweep gives up on it in time.
    Article.objects.filter(pk=article_id).update(extraction_attempts=F("extraction_attempts") + 1)
    article_fetch(article_id=article_id, date_from_page=date_from_page)


@shared_task(acks_late=True)
def retry_stalled_extractions() -> int:
    """Queue again articles whose extraction never ran or failed for a passing reason."""
    cutoff = timezone.now() - datetime.timedelta(minutes=settings.EXTRACTION_STALLED_AFTER_MINUTES)
    stalled = (
        Article.objects.filter(
            Q(extraction_status__in=[ExtractionStatus.PENDING, ExtractionStatus.FETCHING])
            | Q(extraction_status=ExtractionStatus.FAILED, extraction_retryable=True),
            updated_at__lt=cutoff,
            duplicate_of__isnull=True,
            extraction_attempts__lt=settings.EXTRACTION_MAX_ATTEMPTS,
        )
        .order_by("updated_at")
        .values_list("pk", "extraction_status")[:500]
    )
    queued = 0
    for article_id, status in stalled:
        # Touch the row so the next sweep waits its turn before queuing it again.
        Article.objects.filter(pk=article_id).update(updated_at=timezone.now())
        # A page never fetched (the broker was down) is fetched now; its date stays as stored.
        task = fetch_article if status == ExtractionStatus.FETCHING else extract_article
        if not send_task(task.name, article_id):
            break
        queued += 1
    return queued
