"""Polling real feeds and sitemaps on a local server: what is stored, what is skipped and why."""

import datetime

import pytest
from django.utils import timezone

from claims.models import (
    Article,
    ArticleOrigin,
    EntryStatus,
    ExtractionStatus,
    FeedEntry,
    FeedSource,
    Outlet,
    SourceKind,
)
from claims.monitoring.entries import entry_ingest
from claims.monitoring.polling import source_poll, sources_claim_due
from tests.monitoring.feedserver import Item, article_page, atom, http_date, news_sitemap, rss
from tests.monitoring.stories import STORIES

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)


def make_source(url: str, kind: str = SourceKind.FEED, **kwargs) -> FeedSource:
    outlet, _ = Outlet.objects.get_or_create(name="Qazaq Daily", defaults={"languages": "kk"})
    return FeedSource.objects.create(outlet=outlet, url=url, kind=kind, **kwargs)


def serve_articles(feed_server, count: int, *, start: int = 0, prefix: str = "/news/") -> list[Item]:
    items = []
    for n in range(start, start + count):
        link = feed_server.serve(f"{prefix}{n}", article_page(f"Аялдамалар {n}", STORIES[n]))
        items.append(Item(link=link, title=f"Аялдамалар {n}", published=NOW - datetime.timedelta(hours=n)))
    return items


@pytest.fixture
def poll_and_ingest(django_capture_on_commit_callbacks):
    """Poll a source and ingest its new entries, running what each commit queues (extraction)."""

    def poll(source: FeedSource):
        report = source_poll(source_id=source.pk)
        outcomes = []
        for entry_id in report.new_entry_ids:
            with django_capture_on_commit_callbacks(execute=True):
                outcomes.append(entry_ingest(entry_id=entry_id))
        return report, outcomes

    return poll


def test_an_rss_feed_brings_each_new_entry_in_once_with_its_outlet_url_and_date(feed_server, poll_and_ingest):
    items = serve_articles(feed_server, 3)
    source = make_source(feed_server.serve("/rss", rss(items), "application/rss+xml", etag='"v1"'))

    report, outcomes = poll_and_ingest(source)

    assert report.outcome == "new"
    assert [outcome.status for outcome in outcomes] == ["stored"] * 3
    articles = Article.objects.order_by("title")
    assert [(a.title, a.outlet, a.url, a.published_on, a.origin, a.feed_source_id, a.language) for a in articles] == [
        (f"Аялдамалар {n}", "Qazaq Daily", items[n].link, items[n].published.date(), ArticleOrigin.FEED, source.pk,
         "kk")
        for n in (0, 1, 2)
    ]
    # Extracted after commit, as every article is (Celery runs inline in these tests).
    assert set(articles.values_list("extraction_status", flat=True)) == {ExtractionStatus.DONE}
    assert all(article.claims.exists() for article in articles)

    # The next poll finds nothing new and fetches no page again.
    pages_before = len([r for r in feed_server.requests if r.path.startswith("/news/")])
    feed_server.routes["/rss"].etag = '"v2"'  # a changed feed with the same entries
    report, outcomes = poll_and_ingest(source)
    assert (report.new_entry_ids, outcomes) == ([], [])
    assert "3 entries read, 0 new, 3 seen before." in FeedSource.objects.get().last_report
    assert len([r for r in feed_server.requests if r.path.startswith("/news/")]) == pages_before
    assert Article.objects.count() == 3


def test_the_second_poll_is_conditional_and_a_304_changes_nothing(feed_server, poll_and_ingest):
    items = serve_articles(feed_server, 2)
    modified = http_date(NOW)
    source = make_source(feed_server.serve("/rss", rss(items), "application/rss+xml", etag='"abc"',
                                           last_modified=modified))
    poll_and_ingest(source)
    source.refresh_from_db()
    assert (source.etag, source.last_modified) == ('"abc"', modified)

    report = source_poll(source_id=source.pk)

    second = feed_server.hits("/rss")[1]
    assert (second.headers["if-none-match"], second.headers["if-modified-since"]) == ('"abc"', modified)
    assert report.outcome == "not modified"
    source.refresh_from_db()
    assert (source.consecutive_failures, source.last_error, source.etag) == (0, "", '"abc"')
    assert "304" in source.last_report


def test_last_modified_alone_is_sent_back_when_the_feed_has_no_etag(feed_server):
    modified = http_date(NOW)
    source = make_source(feed_server.serve("/rss", rss(serve_articles(feed_server, 1)), "application/rss+xml",
                                           last_modified=modified))
    source_poll(source_id=source.pk)
    assert source_poll(source_id=source.pk).outcome == "not modified"
    assert "if-none-match" not in feed_server.hits("/rss")[1].headers


