"""The public front page and the Atom feed of published verdicts."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine

from reviews.workflow import services
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def publish(alice, erin, text: str, when: datetime.datetime, rating: str = "false"):
    article = ArticleFactory(body=f"Хабар. {text}", outlet="Kazinform")
    review = ReviewFactory(status="researching", assignee=alice,
                           claim=ClaimFactory(article=article, span_start=article.body.index(text), language="kk"))
    SourceFactory(review=review)
    with time_machine.travel(when, tick=False):
        services.review_submit(review=review, actor=alice, rating=rating, explanation=f"Explained: {text}")
        services.review_approve(review=review, actor=erin)
    return review


@pytest.fixture
def verdicts(alice, erin):
    first = datetime.datetime(2026, 2, 23, 9, 0, tzinfo=datetime.UTC)
    return [
        publish(alice, erin, "Сирияда 340 адам қаза тапты.", first),
        publish(alice, erin, "Бюджет 12 пайызға өсті.", first + datetime.timedelta(days=1), rating="true"),
    ]


def listed(page: str) -> list[str]:
    return re.findall(r'<a href="(/verdicts/\d+/)">', page)


def test_the_front_page_lists_published_verdicts_newest_first_linking_their_pages(client, verdicts, alice):
    ReviewFactory(status="researching", assignee=alice)  # not published: not listed

    page = client.get("/")

    assert page.status_code == 200
    older, newer = verdicts
    assert listed(page.text) == [f"/verdicts/{newer.pk}/", f"/verdicts/{older.pk}/"]
    for link in listed(page.text):
        assert client.get(link).status_code == 200


def test_the_front_page_search_ignores_case(client, verdicts):
    older, _newer = verdicts

    assert listed(client.get("/", {"q": "СИРИЯДА"}).text) == [f"/verdicts/{older.pk}/"]
    assert listed(client.get("/", {"q": "kazinform"}).text) == listed(client.get("/").text)
    assert 'id="no-verdicts"' in client.get("/", {"q": "жоқ-сөз"}).text


def test_the_front_page_and_verdict_page_speak_the_visitors_language_with_local_dates(client, verdicts):
    older, _newer = verdicts
    client.cookies["django_language"] = "kk"

    front = client.get("/").text
    verdict = client.get(f"/verdicts/{older.pk}/").text

    assert '<html lang="kk">' in front
    assert "23 ақпан 2026 ж." in front
    assert "23 ақпан 2026 ж." in verdict and "2026-02-23" not in verdict.split("</script>")[-1]
    client.cookies["django_language"] = "en"
    assert "Feb. 23, 2026" in client.get("/").text


def test_a_verdict_under_correction_stays_on_the_front_page(client, verdicts, erin):
    older, _newer = verdicts
    services.review_reopen(review=older, actor=erin, note="New figures")

    assert f"/verdicts/{older.pk}/" in listed(client.get("/").text)


def test_the_atom_feed_has_one_entry_a_verdict_newest_first(client, verdicts):
    older, newer = verdicts

    response = client.get("/verdicts/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        f"http://testserver/verdicts/{newer.pk}/", f"http://testserver/verdicts/{older.pk}/"
    ]
    assert entries[1].find(f"{ATOM}updated").text.startswith("2026-02-23T")
    assert "Сирияда 340 адам қаза тапты." in entries[1].find(f"{ATOM}title").text
