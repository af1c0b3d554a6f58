"""Query parameters as clients send them: an unknown one or a page size out of range is a 400
that says which, never silently ignored or clamped."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("path", "params", "named"), [
    ("/api/v1/verdicts/", {"raitng": "false"}, "raitng"),
    ("/api/v1/verdicts/", {"rating": "false", "zzz": "1", "aaa": "2"}, "aaa"),
    ("/api/v1/verdicts/{verdict}/", {"page": "2"}, "page"),
    ("/api/v1/verdicts/{verdict}/claimreview/", {"q": "x"}, "q"),
    ("/api/v1/ratings/", {"lang": "kk"}, "lang"),
    ("/api/v1/claims/", {"stauts": "new"}, "stauts"),
    ("/api/v1/claims/{claim}/", {"page_size": "5"}, "page_size"),
    ("/api/v1/articles/", {"language": "kk"}, "language"),
    ("/api/v1/articles/{article}/claims/", {"status": "new"}, "status"),
    ("/api/v1/webhooks/", {"page": "1"}, "page"),
])
def test_an_unknown_query_parameter_is_a_400_naming_it(as_alice, verdict, path, params, named):
    url = path.format(verdict=verdict.pk, claim=verdict.claim_id, article=verdict.claim.article_id)

    response = as_alice.get(url, params)

    assert response.status_code == 400, response.content
    body = response.json()
    assert (body["error"], body["field"]) == ("unknown_parameter", named)
    assert named in body["detail"]
    assert body["request_id"] == response["X-Request-ID"]


@pytest.mark.parametrize(("path", "params"), [
    ("/api/v1/verdicts/", {"rating": "false", "language": "en", "q": "civilians", "page_size": "10",
                           "updated_since": "2020-01-01T00:00:00Z"}),
    ("/api/v1/claims/", {"status": "published", "kind": "quantity", "ordering": "-date", "page": "1",
                         "page_size": "10", "assignee": "me", "q": "x", "recheck_before": "2030-01-01"}),
    ("/api/v1/articles/", {"page": "1", "page_size": "5"}),
    ("/api/v1/articles/{article}/claims/", {"page": "1", "page_size": "5"}),
    ("/api/v1/verdicts/{verdict}/", {"format": "json"}),
])
def test_the_parameters_an_endpoint_reads_are_accepted(as_alice, verdict, path, params):
    url = path.format(verdict=verdict.pk, article=verdict.claim.article_id)

    assert as_alice.get(url, params).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/verdicts/", "/api/v1/claims/", "/api/v1/articles/",
                                  "/api/v1/articles/{article}/claims/"])
@pytest.mark.parametrize("size", ["0", "101", "-1", "1e2", "ten", " 5"])
def test_a_page_size_out_of_range_is_a_400_not_clamped(as_alice, verdict, path, size):
    response = as_alice.get(path.format(article=verdict.claim.article_id), {"page_size": size})

    assert response.status_code == 400, response.content
    assert (response.json()["field"], response.json()["detail"]) == ("page_size", "A whole number from 1 to 100.")


def test_the_largest_page_size_is_accepted(as_alice, verdict):
    assert as_alice.get("/api/v1/verdicts/", {"page_size": "100"}).status_code == 200
    assert as_alice.get("/api/v1/claims/", {"page_size": "1"}).status_code == 200


def test_head_reads_the_same_parameters_as_get(anon, verdict):
    assert anon.head("/api/v1/verdicts/", {"page_size": "5"}).status_code == 200
    assert anon.head("/api/v1/verdicts/", {"pgae_size": "5"}).status_code == 400


@pytest.mark.parametrize(("path", "params"), [
    ("/api/v1/verdicts/", {"page_size": ""}),
    ("/api/v1/claims/", {"status": ""}),
    ("/api/v1/external-verdicts/", {"q": ""}),
    ("/api/v1/feed-sources/", {"enabled": ""}),
])
def test_an_empty_query_parameter_is_a_400_naming_it(as_erin, path, params):
    response = as_erin.get(path, params)

    assert response.status_code == 400, response.content
    assert (response.json()["error"], response.json()["field"]) == ("empty_parameter", next(iter(params)))


@pytest.mark.parametrize("path", ["/api/v1/external-verdicts/", "/api/v1/verdicts/", "/api/v1/claims/"])
def test_a_nul_character_in_a_query_parameter_is_a_400_not_a_database_error(as_erin, path):
    response = as_erin.get(path, {"q": "budget\x00"})

    assert response.status_code == 400, response.content
    assert (response.json()["error"], response.json()["field"]) == ("invalid_parameter", "q")


def test_a_method_an_endpoint_lacks_is_a_405_whatever_its_parameters(anon):
    for path in ("/api/v1/verdicts/?page=1", "/api/v1/ratings/?x=1"):
        assert anon.generic("TRACE", path).status_code == 405, path


def test_a_path_with_an_encoded_newline_is_a_json_404(anon):
    response = anon.get("/api/v1/external-verdicts/a%0Ab/")

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_a_page_number_that_is_not_a_whole_number_from_1_is_a_400_and_past_the_end_a_404(as_erin):
    for page in ("0", "-1", "last", "1.5"):
        response = as_erin.get("/api/v1/claims/", {"page": page})
        assert (response.status_code, response.json()["field"]) == (400, "page"), page
    assert as_erin.get("/api/v1/claims/", {"page": "2"}).status_code == 404
