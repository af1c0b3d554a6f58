"""Request bodies as the schema describes them: JSON only, no unknown fields, each field in its
own JSON type; anything else is a 400 (or 415) naming what is wrong, and nothing is stored."""

import pytest

from claims.models import Outlet
from reviews.publishing.models import WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/api/v1/claims/{claim}/take/", {"version": "0"}, "version"),
    ("/api/v1/claims/{claim}/take/", {"version": True}, "version"),
    ("/api/v1/claims/{claim}/take/", {"note": 12}, "note"),
    ("/api/v1/claims/{claim}/schedule/", {"recheck_on": 20270315}, "recheck_on"),
    ("/api/v1/outlets/", {"name": "Daily", "feeds": ["https://x.example/rss"], "is_fact_checker": 0},
     "is_fact_checker"),
    ("/api/v1/outlets/", {"name": "Daily", "feeds": "https://x.example/rss"}, "feeds"),
    ("/api/v1/webhooks/", {"url": "https://hooks.example/in", "active": "yes"}, "active"),
])
def test_a_field_in_another_json_type_is_a_400_naming_it(as_erin, new_review, path, body, field):
    response = as_erin.post(path.format(claim=new_review.claim_id), body, format="json")

    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    new_review.refresh_from_db()
    assert new_review.status == "new"
    assert not Outlet.objects.exists()
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize(("path", "body"), [
    ("/api/v1/claims/{claim}/take/", {"version": 0, "asignee": 3}),
    ("/api/v1/outlets/", {"name": "Daily", "feeds": ["https://x.example/rss"], "langauges": ["kk"]}),
    ("/api/v1/articles/", {"body": "Кемінде 340 адам қаза тапты.", "publised_on": "2018-02-23"}),
])
def test_an_unknown_field_is_a_400_naming_it(as_erin, new_review, path, body):
    response = as_erin.post(path.format(claim=new_review.claim_id), body, format="json")

    assert response.status_code == 400, response.content
    assert response.json()["field"] in {"asignee", "langauges", "publised_on"}
    assert response.json()["errors"] == {response.json()["field"]: ["Unknown field."]}


def test_a_form_body_is_a_415_not_read_as_a_form(as_erin, new_review):
    # In a form an empty field means "not sent": the same input must not mean two things.
    response = as_erin.post(f"/api/v1/claims/{new_review.claim_id}/take/", {"note": ""}, format="multipart")

    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"
    new_review.refresh_from_db()
    assert new_review.status == "new"


def test_the_right_types_are_taken(as_erin, new_review):
    response = as_erin.post(f"/api/v1/claims/{new_review.claim_id}/take/", {"version": new_review.version,
                                                                            "note": "mine"}, format="json")

    assert response.status_code == 200, response.content
