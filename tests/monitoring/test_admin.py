"""Outlets, their sources and other fact-checkers' verdicts through the admin pages."""

import pytest
from django.urls import reverse

from claims.models import Article, ExternalVerdict, FeedSource, Outlet
from claims.monitoring.claimreview import external_verdicts_import
from claims.monitoring.tasks import poll_due_sources
from reviews.models import Review
from tests.monitoring.claimreviews import claimreview
from tests.monitoring.feedserver import Item, article_page, rss
from tests.monitoring.stories import STORIES, WIRE_STORY, republished

pytestmark = pytest.mark.django_db


def outlet_form(name: str, url: str, *, kind: str = "feed", languages: str | list[str] = "kk",
                minutes: str = "15") -> dict:
    return {
        "name": name, "home_page": "", "languages": languages,
        "sources-TOTAL_FORMS": "1", "sources-INITIAL_FORMS": "0", "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-kind": kind, "sources-0-url": url, "sources-0-poll_minutes": minutes, "sources-0-enabled": "on",
    }


def test_an_editor_adds_an_outlet_and_two_sweeps_bring_its_articles_into_the_queue_once(
    client, erin, feed_server, django_capture_on_commit_callbacks
):
    items = [Item(link=feed_server.serve(f"/news/{n}", article_page(f"A{n}", STORIES[n])), title=f"A{n}")
             for n in range(3)]
    client.force_login(erin)

    response = client.post(reverse("admin:claims_outlet_add"),
                           outlet_form("Qazaq Daily", feed_server.serve("/rss", rss(items), "application/rss+xml")))

    assert response.status_code == 302, response.content.decode()[:2000]
    outlet = Outlet.objects.get()
    assert (outlet.name, outlet.languages, [s.url for s in outlet.sources.all()]) == (
        "Qazaq Daily", "kk", [feed_server.url("/rss")]
    )
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            poll_due_sources()
    articles = Article.objects.filter(outlet="Qazaq Daily")
    assert sorted(articles.values_list("url", flat=True)) == sorted(item.link for item in items)
    assert Review.objects.filter(claim__article__in=articles, status="new").count() >= 3
    assert all(len(feed_server.hits(f"/news/{n}")) == 1 for n in range(3))


@pytest.mark.parametrize(
    ("url", "languages", "message"),
    [
        ("ftp://news.example/rss", "kk", "is not an http(s) URL."),
        ("https://news.example/rss", ["kk", "de"], "de is not one of the available choices."),
    ],
)
def test_bad_input_on_the_outlet_form_is_refused_and_stores_nothing(client, erin, url, languages, message):
    client.force_login(erin)
    response = client.post(reverse("admin:claims_outlet_add"), outlet_form("Daily", url, languages=languages))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Outlet.objects.count(), FeedSource.objects.count()) == (0, 0)


def test_a_fact_checker_sees_outlets_and_sources_but_may_not_change_them(client, alice):
    outlet = Outlet.objects.create(name="Daily")
    source = FeedSource.objects.create(outlet=outlet, url="https://news.example/rss")
    client.force_login(alice)

    assert client.get(reverse("admin:claims_outlet_changelist")).status_code == 200
    page = client.get(reverse("admin:claims_outlet_change", args=[outlet.pk]))
    assert page.status_code == 200 and 'name="name"' not in page.content.decode()
    assert client.get(reverse("admin:claims_outlet_add")).status_code == 403
    client.post(reverse("admin:claims_feedsource_change", args=[source.pk]), {"url": "https://evil.example/"})
    assert FeedSource.objects.get().url == "https://news.example/rss"


def test_staff_without_a_role_do_not_see_outlets(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("admin:claims_outlet_changelist")).status_code == 403


def test_a_switched_off_source_shows_why_on_the_outlet_page_and_in_the_list(client, alice):
    outlet = Outlet.objects.create(name="Daily")
    FeedSource.objects.create(outlet=outlet, url="https://news.example/rss", enabled=False, consecutive_failures=8,
                              disabled_reason="Switched off after 8 failed polls in a row; the last: HTTP 500.")
    client.force_login(alice)
    assert "Switched off after 8 failed polls in a row; the last: HTTP 500." in client.get(
        reverse("admin:claims_outlet_change", args=[outlet.pk])).content.decode()
    assert "Switched off after 8 failed polls" in client.get(reverse("admin:claims_outlet_changelist")).content.decode()
    assert "Switched off after 8 failed polls" in client.get(
        reverse("admin:claims_feedsource_changelist")).content.decode()


