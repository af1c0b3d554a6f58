"""Articles that come in as HTML or as a URL: their main text, found one way wherever they come in
(the API and the admin's ingest form)."""

import datetime

from django.conf import settings
from django.utils import timezone

from claims.api import fetch
from claims.errors import IngestError
from claims.services import Ingested, article_ingest
from factcheck.exceptions import UrlFetchRefused


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
) -> tuple[Ingested, str]:
    """Store an article given as text, as HTML, or as a URL to fetch; returns what was stored and
    which of the three its text came from. Raises IngestError or UrlFetchRefused."""
    if body:
        text, text_from = body, "body"
    else:
        if html.strip():
            text_from = "html"
        elif not url:
            raise IngestError("Give the article as text, as HTML, or as a URL to fetch.")
        else:
            page = fetch.fetch_page(
                url, timeout=settings.ARTICLE_FETCH_TIMEOUT, max_bytes=settings.ARTICLE_FETCH_MAX_BYTES
            )
            if page.content_type and "html" not in page.content_type:
                raise UrlFetchRefused(f"{url} is not an HTML page ({page.content_type}).")
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
    )
    return ingested, text_from
