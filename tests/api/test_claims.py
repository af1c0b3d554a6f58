"""GET /api/v1/claims/: the review queue for the newsroom; published claims only for others."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import make_verdict
from tests.factories import ArticleFactory, ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(alice, bob, erin):
    """Four claims in different states of review."""
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        article = ArticleFactory(language="kk")
        return {
            "new": ReviewFactory(claim__article=article, claim__checkworthiness=0.9, claim__language="kk",
                                 claim__kind="event", claim__text="Әкім жаңа мектеп ашты"),
            "alice": ReviewFactory(status="researching", assignee=alice, claim__checkworthiness=0.5),
            "bob": ReviewFactory(status="scheduled", assignee=bob, recheck_on=datetime.date(2026, 6, 1),
                                 claim__checkworthiness=0.7, claim__kind="scheduled", claim__speaker="Governor"),
            "published": make_verdict(alice, erin),
        }


def ids(client, query: str = "") -> list[int]:
    response = client.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def claim_ids(*reviews) -> list[int]:
    return [review.claim_id for review in reviews]


def test_the_newsroom_sees_every_claim_most_check_worthy_first(as_alice, queue):
    q = queue
    assert ids(as_alice) == claim_ids(q["new"], q["published"], q["bob"], q["alice"])


def test_others_see_published_claims_only(reader, writer, queue):
    assert ids(reader) == claim_ids(queue["published"])
    assert ids(writer) == claim_ids(queue["published"])
    assert reader.get(f"/api/v1/claims/{queue['new'].claim_id}/").status_code == 404
    assert reader.get(f"/api/v1/claims/{queue['published'].claim_id}/").status_code == 200


def test_anonymous_callers_are_asked_to_authenticate(anon, queue):
    for url in ("/api/v1/claims/", f"/api/v1/claims/{queue['new'].claim_id}/", "/api/v1/articles/"):
        response = anon.get(url)
        assert response.status_code == 401
        assert response.json() == {
            "error": "not_authenticated", "detail": "Authentication credentials were not provided.", "field": None,
        }


def test_it_filters_the_queue(as_alice, queue, alice, bob):
    q = queue
    assert ids(as_alice, "status=new") == claim_ids(q["new"])
    assert ids(as_alice, "status=scheduled&recheck_before=2026-06-01") == claim_ids(q["bob"])
    assert ids(as_alice, "recheck_before=2026-05-31") == []
    assert ids(as_alice, "kind=event") == claim_ids(q["new"])
    assert ids(as_alice, "language=kk") == claim_ids(q["new"])
    assert ids(as_alice, f"article={q['new'].claim.article_id}") == claim_ids(q["new"])
    assert ids(as_alice, "assignee=bob") == claim_ids(q["bob"])
    assert ids(as_alice, "assignee=me") == claim_ids(q["published"], q["alice"])
    assert ids(as_alice, "assignee=none") == claim_ids(q["new"])
    assert ids(as_alice, "q=мектеп") == claim_ids(q["new"])
    assert ids(as_alice, "q=governor") == claim_ids(q["bob"])
    assert ids(as_alice, "ordering=checkworthiness") == claim_ids(q["alice"], q["bob"], q["published"], q["new"])
    assert ids(as_alice, "ordering=-date")[0] == q["published"].claim_id


def test_it_refuses_an_unknown_status_filter(as_alice, queue):
    response = as_alice.get("/api/v1/claims/?status=finished")

    assert response.status_code == 400
    assert (response.json()["error"], response.json()["field"]) == ("invalid_input", "status")


def test_a_list_row_is_the_claim_its_article_and_review(as_alice, queue, bob):
    row = as_alice.get("/api/v1/claims/?assignee=bob").json()["results"][0]
    claim = queue["bob"].claim

    assert row == {
        "id": claim.pk,
        "article": {"id": claim.article_id, "title": claim.article.title, "url": None, "outlet": "Newsroom",
                    "published_on": "2018-02-23"},
        "kind": "scheduled",
        "text": claim.text,
        "language": "en",
        "speaker": "Governor",
        "checkworthiness": 0.7,
        "check_after": None,
        "created_at": "2026-03-01T14:00:00+05:00",
        "review": {"id": queue["bob"].pk, "status": "scheduled", "version": 0, "assignee": "bob", "rating": "",
                   "rating_label": "", "rating_value": None, "recheck_on": "2026-06-01", "published_at": None,
                   "updated_at": "2026-03-01T14:00:00+05:00"},
    }


def test_the_detail_has_the_review_sources_events_and_revisions(as_alice, queue):
    review = queue["published"]
    body = as_alice.get(f"/api/v1/claims/{review.claim_id}/").json()

    assert body["review"]["status"] == "published"
    assert body["review"]["submitted_by"] == "alice"
    assert body["review"]["approved_by"] == "erin"
    assert body["review"]["moves"] == []  # reopening is for editors
    assert [source["title"] for source in body["sources"]] == ["Casualty report"]
    assert [(e["move"], e["from_status"], e["to_status"], e["actor"]) for e in body["events"]] == [
        ("take", "new", "researching", "alice"),
        ("submit", "researching", "in_review", "alice"), ("approve", "in_review", "published", "erin"),
    ]
    assert [(r["number"], r["rating"]) for r in body["revisions"]] == [(1, "false")]
    assert body["quantity"] == {"value": 340.0, "upper": None, "comparator": "at_least", "unit": "",
                                "subject": "civilians"}


def test_an_editor_sees_the_moves_open_to_them(as_erin, queue):
    assert as_erin.get(f"/api/v1/claims/{queue['published'].claim_id}/").json()["review"]["moves"] == ["reopen"]
    assert as_erin.get(f"/api/v1/claims/{queue['new'].claim_id}/").json()["review"]["moves"] == [
        "take", "assign", "dismiss", "schedule"]


def test_readers_without_a_role_see_no_audit_log_and_no_withheld_source(reader, queue, alice, erin):
    review = ReviewFactory()
    SourceFactory(review=review, added_by=alice, withheld_for_safety=True, url="https://secret.example/x",
                  public_description="A police officer")
    from tests.api.conftest import publish
    publish(review, author=alice, editor_user=erin)

    body = reader.get(f"/api/v1/claims/{review.claim_id}/").json()

    assert body["events"] == []
    assert body["review"]["moves"] == []
    assert "secret.example" not in str(body)
    assert {"withheld_for_safety": True, "public_description": "A police officer"}.items() <= body["sources"][0].items()


def test_readers_without_a_role_see_no_staff_username(reader, as_alice, alice, erin, settings):
    settings.FACTCHECK_ORGANIZATION = {"name": "Factcheck.kz", "url": "https://factcheck.kz/"}
    review = ReviewFactory()
    SourceFactory(review=review, added_by=alice)
    from tests.api.conftest import publish
    publish(review, author=alice, editor_user=erin)

    client_view = reader.get(f"/api/v1/claims/{review.claim_id}/").json()
    listed = reader.get("/api/v1/claims/").json()["results"][0]
    in_article = reader.get(f"/api/v1/articles/{review.claim.article_id}/claims/").json()["results"][0]
    newsroom = as_alice.get(f"/api/v1/claims/{review.claim_id}/").json()

    assert "alice" not in str(client_view) and "erin" not in str(client_view)
    assert (client_view["review"]["assignee"], client_view["review"]["submitted_by"],
            client_view["review"]["approved_by"]) == (None, "Factcheck.kz", "Factcheck.kz")
    assert client_view["sources"][0]["added_by"] is None
    assert listed["review"]["assignee"] is None and in_article["review"]["assignee"] is None
    assert (newsroom["review"]["assignee"], newsroom["review"]["submitted_by"], newsroom["review"]["approved_by"],
            newsroom["sources"][0]["added_by"]) == ("alice", "alice", "erin", "alice")


def test_readers_without_a_role_may_not_filter_by_assignee(reader, as_alice, alice, erin):
    from tests.api.conftest import publish
    publish(ReviewFactory(), author=alice, editor_user=erin)

    refused = reader.get("/api/v1/claims/", {"assignee": "alice"})

    assert (refused.status_code, refused.json()["field"]) == (403, "assignee")
    assert as_alice.get("/api/v1/claims/", {"assignee": "alice"}).status_code == 200


def test_the_list_costs_the_same_queries_for_one_claim_and_for_fifty(as_alice, alice):
    ReviewFactory(status="researching", assignee=alice)
    as_alice.get("/api/v1/claims/")  # warm the user's permission cache like any later request
    with CaptureQueriesContext(connection) as one:
        assert len(as_alice.get("/api/v1/claims/?page_size=50").json()["results"]) == 1
    for _ in range(49):
        ReviewFactory(status="researching", assignee=alice)
    with CaptureQueriesContext(connection) as fifty:
        assert len(as_alice.get("/api/v1/claims/?page_size=50").json()["results"]) == 50

    assert len(one) == len(fifty)


def test_an_unknown_claim_is_404_in_json(as_alice):
    response = as_alice.get("/api/v1/claims/999999/")

    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "Not found.", "field": None}




@pytest.mark.parametrize("value", ["-2.1583198569816812e+164", "99999999999999999999999", "1.5", "0", "abc"])
def test_it_refuses_an_article_id_no_row_can_have(as_alice, queue, value):
    # A huge number reached SQLite as an integer it cannot hold: a 500, found by the fuzzer.
    response = as_alice.get("/api/v1/claims/", {"article": value})
    assert response.status_code == 400
    assert (response.json()["error"], response.json()["field"]) == ("invalid_input", "article")
