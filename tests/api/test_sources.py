"""GET/POST /api/v1/claims/{id}/sources/: evidence, added through source_add."""

import pytest

from reviews.models import Source
from tests.api.conftest import publish
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

SOURCE = {
    "url": "https://stat.gov.kz/report/2025", "title": "Statistics bureau report", "publisher": "Stat.gov.kz",
    "accessed_on": "2025-10-01", "stance": "refutes", "quote": "11 schools opened", "primary": True,
}


@pytest.fixture
def researching(alice):
    return ReviewFactory(status="researching", assignee=alice)


def test_the_assignee_adds_a_source_and_reads_it_back(as_alice, researching):
    response = as_alice.post(f"/api/v1/claims/{researching.claim_id}/sources/", SOURCE)

    assert response.status_code == 201
    source = Source.objects.get()
    assert response.json() == {
        "id": source.pk, **SOURCE, "archive_url": "", "withheld_for_safety": False, "public_description": "",
        "added_by": "alice", "added_at": response.json()["added_at"],
    }
    listed = as_alice.get(f"/api/v1/claims/{researching.claim_id}/sources/")
    assert listed.status_code == 200
    assert listed.json() == [response.json()]


def test_adding_the_same_source_twice_stores_two_rows(as_alice, researching):
    # Sources are evidence rows, not a set: the repeated call adds another, as the admin does.
    url = f"/api/v1/claims/{researching.claim_id}/sources/"
    assert as_alice.post(url, SOURCE).status_code == 201
    assert as_alice.post(url, SOURCE).status_code == 201
    assert Source.objects.filter(review=researching).count() == 2


def test_it_says_what_a_source_is_missing(as_alice, researching):
    url = f"/api/v1/claims/{researching.claim_id}/sources/"
    no_title = as_alice.post(url, {**SOURCE, "title": ""})
    withheld = as_alice.post(url, {**SOURCE, "withheld_for_safety": True})
    future = as_alice.post(url, {**SOURCE, "accessed_on": "2999-01-01"})
    bad_url = as_alice.post(url, {**SOURCE, "url": "not a url"})

    assert (no_title.status_code, no_title.json()["error"], no_title.json()["field"]) == (
        400, "missing_input", "title")
    assert (withheld.status_code, withheld.json()["field"]) == (400, "public_description")
    assert (future.status_code, future.json()["field"]) == (400, "accessed_on")
    assert (bad_url.status_code, bad_url.json()["error"], bad_url.json()["field"]) == (400, "invalid_input", "url")
    assert Source.objects.count() == 0


def test_someone_else_than_the_assignee_may_not_add(as_bob, as_erin, researching):
    refused = as_bob.post(f"/api/v1/claims/{researching.claim_id}/sources/", SOURCE)
    assert (refused.status_code, refused.json()["error"]) == (403, "not_allowed_for_role")
    assert as_erin.post(f"/api/v1/claims/{researching.claim_id}/sources/", SOURCE).status_code == 201


def test_a_published_verdict_takes_no_new_source(as_alice, alice, erin):
    review = publish(ReviewFactory(), author=alice, editor_user=erin)

    response = as_alice.post(f"/api/v1/claims/{review.claim_id}/sources/", SOURCE)

    assert (response.status_code, response.json()["error"]) == (409, "move_not_allowed")


def test_outsiders_neither_see_nor_add_sources_of_unpublished_claims(anon, reader, researching):
    url = f"/api/v1/claims/{researching.claim_id}/sources/"
    assert anon.get(url).status_code == 401
    assert reader.get(url).status_code == 404
    assert reader.post(url, SOURCE).status_code == 404
