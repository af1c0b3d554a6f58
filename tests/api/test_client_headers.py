"""What a client reads in the headers: caching, compression, its rate-limit standing, and JSON
with the request id even for a 500 or a 414."""

import gzip
import json

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/verdicts/", "/api/v1/verdicts/{pk}/", "/api/v1/verdicts/{pk}/claimreview/",
                                  "/api/v1/ratings/", "/api/v1/verdicts/search/?q=civilians"])
def test_public_data_may_be_cached_briefly_by_anyone(anon, verdict, path):
    response = anon.get(path.format(pk=verdict.pk))

    assert response["Cache-Control"] == "public, max-age=60"
    assert "Accept-Language" in response["Vary"]


def test_private_data_is_not_marked_public(as_alice, verdict):
    for path in ("/api/v1/claims/", f"/api/v1/claims/{verdict.claim_id}/", "/api/v1/articles/", "/api/v1/webhooks/"):
        assert "public" not in as_alice.get(path).get("Cache-Control", ""), path


def test_public_data_is_gzipped_for_clients_that_accept_it(anon, alice, erin):
    from tests.api.conftest import make_verdict

    for _ in range(5):
        make_verdict(alice, erin)
    plain = anon.get("/api/v1/verdicts/")
    compressed = anon.get("/api/v1/verdicts/", HTTP_ACCEPT_ENCODING="gzip")

    assert compressed["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(compressed.content)) == plain.json()
    assert len(compressed.content) < len(plain.content) / 3
    assert "Content-Encoding" not in plain


def test_private_data_is_never_compressed(as_alice, verdict):
    # A compressed body holding a secret next to what a caller sent leaks it (BREACH).
    response = as_alice.get(f"/api/v1/claims/{verdict.claim_id}/", HTTP_ACCEPT_ENCODING="gzip")

    assert "Content-Encoding" not in response


@pytest.fixture
def low_rates(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})


def test_throttled_endpoints_tell_the_client_its_standing(anon, reader, low_rates):
    standings = []
    for _ in range(4):
        response = anon.get("/api/v1/ratings/")
        standings.append((response.status_code, response["RateLimit-Limit"], response["RateLimit-Remaining"]))
    client = reader.get("/api/v1/verdicts/")

    assert standings == [(200, "3", "2"), (200, "3", "1"), (200, "3", "0"), (429, "3", "0")]
    assert 0 < int(response["RateLimit-Reset"]) <= 60
    assert (client["RateLimit-Limit"], client["RateLimit-Remaining"]) == ("5", "4")


def test_the_dearer_throttled_endpoints_tell_their_own_standing(anon, verdict, monkeypatch):
    rates = {"anon": "100/min", "user": "100/min", "matching": "2/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    answers = [anon.get("/api/v1/verdicts/search/", {"q": "civilians killed"}) for _ in range(3)]

    assert [(a.status_code, a["RateLimit-Limit"], a["RateLimit-Remaining"]) for a in answers] == [
        (200, "2", "1"), (200, "2", "0"), (429, "2", "0")]
    assert answers[2].json()["error"] == "throttled"


def test_a_server_error_in_the_api_answers_json_with_the_request_id(verdict, settings):
    settings.FACTCHECK_ORGANIZATION = None  # a broken configuration: ClaimReview cannot be built
    client = APIClient(raise_request_exception=False)

    response = client.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/", HTTP_X_REQUEST_ID="report-this-id-1")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": "server_error", "detail": "Something went wrong on our side; quote the request_id when you report it.",
        "field": None, "request_id": "report-this-id-1",
    }


def test_a_url_too_long_answers_414_in_json(anon, settings):
    response = anon.get("/api/v1/verdicts/", {"q": "x" * 9000})

    assert response.status_code == 414
    assert response.json()["error"] == "uri_too_long"
    assert response.json()["request_id"] == response["X-Request-ID"]