def test_an_atom_feed_and_a_news_sitemap_are_read(feed_server, poll_and_ingest):
    atom_items = serve_articles(feed_server, 2, prefix="/atom-news/")
    sitemap_items = serve_articles(feed_server, 2, start=10, prefix="/sitemap-news/")
    atom_source = make_source(feed_server.serve("/atom", atom(atom_items), "application/atom+xml"))
    sitemap_source = make_source(feed_server.serve("/news-sitemap.xml", news_sitemap(sitemap_items),
                                                   "application/xml"), kind=SourceKind.SITEMAP)

    poll_and_ingest(atom_source)
    poll_and_ingest(sitemap_source)

    assert sorted(Article.objects.values_list("url", "origin", "published_on")) == sorted(
        [(item.link, ArticleOrigin.FEED, item.published.date()) for item in atom_items]
        + [(item.link, ArticleOrigin.SITEMAP, item.published.date()) for item in sitemap_items]
    )


def test_the_same_story_in_two_feeds_under_tracking_parameters_is_fetched_once(feed_server, poll_and_ingest):
    link = feed_server.serve("/news/wire", article_page("Аялдамалар", STORIES[0]))
    first = make_source(feed_server.serve("/a", rss([Item(link=link + "?utm_source=rss&utm_medium=feed", title="A")]),
                                          "application/rss+xml"))
    spelt_otherwise = link.replace("http://", "HTTPS://") + "?utm_campaign=wire&fbclid=x#top"
    other = make_source(feed_server.serve("/b", rss([Item(link=spelt_otherwise, title="B")]), "application/rss+xml"))

    poll_and_ingest(first)
    report, _outcomes = poll_and_ingest(other)

    assert report.new_entry_ids == []
    assert len(feed_server.hits("/news/wire")) == 1
    assert list(Article.objects.values_list("url", flat=True)) == [link]
    assert FeedEntry.objects.count() == 1


def test_an_entry_already_stored_by_its_url_is_linked_without_fetching_it(feed_server, poll_and_ingest):
    from claims.services import article_ingest

    link = feed_server.serve("/news/pasted", article_page("Аялдамалар", STORIES[5]))
    pasted = article_ingest(title="Pasted", body="\n".join(STORIES[5]), published_on=NOW.date(), url=link).article
    source = make_source(feed_server.serve("/rss", rss([Item(link=link + "?utm_source=tg", title="x")]),
                                           "application/rss+xml"))

    _report, outcomes = poll_and_ingest(source)

    assert [(o.status, o.article_id) for o in outcomes] == [(EntryStatus.DUPLICATE, pasted.pk)]
    assert feed_server.hits("/news/pasted") == []
    assert Article.objects.count() == 1


def test_only_the_newest_entries_are_taken_from_a_huge_feed(feed_server, settings):
    settings.FEED_MAX_ENTRIES = 25
    items = [Item(link=f"http://{feed_server.netloc}/news/{n}", title=f"n{n}",
                  published=NOW - datetime.timedelta(minutes=n)) for n in range(10_000)]
    items.reverse()  # oldest first: the cap must pick by date, not by position
    source = make_source(feed_server.serve("/huge", rss(items), "application/rss+xml"))

    report = source_poll(source_id=source.pk)

    assert len(report.new_entry_ids) == 25
    assert sorted(FeedEntry.objects.values_list("title", flat=True)) == sorted(f"n{n}" for n in range(25))
    assert "10,000 entries listed; only the newest 25 were taken." in FeedSource.objects.get().last_report


def test_entries_without_a_link_or_with_incredible_dates_are_reported(feed_server, poll_and_ingest):
    good = serve_articles(feed_server, 2)
    future = Item(link=good[0].link, title="future", published=timezone.now() + datetime.timedelta(days=400))
    epoch = Item(link=good[1].link, title="epoch", published=datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC))
    feed = rss([future, epoch]).replace("</channel>", "<item><title>No link here</title></item></channel>")
    source = make_source(feed_server.serve("/odd", feed, "application/rss+xml"))

    _report, outcomes = poll_and_ingest(source)

    source.refresh_from_db()
    assert [outcome.status for outcome in outcomes] == ["stored", "stored"]
    assert "entry 'No link here': no link" in source.last_report
    assert f"{future.link}: date" in source.last_report and "(in the future)" in source.last_report
    assert f"{epoch.link}: date 1970-01-01 ignored (before 1991)" in source.last_report
    # A future date would have hidden every real entry dated before it.
    assert source.last_entry_at is None
    # The page's own date (none here) or today, never the feed's impossible one.
    assert set(Article.objects.values_list("published_on", flat=True)) == {timezone.localdate()}


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (article_page("Home", ["Welcome to our site."]), "text/html", "This is an HTML page, not a feed."),
        ("", "application/rss+xml", "The feed is empty (no content at all)."),
        ('{"items": [{"url": "/news/1"}]}', "application/json", "This is not an RSS or Atom feed"),
        ("<?xml version='1.0'?><rss><chan", "application/rss+xml", "The feed is broken and no entry could be read"),
    ],
    ids=["html", "empty", "json", "truncated"],
)
def test_a_document_that_is_not_a_feed_is_refused_and_changes_nothing_stored(
    feed_server, body, content_type, reason, poll_and_ingest
):
    items = serve_articles(feed_server, 1)
    source = make_source(feed_server.serve("/feed", rss(items), "application/rss+xml", etag='"good"'))
    poll_and_ingest(source)
    before = list(Article.objects.values_list("pk", "url", "body"))
    feed_server.serve("/feed", body, content_type)

    report = source_poll(source_id=source.pk)

    source.refresh_from_db()
    assert report.outcome == "failed"
    assert source.last_error.startswith(reason)
    assert (source.consecutive_failures, source.etag, source.enabled) == (1, '"good"', True)
    assert list(Article.objects.values_list("pk", "url", "body")) == before
    assert FeedEntry.objects.count() == 1