def test_an_editor_switches_a_source_on_again(client, erin):
    source = FeedSource.objects.create(outlet=Outlet.objects.create(name="Daily"), url="https://news.example/rss",
                                       enabled=False, consecutive_failures=8, disabled_reason="broken")
    client.force_login(erin)
    response = client.post(reverse("admin:claims_feedsource_changelist"),
                           {"action": "switch_on", "_selected_action": [source.pk]}, follow=True)
    assert "1 source switched on." in response.content.decode()
    source.refresh_from_db()
    assert (source.enabled, source.consecutive_failures, source.disabled_reason) == (True, 0, "")


def test_the_review_page_lists_where_else_the_story_appeared(client, alice, feed_server,
                                                             django_capture_on_commit_callbacks):
    links = {name: feed_server.serve(f"/{name}/wire", article_page("Мектептер", republished(WIRE_STORY, name)))
             for name in ("Kazinform", "Tengri", "Orda")}
    for name, link in links.items():
        outlet = Outlet.objects.create(name=name, languages="kk")
        FeedSource.objects.create(outlet=outlet, url=feed_server.serve(f"/{name}/rss", rss([Item(link=link,
                                                                                                   title="x")]),
                                                                     "application/rss+xml"))
        with django_capture_on_commit_callbacks(execute=True):
            poll_due_sources()
    review = Review.objects.filter(claim__article__outlet="Kazinform").first()
    client.force_login(alice)

    page = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()

    assert "The story appeared in 3 places" in page
    for name, link in links.items():
        assert f"<td>{name}</td>" in page and f'href="{link}"' in page
    assert page.count("near-duplicate") == 2


def test_a_review_of_a_story_seen_once_lists_no_appearances(client, alice, feed_server,
                                                            django_capture_on_commit_callbacks):
    link = feed_server.serve("/news/1", article_page("A", STORIES[1]))
    FeedSource.objects.create(outlet=Outlet.objects.create(name="Daily", languages="kk"),
                              url=feed_server.serve("/rss", rss([Item(link=link, title="x")]), "application/rss+xml"))
    with django_capture_on_commit_callbacks(execute=True):
        poll_due_sources()
    client.force_login(alice)
    page = client.get(reverse("admin:reviews_review_change", args=[Review.objects.first().pk])).content.decode()
    assert "story-appearances" not in page


def test_other_fact_checkers_verdicts_are_searchable_and_show_their_licence(client, alice):
    external_verdicts_import([claimreview(1), claimreview(2, claimReviewed="Бензин бағасы 10 пайызға өсті")],
                             imported_from="test")
    client.force_login(alice)

    found = client.get(reverse("admin:claims_externalverdict_changelist"), {"q": "Бензин"}).content.decode()
    assert "Бензин бағасы 10 пайызға өсті" in found and "Елде 1 мың" not in found
    verdict = ExternalVerdict.objects.get(url="https://factcheck.example/checks/1")
    page = client.get(reverse("admin:claims_externalverdict_change", args=[verdict.pk])).content.decode()
    assert "https://creativecommons.org/licenses/by/4.0/" in page
    assert client.get(reverse("admin:claims_externalverdict_add")).status_code == 403


def test_the_dashboard_lists_switched_off_and_failing_feeds_with_the_reason(client, alice):
    outlet = Outlet.objects.create(name="Daily")
    FeedSource.objects.create(outlet=outlet, url="https://daily.example/rss", enabled=False, consecutive_failures=8,
                              disabled_reason="Switched off after 8 failed polls in a row; the last: HTTP 500.")
    FeedSource.objects.create(outlet=outlet, url="https://daily.example/sitemap.xml", consecutive_failures=2,
                              last_error="https://daily.example/sitemap.xml answered HTTP 503.")
    FeedSource.objects.create(outlet=outlet, url="https://daily.example/fine.xml")
    client.force_login(alice)

    page = client.get(reverse("dashboard")).content.decode()

    assert "Switched off after 8 failed polls in a row; the last: HTTP 500." in page
    assert "answered HTTP 503." in page
    assert "fine.xml" not in page


def test_the_dashboard_says_nothing_of_feeds_when_all_are_well(client, alice):
    FeedSource.objects.create(outlet=Outlet.objects.create(name="Daily"), url="https://daily.example/rss")
    client.force_login(alice)
    assert "feeds-in-trouble" not in client.get(reverse("dashboard")).content.decode()
