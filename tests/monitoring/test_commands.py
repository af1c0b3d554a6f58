"""`manage.py add_outlet` and `manage.py poll_feeds`, as an operator runs them."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article, FeedEntry, FeedSource, Outlet
from tests.monitoring.feedserver import Item, article_page, rss
from tests.monitoring.stories import STORIES

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_add_outlet_with_a_feed_and_a_sitemap_then_poll_feeds_brings_its_articles(
    feed_server, django_capture_on_commit_callbacks
):
    links = [feed_server.serve(f"/news/{n}", article_page(f"A{n}", STORIES[n])) for n in range(2)]
    feed = feed_server.serve("/rss", rss([Item(link=link, title=f"A{n}") for n, link in enumerate(links)]),
                             "application/rss+xml")

    added = run("add_outlet", "Qazaq Daily", "--feed", feed, "--sitemap", "https://qazaq.example/news.xml",
                "--language", "kk", "--every", "30")

    outlet = Outlet.objects.get()
    assert added.splitlines() == [
        f"Qazaq Daily (outlet {outlet.pk}):",
        f"  RSS or Atom feed {feed}, every 30 min, due now",
        "  news sitemap https://qazaq.example/news.xml, every 30 min, due now",
    ]
    FeedSource.objects.filter(kind="sitemap").update(enabled=False)  # not on the local server

    with django_capture_on_commit_callbacks(execute=True):
        polled = run("poll_feeds")

    in_order = FeedEntry.objects.order_by("pk").values_list("article_id", flat=True)
    assert polled.splitlines() == [
        f"Qazaq Daily · {feed}: new",
        "  2 entries read, 2 new, 0 seen before.",
        *(f"    stored article {article_id}" for article_id in in_order),
    ]
    articles = Article.objects.all()
    assert articles.count() == 2
    assert all(article.claims.exists() for article in articles)
    assert run("poll_feeds") == "No source is due.\n"
    assert run("poll_feeds", "--all").splitlines()[1] == "  2 entries read, 0 new, 2 seen before."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Daily"], "Give at least one --feed or --sitemap."),
        (["Daily", "--feed", "ftp://x.example/rss"], "'ftp://x.example/rss' is not an http(s) URL."),
        (["Daily", "--feed", "https://x.example/rss", "--language", "de"], "Unknown language 'de'"),
        (["  ", "--feed", "https://x.example/rss"], "The outlet needs a name."),
    ],
)
def test_add_outlet_refuses_bad_input_and_stores_nothing(args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run("add_outlet", *args)
    assert (Outlet.objects.count(), FeedSource.objects.count()) == (0, 0)


def test_add_outlet_twice_with_the_same_feed_is_refused():
    run("add_outlet", "Daily", "--feed", "https://x.example/rss")
    with pytest.raises(CommandError, match=r"https://x\.example/rss is already a source of Daily\."):
        run("add_outlet", "Other", "--feed", "https://x.example/rss")
    assert FeedSource.objects.count() == 1


def test_poll_feeds_prints_why_a_source_failed(feed_server):
    source_url = feed_server.serve("/html", article_page("Home", ["Welcome."]), "text/html")
    run("add_outlet", "Daily", "--feed", source_url)
    assert run("poll_feeds").splitlines() == [
        f"Daily · {source_url}: failed",
        "  Failed (1 in a row): This is an HTML page, not a feed.",
    ]
