"""Outlets, feed sources and other fact-checkers' verdicts through the HTTP API."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import ExternalVerdict, FeedSource, Outlet
from claims.monitoring.claimreview import external_verdicts_import
from tests.monitoring.claimreviews import claimreview

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def when(moment) -> str:
    return serializers.DateTimeField().to_representation(moment)


def source_fields(source: FeedSource) -> dict:
    return {
        "id": source.pk, "outlet": source.outlet_id, "kind": source.kind, "url": source.url,
        "poll_minutes": source.poll_minutes, "enabled": source.enabled,
        "due_at": when(source.due_at), "last_polled_at": None, "last_success_at": None,
        "last_entry_at": None, "consecutive_failures": source.consecutive_failures, "last_error": source.last_error,
        "disabled_reason": source.disabled_reason, "last_report": "",
    }


def test_an_editor_adds_an_outlet_with_a_feed_and_a_sitemap(erin):
    response = as_user(erin).post("/api/v1/outlets/", {
        "name": "Qazaq Daily", "languages": ["kk", "ru"], "feeds": ["https://qazaq.example/rss"],
        "sitemaps": ["https://qazaq.example/news-sitemap.xml"], "poll_minutes": 30,
    }, format="json")

    assert response.status_code == 201, response.json()
    outlet = Outlet.objects.get()
    feed, sitemap = outlet.sources.order_by("kind")
    assert response.json() == {
        "id": outlet.pk, "name": "Qazaq Daily", "home_page": "", "languages": ["kk", "ru"], "is_fact_checker": False,
        "created_at": when(outlet.created_at),
        "sources": [source_fields(source) for source in (sitemap, feed)],  # by URL
    }
    assert (feed.kind, feed.url, feed.poll_minutes, sitemap.kind) == ("feed", "https://qazaq.example/rss", 30,
                                                                      "sitemap")


@pytest.mark.parametrize(
    ("payload", "field", "detail"),
    [
        ({"name": "X", "feeds": ["ftp://x.example/rss"]}, "detail", "'ftp://x.example/rss' is not an http(s) URL."),
        ({"name": "X", "feeds": []}, "feeds", "Give at least one feed or sitemap URL."),
        ({"name": "X", "feeds": ["https://x.example/rss"], "languages": ["de"]}, "languages", None),
        ({"name": "X", "feeds": ["https://x.example/rss"], "poll_minutes": 0}, "poll_minutes", None),
        ({"name": "X", "feeds": ["https://x.example/rss"], "colour": "red"}, "colour", "Unknown field."),
    ],
)
def test_bad_input_is_a_400_that_says_why_and_stores_nothing(erin, payload, field, detail):
    response = as_user(erin).post("/api/v1/outlets/", payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field or field in str(body), body
    if detail:
        assert detail in str(body)
    assert (Outlet.objects.count(), FeedSource.objects.count()) == (0, 0)


def test_a_feed_already_watched_is_refused(erin):
    as_user(erin).post("/api/v1/outlets/", {"name": "A", "feeds": ["https://x.example/rss"]}, format="json")
    response = as_user(erin).post("/api/v1/outlets/", {"name": "B", "feeds": ["https://x.example/rss"]},
                                  format="json")
    assert response.status_code == 409
    assert "https://x.example/rss is already a source of A." in str(response.json())
    assert list(Outlet.objects.values_list("name", flat=True)) == ["A"]


def test_fact_checkers_read_but_do_not_write_and_clients_see_nothing(alice):
    outlet = Outlet.objects.create(name="Daily")
    source = FeedSource.objects.create(outlet=outlet, url="https://x.example/rss")
    checker = as_user(alice)
    assert checker.get("/api/v1/outlets/").status_code == 200
    assert checker.get(f"/api/v1/feed-sources/{source.pk}/").json() == source_fields(source)
    assert checker.post("/api/v1/outlets/", {"name": "B", "feeds": ["https://y.example/"]}).status_code == 403
    assert checker.patch(f"/api/v1/feed-sources/{source.pk}/", {"enabled": False}).status_code == 403

    call_command("create_api_token", "site", "--write", stdout=io.StringIO())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user__username='site').key}")
    assert client.get("/api/v1/outlets/").status_code == 403
    assert client.get("/api/v1/external-verdicts/").status_code == 403
    assert APIClient().get("/api/v1/feed-sources/").status_code == 401


def test_an_editor_switches_a_source_off_and_on_again(erin):
    source = FeedSource.objects.create(outlet=Outlet.objects.create(name="Daily"), url="https://x.example/rss",
                                       enabled=False, consecutive_failures=8, disabled_reason="Switched off after 8")
    editor = as_user(erin)

    response = editor.post(f"/api/v1/feed-sources/{source.pk}/switch-on/")

    assert response.status_code == 200
    assert (response.json()["enabled"], response.json()["consecutive_failures"],
            response.json()["disabled_reason"]) == (True, 0, "")
    again = editor.post(f"/api/v1/feed-sources/{source.pk}/switch-on/")  # the repeated call
    assert again.status_code == 200 and again.json()["enabled"] is True
    assert editor.patch(f"/api/v1/feed-sources/{source.pk}/", {"enabled": False}, format="json").json()[
        "enabled"] is False
    refused = editor.patch(f"/api/v1/feed-sources/{source.pk}/", {"etag": "x", "poll_minutes": 0}, format="json")
    assert refused.status_code == 400
    assert FeedSource.objects.get().etag == ""


def test_the_switched_off_sources_are_listed_with_their_reason(alice):
    outlet = Outlet.objects.create(name="Daily")
    FeedSource.objects.create(outlet=outlet, url="https://x.example/rss")
    off = FeedSource.objects.create(outlet=outlet, url="https://x.example/sitemap.xml", kind="sitemap",
                                    enabled=False, disabled_reason="Switched off after 8 failed polls")
    body = as_user(alice).get("/api/v1/feed-sources/", {"enabled": "false"}).json()
    assert [(row["id"], row["disabled_reason"]) for row in body["results"]] == [
        (off.pk, "Switched off after 8 failed polls")
    ]


def test_other_fact_checkers_verdicts_are_searchable(alice):
    external_verdicts_import([claimreview(1), claimreview(2, claimReviewed="Бензин бағасы 10 пайызға өсті"),
                              claimreview(3, author={"name": "StopFake"}, inLanguage="ru")], imported_from="feed")
    checker = as_user(alice)

    found = checker.get("/api/v1/external-verdicts/", {"q": "Бензин"}).json()
    assert [row["claim_reviewed"] for row in found["results"]] == ["Бензин бағасы 10 пайызға өсті"]
    by_publisher = checker.get("/api/v1/external-verdicts/", {"publisher": "stopfake"}).json()
    verdict = ExternalVerdict.objects.get(publisher="StopFake")
    assert by_publisher["results"] == [{
        "id": verdict.pk, "url": "https://factcheck.example/checks/3",
        "claim_reviewed": "Елде 3 мың жаңа жұмыс орны ашылды", "rating_text": "Жартылай жалған",
        "rating_value": 2.0, "rating_best": 5.0, "rating_worst": 1.0, "publisher": "StopFake", "publisher_url": "",
        "published_on": "2026-10-04", "language": "ru", "claim_author": "Министр",
        "claim_appearance": "https://news.example/3", "licence": "https://creativecommons.org/licenses/by/4.0/",
        "outlet": None, "imported_from": "feed", "created_at": when(verdict.created_at),
    }]
    assert checker.post("/api/v1/external-verdicts/", {}).status_code == 403


@pytest.mark.parametrize("query", [{"outlet": "337227516471490799206400"}, {"outlet": "x"}, {"enabled": "maybe"}])
def test_a_bad_filter_is_a_400_not_a_500(alice, query):
    response = as_user(alice).get("/api/v1/feed-sources/", query)
    assert response.status_code == 400
    assert list(query) == [response.json()["field"]]


def test_an_id_too_long_for_the_column_is_a_404(alice):
    assert as_user(alice).get("/api/v1/feed-sources/3372275164714907992064/").status_code == 404
