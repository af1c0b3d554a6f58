"""Articles that come in as HTML or as a URL: their main text, found one way wherever they come in
(the API and the admin's ingest form)."""

import contextlib
import datetime
import hashlib
import ipaddress
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.errors import IngestError
from claims.hashing import content_hash, normalise_body
from claims.models import Article, ExtractionStatus, Language
from claims.services import MAX_BODY_CHARS, Ingested, article_ingest, article_mark_failed, article_queue_extraction
from factcheck import net
from factcheck.net import UrlFetchRefused
from factcheck.queueing import send_task_on_commit


def main_text(html: str, url: str | None = None) -> tuple[str, str, datetime.date | None]:
    """(title, text, date) of the main content of a page, found by trafilatura."""
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    # A Document (a dict only when asked for one with as_dict).
    if document is None or isinstance(document, dict) or not (document.text or "").strip():
        raise IngestError("No article text could be found in the HTML.")
    found_date = None
    if document.date:
        try:
            found_date = datetime.date.fromisoformat(str(document.date)[:10])
        except ValueError:
            found_date = None
    return document.title or "", document.text or "", found_date


def article_ingest_from(
    *,
    title: str,
    published_on: datetime.date | None,
    body: str = "",
    html: str = "",
    url: str | None = None,
    language: str = "",
    outlet: str = "",
    ingested_by: Any = None,
    fetch_later: bool = False,
) -> tuple[Ingested, str]:
    """Store an article given as text, as HTML, or as a URL to fetch; returns what was stored and
    which of the three its text came from. Raises IngestError or UrlFetchRefused.

    With `fetch_later` a URL alone is stored as a `fetching` article at once and fetched by a
    task, so that a slow site never holds the web worker."""
    if body:
        text, text_from = body, "body"
    else:
        if html.strip():
            text_from = "html"
        elif not url:
            raise IngestError("Give the article as text, as HTML, or as a URL to fetch.")
        elif fetch_later:
            return article_queue_fetch(
                url=url, title=title, published_on=published_on, language=language, outlet=outlet,
                ingested_by=ingested_by,
            ), "url"
        else:
            page = fetched_html(url or "")
            html, text_from = page.html, "url"
        found_title, text, found_date = main_text(html, url)
        title = title or found_title
        published_on = published_on or found_date
    ingested = article_ingest(
        title=title,
        body=text,
        published_on=published_on or timezone.localdate(),
        language=language,
        outlet=outlet,
        url=url or None,
        ingested_by=ingested_by,
    )
    return ingested, text_from


def fetched_html(url: str) -> net.FetchedPage:
    page = net.fetch_page(url, timeout=settings.ARTICLE_FETCH_TIMEOUT, max_bytes=settings.ARTICLE_FETCH_MAX_BYTES)
    if page.content_type and "html" not in page.content_type:
        raise UrlFetchRefused(f"{url} is not an HTML page ({page.content_type}).")
    return page


def placeholder_hash(url: str) -> str:
    """The content hash of an article whose page is not fetched yet: unique, and unlike any
    hash of a text."""
    return hashlib.sha256(b"fetching\0" + url.encode()).hexdigest()


def article_queue_fetch(
    *,
    url: str,
    title: str,
    published_on: datetime.date | None,
    language: str = "",
    outlet: str = "",
    ingested_by: Any = None,
) -> Ingested:
    """Store a `fetching` article for `url` and queue the fetch after commit; the same URL
    again is the article stored for it. Refuses at once what no fetch could change."""
    _scheme, host, port, _path = net.target_of(url)
    name = host.lower().rstrip(".")
    if (name == "localhost" or name.endswith(".localhost")) and not net.allowed_privately(host, port):
        # RFC 6761: these names are this machine, whatever a resolver says.
        raise UrlFetchRefused(f"{host} is this machine; only public addresses are fetched.")
    with contextlib.suppress(ValueError):
        # An address given as such is checked now; a name is resolved by the task.
        ipaddress.ip_address(host.strip("[]"))
        net.public_addresses(host, port)
    if language and language not in Language.values:
        raise IngestError(f"Unknown language {language!r}; use one of {', '.join(Language.values)}.")
    existing = Article.objects.filter(url=url).first()
    if existing is not None:
        return Ingested(existing, created=False)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=(title or "").strip()[:500],
                body="",
                url=url,
                published_on=published_on or timezone.localdate(),
                language=language,
                outlet=outlet.strip()[:200],
                content_hash=placeholder_hash(url),
                extraction_status=ExtractionStatus.FETCHING,
                ingested_by=ingested_by,
            )
            send_task_on_commit("claims.tasks.fetch_article", article.pk, published_on is None)
    except IntegrityError:
        winner = Article.objects.filter(url=url).first()
        if winner is None:
            raise
        return Ingested(winner, created=False)
    return Ingested(article, created=True)


def article_fetch(*, article_id: int, date_from_page: bool) -> None:
    """Fetch the page of a `fetching` article and queue its extraction; on failure the article
    is `failed` with the reason. Safe to run twice: only a `fetching` article is fetched."""
    article = Article.objects.filter(pk=article_id, extraction_status=ExtractionStatus.FETCHING).first()
    if article is None or not article.url:
        return
    try:
        page = fetched_html(article.url)
        found_title, text, found_date = main_text(page.html, article.url)
        body = normalise_body(text)
        if len(body) > MAX_BODY_CHARS:
            raise IngestError(f"The article is longer than {MAX_BODY_CHARS:,} characters.")
    except (UrlFetchRefused, IngestError) as error:
        article_mark_failed(article_id=article.pk, error=str(error), retryable=False)
        return
    digest = content_hash(body)
    same_text = Article.objects.filter(content_hash=digest).exclude(pk=article.pk).values_list("pk", flat=True).first()
    if same_text is not None:
        article_mark_failed(
            article_id=article.pk, error=f"The page's text is already stored as article {same_text}.", retryable=False
        )
        return
    try:
        with transaction.atomic():
            fetched = Article.objects.filter(pk=article.pk, extraction_status=ExtractionStatus.FETCHING).update(
                body=body,
                content_hash=digest,
                title=(article.title or found_title or body.split("\n", 1)[0])[:500],
                published_on=(found_date if date_from_page and found_date else article.published_on),
                extraction_status=ExtractionStatus.PENDING,
                updated_at=timezone.now(),
            )
            if fetched:
                article_queue_extraction(article)
    except IntegrityError:
        # The same text was stored between our look-up and our update.
        article_mark_failed(article_id=article.pk, error="The page's text is already stored.", retryable=False)
