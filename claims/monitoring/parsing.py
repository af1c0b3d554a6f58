"""What a feed or a news sitemap lists: its entries' links, titles and dates.

Feeds are read by feedparser (RSS 0.9x to 2.0, RSS 1.0, Atom, and broken feeds it can still
make sense of); news sitemaps (`<urlset>` with `<news:news>`) by lxml with entities and network
access off.
"""

import calendar
import datetime
import time
from dataclasses import dataclass, field

import feedparser
from lxml import etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# Dates before this are a feed's placeholder (the Unix epoch, 0001-01-01), not a publication.
EARLIEST_CREDIBLE = datetime.datetime(1991, 1, 1, tzinfo=datetime.UTC)
# A clock a little ahead is forgiven; a date further on is the feed's mistake.
FUTURE_TOLERANCE = datetime.timedelta(hours=6)


class NotAFeed(ValueError):
    """The document cannot be read as a feed or sitemap at all; the message says why."""


@dataclass
class Entry:
    link: str
    title: str = ""
    published: datetime.datetime | None = None
    language: str = ""


@dataclass
class Listing:
    entries: list[Entry]
    # Entries and dates left out, each with its reason, for the source's report.
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def credible_date(found: datetime.datetime | None, now: datetime.datetime, skipped: list[str],
                  link: str) -> datetime.datetime | None:
    if found is None:
        return None
    if found < EARLIEST_CREDIBLE:
        skipped.append(f"{link}: date {found:%Y-%m-%d} ignored (before {EARLIEST_CREDIBLE:%Y})")
        return None
    if found > now + FUTURE_TOLERANCE:
        skipped.append(f"{link}: date {found:%Y-%m-%d %H:%M} ignored (in the future)")
        return None
    return found


def _struct_to_datetime(value: time.struct_time | None) -> datetime.datetime | None:
    if value is None:
        return None
    try:
        return datetime.datetime.fromtimestamp(calendar.timegm(value), tz=datetime.UTC)
    except (OverflowError, ValueError, OSError):
        return None


def read_feed(body: bytes, *, content_type: str = "", now: datetime.datetime) -> Listing:
    if not body.strip():
        raise NotAFeed("The feed is empty (no content at all).")
    parsed = feedparser.parse(body, response_headers={"content-type": content_type} if content_type else None)
    if not parsed.version and not parsed.entries:
        head = body[:500].lower()
        if b"<html" in head or b"<!doctype html" in head or "html" in content_type:
            raise NotAFeed("This is an HTML page, not a feed.")
        reason = f": {parsed.bozo_exception}" if parsed.bozo else ""
        raise NotAFeed(f"This is not an RSS or Atom feed{reason}.")
    if parsed.bozo and not parsed.entries:
        raise NotAFeed(f"The feed is broken and no entry could be read from it: {parsed.bozo_exception}")
    listing = Listing(entries=[])
    if parsed.bozo:
        listing.warnings.append(f"The feed is not well-formed ({parsed.bozo_exception}); read what could be read.")
    if not parsed.entries:
        listing.warnings.append("The feed has no entries.")
    language = (parsed.feed.get("language") or "")[:2].lower()
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        title = (item.get("title") or "").strip()
        if not link:
            listing.skipped.append(f"entry {title[:80]!r}: no link")
            continue
        found = _struct_to_datetime(item.get("published_parsed") or item.get("updated_parsed"))
        listing.entries.append(
            Entry(link=link, title=title, published=credible_date(found, now, listing.skipped, link),
                  language=language)
        )
    return listing


def _iso_datetime(text: str) -> datetime.datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        found = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=datetime.UTC)


def read_sitemap(body: bytes, *, now: datetime.datetime) -> Listing:
    if not body.strip():
        raise NotAFeed("The sitemap is empty (no content at all).")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as error:
        head = body[:500].lower()
        if b"<html" in head or b"<!doctype html" in head:
            raise NotAFeed("This is an HTML page, not a sitemap.") from error
        raise NotAFeed(f"The sitemap is not well-formed XML: {error}") from error
    if root.tag == f"{{{SITEMAP_NS}}}sitemapindex":
        raise NotAFeed("This is a sitemap index; add the news sitemaps it lists instead.")
    if root.tag != f"{{{SITEMAP_NS}}}urlset":
        raise NotAFeed(f"This is not a sitemap (its root element is {etree.QName(root).localname!r}).")
    listing = Listing(entries=[])
    for url in root.iterfind(f"{{{SITEMAP_NS}}}url"):
        link = (url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
        news = url.find(f"{{{NEWS_NS}}}news")
        title = (news.findtext(f"{{{NEWS_NS}}}title") or "").strip() if news is not None else ""
        if not link:
            listing.skipped.append(f"entry {title[:80]!r}: no link")
            continue
        if news is None:
            # A plain sitemap lists every page the site has ever had, not news.
            listing.skipped.append(f"{link}: no <news:news> element")
            continue
        language = (news.findtext(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}language") or "")[:2].lower()
        found = _iso_datetime(news.findtext(f"{{{NEWS_NS}}}publication_date") or "")
        listing.entries.append(
            Entry(link=link, title=title, published=credible_date(found, now, listing.skipped, link),
                  language=language)
        )
    if not listing.entries and not listing.skipped:
        listing.warnings.append("The sitemap lists no pages.")
    return listing
