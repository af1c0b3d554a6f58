"""The beat sweep on a real Celery worker and the real Redis broker, polling the local feed
server: within two sweeps the outlet's new articles are stored once and extracted."""

import time

import pytest

from claims.models import Article, EntryStatus, ExtractionStatus, FeedEntry, FeedSource, Outlet
from claims.monitoring.tasks import poll_due_sources
from tests.monitoring.feedserver import Item, article_page, rss
from tests.monitoring.stories import STORIES, WIRE_STORY, republished

pytestmark = pytest.mark.celery_worker


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_two_sweeps_bring_an_outlets_new_articles_in_extracted_once(celery_worker, feed_server):
    items = [
        Item(link=feed_server.serve(f"/news/{n}", article_page(f"Аялдамалар {n}", STORIES[n])), title=f"A{n}")
        for n in range(3)
    ]
    wire = [
        feed_server.serve(f"/{name}/wire", article_page("Мектептер", republished(WIRE_STORY, name)))
        for name in ("first", "second")
    ]
    outlet = Outlet.objects.create(name="Qazaq Daily", languages="kk")
    feed = FeedSource.objects.create(outlet=outlet, url=feed_server.serve(
        "/rss", rss([*items, Item(link=wire[0], title="wire")]), "application/rss+xml", etag='"1"'))
    other = Outlet.objects.create(name="Other Daily", languages="kk")
    FeedSource.objects.create(outlet=other, url=feed_server.serve(
        "/other/rss", rss([Item(link=wire[1], title="wire")]), "application/rss+xml"))

    poll_due_sources.delay()
    assert wait_for(lambda: Article.objects.filter(extraction_status=ExtractionStatus.DONE).count() == 4), (
        list(FeedEntry.objects.values_list("url", "status", "error"))
    )
    assert wait_for(lambda: FeedEntry.objects.exclude(status=EntryStatus.PENDING).count() == 5)

    # A second sweep: nothing is due yet, then the feed is due again and answers 304.
    poll_due_sources.delay()
    FeedSource.objects.filter(pk=feed.pk).update(due_at=FeedSource.objects.get(pk=feed.pk).last_polled_at)
    poll_due_sources.delay()
    assert wait_for(lambda: len(feed_server.hits("/rss")) == 2)
    assert wait_for(lambda: "304" in FeedSource.objects.get(pk=feed.pk).last_report)

    assert Article.objects.count() == 5
    assert all(len(feed_server.hits(f"/news/{n}")) == 1 for n in range(3))
    copy = Article.objects.get(url=wire[1])
    assert copy.duplicate_of == Article.objects.get(url=wire[0])
    assert not copy.claims.exists()
    assert all(article.claims.exists() for article in Article.objects.filter(duplicate_of__isnull=True))
