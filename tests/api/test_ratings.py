"""GET /api/v1/ratings/: the rating scale for anyone."""

import pytest

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_whole_scale(anon):
    response = anon.get("/api/v1/ratings/")

    assert response.status_code == 200
    body = response.json()
    assert (body["best_rating"], body["worst_rating"]) == (5, 1)
    assert [(r["value"], r["label"], r["number"]) for r in body["ratings"]] == [
        ("true", "True", 5), ("mostly_true", "Mostly true", 4), ("half_true", "Half true", 3),
        ("mostly_false", "Mostly false", 2), ("false", "False", 1), ("misleading", "Misleading", None),
        ("unproven", "Unproven", None),
    ]
    assert body["ratings"][4]["definition"] == "The claim is not accurate."


def test_the_scale_is_read_only(anon, as_erin):
    assert anon.post("/api/v1/ratings/", {}).status_code == 405
    assert as_erin.post("/api/v1/ratings/", {}).status_code == 405