def test_a_broken_feed_that_feedparser_can_still_read_brings_its_entries(feed_server, poll_and_ingest):
    items = serve_articles(feed_server, 1)
    broken = rss(items).replace("</channel></rss>", "<item><title>unclosed &nbsp; entity</title>")
    source = make_source(feed_server.serve("/broken", broken, "application/rss+xml"))

    _report, outcomes = poll_and_ingest(source)

    assert [outcome.status for outcome in outcomes] == ["stored"]
    assert "not well-formed" in FeedSource.objects.get().last_report


def test_a_feed_that_redirects_to_a_private_address_is_refused_without_connecting(feed_server):
    source = make_source(feed_server.serve("/moved", "", location="http://10.1.2.3/feed"))

    report = source_poll(source_id=source.pk)

    source.refresh_from_db()
    assert report.outcome == "failed"
    assert "10.1.2.3" in source.last_error and "only public addresses are fetched" in source.last_error
    assert FeedEntry.objects.count() == 0


def test_an_entry_whose_page_redirects_to_a_private_address_fails_with_the_reason(feed_server, poll_and_ingest):
    link = feed_server.serve("/news/evil", "", location="http://127.0.0.2:9/admin")
    source = make_source(feed_server.serve("/rss", rss([Item(link=link, title="evil")]), "application/rss+xml"))

    _report, outcomes = poll_and_ingest(source)

    entry = FeedEntry.objects.get()
    assert (entry.status, outcomes[0].status) == (EntryStatus.FAILED, "failed")
    assert "127.0.0.2" in entry.error and "only public addresses are fetched" in entry.error
    assert feed_server.hits("/news/evil") and not [r for r in feed_server.requests if r.path == "/admin"]
    assert Article.objects.count() == 0


def test_failures_back_off_doubling_to_a_day_and_switch_the_source_off(feed_server, settings):
    settings.FEED_MAX_FAILURES = 4
    source = make_source(feed_server.serve("/gone", "", status=500), poll_minutes=60)
    gaps = []
    for _ in range(4):
        before = timezone.now()
        source_poll(source_id=source.pk, now=before)
        source.refresh_from_db()
        gaps.append(round((source.due_at - before).total_seconds() / 3600))

    assert gaps == [2, 4, 8, 16]
    assert source.enabled is False
    assert source.disabled_reason.startswith("Switched off on ")
    assert "after 4 failed polls in a row; the last: " in source.disabled_reason
    assert "answered HTTP 500" in source.disabled_reason
    assert sources_claim_due(now=timezone.now() + datetime.timedelta(days=30)) == []


def test_backoff_is_capped_at_a_day(feed_server, settings):
    settings.FEED_MAX_FAILURES = 50
    source = make_source(feed_server.serve("/gone", "", status=503), poll_minutes=600, consecutive_failures=5)
    before = timezone.now()
    source_poll(source_id=source.pk, now=before)
    source.refresh_from_db()
    assert source.due_at - before == datetime.timedelta(days=1)


def test_a_success_after_failures_clears_the_count(feed_server):
    source = make_source(feed_server.serve("/rss", rss(serve_articles(feed_server, 1)), "application/rss+xml"),
                         consecutive_failures=3, last_error="earlier trouble")
    source_poll(source_id=source.pk)
    source.refresh_from_db()
    assert (source.consecutive_failures, source.last_error) == (0, "")


def test_due_sources_are_claimed_once_and_not_before_their_time(feed_server):
    now = timezone.now()
    due = make_source(feed_server.url("/due"), due_at=now - datetime.timedelta(minutes=1))
    make_source(feed_server.url("/later"), due_at=now + datetime.timedelta(hours=1))
    make_source(feed_server.url("/off"), due_at=now - datetime.timedelta(minutes=1), enabled=False)

    assert sources_claim_due(now=now) == [due.pk]
    assert sources_claim_due(now=now) == []  # a second, overlapping sweep
    # A worker that died mid-poll leaves the claim to expire; the source is polled again.
    assert sources_claim_due(now=now + datetime.timedelta(minutes=11)) == [due.pk]
