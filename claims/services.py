"""Storing articles and the claims extracted from them."""

import datetime
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.errors import IngestError, UrlTaken
from claims.hashing import content_hash, normalise_body
from claims.limits import claims_to_store
from claims.models import Article, ArticleOrigin, Claim, ExtractionStatus, FeedSource, Language
from factcheck.queueing import send_task_on_commit
from reviews.workflow.models import Review
from reviews.workflow.services import reviews_open_for_claims

MAX_BODY_CHARS = 1_000_000


@dataclass(frozen=True)
class Ingested:
    article: Article
    created: bool


def article_ingest(
    *,
    title: str,
    body: str,
    published_on: datetime.date,
    language: str = "",
    outlet: str = "",
    url: str | None = None,
    origin: str = ArticleOrigin.SUBMITTED,
    feed_source: FeedSource | None = None,
    duplicate_of: Article | None = None,
    ingested_by: Any = None,
) -> Ingested:
    """Store an article once (by content hash) and queue its extraction after commit.

    A near-duplicate of a stored story (`duplicate_of`) is stored but not extracted: its claims
    are the first article's."""
    body = normalise_body(body or "")
    title = (title or "").strip()
    if not body:
        raise IngestError("The article has no text.")
    if len(body) > MAX_BODY_CHARS:
        raise IngestError(f"The article is longer than {MAX_BODY_CHARS:,} characters.")
    if not title:
        title = body.split("\n", 1)[0][:200]
    if language and language not in Language.values:
        raise IngestError(f"Unknown language {language!r}; use one of {', '.join(Language.values)}.")
    if not isinstance(published_on, datetime.date):
        raise IngestError("published_on must be a date.")
    digest = content_hash(body)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return Ingested(existing, created=False)
    if url and Article.objects.filter(url=url).exists():
        raise UrlTaken(f"Another article with a different text is already stored for {url}.")
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title[:500],
                body=body,
                published_on=published_on,
                language=language,
                outlet=outlet.strip()[:200],
                url=url or None,
                content_hash=digest,
                origin=origin,
                feed_source=feed_source,
                duplicate_of=duplicate_of,
                ingested_by=ingested_by,
            )
            if duplicate_of is None:
                article_queue_extraction(article)
    except IntegrityError:
        # Someone stored the same text between our look-up and our insert.
        winner = Article.objects.filter(content_hash=digest).first()
        if winner is None:
            raise
        return Ingested(winner, created=False)
    return Ingested(article, created=True)


def article_queue_extraction(article: Article) -> None:
    send_task_on_commit("claims.tasks.extract_article", article.pk)


# Not what was found but how it is judged: a new score or speaker kind keeps the claim's key.
_NOT_IN_KEY = frozenset({"checkworthiness", "speaker_kind"})


def extraction_key(claim: dict) -> str:
    found = {key: value for key, value in claim.items() if key not in _NOT_IN_KEY}
    return hashlib.sha256(json.dumps(found, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def claim_fields(claim: dict) -> dict:
    quantity = claim.get("quantity") or {}
    date = claim.get("date") or {}
    quantity_span = quantity.get("span") or (None, None)
    date_span = date.get("span") or (None, None)
    return {
        "kind": claim["kind"],
        "text": claim["text"],
        "span_start": claim["span"][0],
        "span_end": claim["span"][1],
        "language": claim["language"],
        "quantity_value": quantity.get("value"),
        "quantity_upper": quantity.get("upper"),
        "quantity_comparator": quantity.get("comparator") or "",
        "quantity_unit": (quantity.get("unit") or "")[:40],
        "quantity_subject": (quantity.get("subject") or "")[:300],
        "quantity_span_start": quantity_span[0],
        "quantity_span_end": quantity_span[1],
        "date_earliest": date.get("earliest"),
        "date_latest": date.get("latest"),
        "date_text": (date.get("text") or "")[:300],
        "date_span_start": date_span[0],
        "date_span_end": date_span[1],
        "speaker": (claim.get("speaker") or "")[:300],
        "speaker_kind": (claim.get("speaker_kind") or "") if claim.get("speaker") else "",
        "check_after": claim.get("check_after"),
        "checkworthiness": claim["checkworthiness"],
    }


def article_store_claims(*, article: Article, extracted: Sequence[dict], extractor_version: str) -> list[Claim]:
    """Store what the extractor found; returns the claims that are new.

    A second run stores no duplicates: claims are matched on what was found. Claims that the
    extractor no longer finds are dropped only while their review is untouched (the workflow's
    `Review.objects.untouched()`), or when they have none.
    """
    extracted, note = claims_to_store(extracted, settings.ARTICLE_MAX_CLAIMS)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        existing = {claim.extraction_key: claim for claim in article.claims.all()}
        wanted = {extraction_key(found): found for found in extracted}
        kept = set(
            Review.objects.filter(claim__article=article)
            .exclude(pk__in=Review.objects.untouched().values("pk"))
            .values_list("claim_id", flat=True)
        )
        stale = [claim.pk for key, claim in existing.items() if key not in wanted and claim.pk not in kept]
        Claim.objects.filter(pk__in=stale).delete()
        new_claims = Claim.objects.bulk_create(
            [
                Claim(article=article, extraction_key=key, **claim_fields(found))
                for key, found in wanted.items()
                if key not in existing
            ]
        )
        for key, found in wanted.items():
            if key in existing and existing[key].checkworthiness != found["checkworthiness"]:
                Claim.objects.filter(pk=existing[key].pk).update(checkworthiness=found["checkworthiness"])
        reviews_open_for_claims(claims=new_claims)
        languages = [found["language"] for found in extracted]
        Article.objects.filter(pk=article.pk).update(
            extraction_status=ExtractionStatus.DONE,
            extraction_error="",
            extraction_note=note,
            extraction_retryable=False,
            extractor_version=extractor_version,
            extracted_at=timezone.now(),
            language=article.language or (max(set(languages), key=languages.count) if languages else ""),
        )
    return new_claims


def article_mark_failed(*, article_id: int, error: str, retryable: bool) -> None:
    Article.objects.filter(pk=article_id).update(
        extraction_status=ExtractionStatus.FAILED,
        extraction_error=error[:5000],
        extraction_retryable=retryable,
        updated_at=timezone.now(),
    )
