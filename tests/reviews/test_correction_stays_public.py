"""A correction is worked on while the published verdict stays online, unchanged."""

import pytest

from reviews.workflow import services
from tests.factories import ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(alice, erin):
    review = ReviewFactory(status="researching", assignee=alice)
    SourceFactory(review=review, added_by=alice)
    services.review_submit(review=review, actor=alice, rating="false", explanation="No record of it.")
    services.review_approve(review=review, actor=erin)
    return review


def public_views(client, review) -> dict[str, object]:
    page = client.get(f"/verdicts/{review.pk}/")
    api = client.get(f"/api/v1/verdicts/{review.pk}/")
    claimreview = client.get(f"/api/v1/verdicts/{review.pk}/claimreview/")
    assert (page.status_code, api.status_code, claimreview.status_code) == (200, 200, 200)
    return {"page": page.text, "api": api.json(), "claimreview": claimreview.json()}


def test_a_reopened_verdict_stays_public_and_unchanged_until_the_correction_is_approved(
    client, alice, erin, frank, published
):
    before = public_views(client, published)
    assert before["api"]["correction_under_way"] is False

    services.review_reopen(review=published, actor=erin, note="The ministry published new figures.")
    services.review_submit(review=published, actor=alice, rating="misleading", explanation="Partly so.")
    during = public_views(client, published)

    assert during["api"]["correction_under_way"] is True
    assert {**during["api"], "correction_under_way": False, "updated_at": None} == {
        **before["api"], "updated_at": None
    }
    assert during["claimreview"] == before["claimreview"]
    assert "No record of it." in during["page"] and "Partly so." not in during["page"]
    listed = client.get("/api/v1/verdicts/").json()["results"]
    assert [(v["id"], v["rating"], v["correction_under_way"]) for v in listed] == [
        (published.pk, "false", True)
    ]

    services.review_approve(review=published, actor=frank, correction_note="Rating changed to misleading.")
    after = public_views(client, published)
    assert (after["api"]["rating"], after["api"]["revision"], after["api"]["correction_under_way"]) == (
        "misleading", 2, False
    )
    assert after["claimreview"]["reviewRating"]["alternateName"] != before["claimreview"]["reviewRating"][
        "alternateName"
    ]


def test_a_review_never_published_is_not_public(client, alice):
    review = ReviewFactory(status="researching", assignee=alice)

    assert client.get(f"/verdicts/{review.pk}/").status_code == 404
    assert client.get(f"/api/v1/verdicts/{review.pk}/").status_code == 404
