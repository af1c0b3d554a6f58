"""The verdict list as clients query it: publication dates, several ratings, outlet, kind and
ordering, each refused with a 400 naming the parameter when it cannot be read."""

import datetime

import pytest
import time_machine

from tests.api.conftest import make_verdict

pytestmark = pytest.mark.django_db

MARCH_1 = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def verdicts(alice, erin):
    """Four verdicts published two days apart, from 1 March 2026 (09:00 UTC)."""
    made = {}
    with time_machine.travel(MARCH_1, tick=False) as traveller:
        for name, rating, kind, outlet in [("first", "mostly_true", "quantity", "Kazinform"),
                                            ("second", "false", "event", "Tengrinews"),
                                            ("third", "misleading", "quantity", "kazinform"),
                                            ("fourth", "true", "statement", "")]:
            verdict = make_verdict(alice, erin, rating=rating, kind=kind)
            verdict.claim.article.outlet = outlet
            verdict.claim.article.save(update_fields=["outlet"])
            made[name] = verdict.pk
            traveller.shift(datetime.timedelta(days=2))
    return made


def listed(client, query: str) -> list[int]:
    response = client.get(f"/api/v1/verdicts/?{query}")
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_it_filters_by_publication_date_from_a_day_and_before_another(anon, verdicts):
    # first: 1 March, second: 3 March, third: 5 March, fourth: 7 March.
    assert listed(anon, "published_after=2026-03-03") == [verdicts["fourth"], verdicts["third"], verdicts["second"]]
    assert listed(anon, "published_before=2026-03-03") == [verdicts["first"]]
    assert listed(anon, "published_after=2026-03-02&published_before=2026-03-06") == [
        verdicts["third"], verdicts["second"]]
    assert listed(anon, "published_after=2026-03-08") == []


@pytest.mark.parametrize("name", ["published_after", "published_before"])
@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "03/01/2026", "2026-03-01T00:00:00Z", "2026-3-1x"])
def test_a_date_that_is_not_an_iso_date_is_a_400_naming_it(anon, verdicts, name, value):
    response = anon.get("/api/v1/verdicts/", {name: value})

    assert response.status_code == 400, response.content
    assert (response.json()["error"], response.json()["field"]) == ("invalid_input", name)


def test_several_ratings_are_asked_for_by_repeating_the_parameter(anon, verdicts):
    assert listed(anon, "rating=false&rating=misleading") == [verdicts["third"], verdicts["second"]]
    assert listed(anon, "rating=true") == [verdicts["fourth"]]


def test_a_comma_list_of_ratings_is_refused_not_read_as_one_unknown_rating(anon, verdicts):
    response = anon.get("/api/v1/verdicts/?rating=false,misleading")

    assert (response.status_code, response.json()["field"]) == (400, "rating")


def test_it_filters_by_outlet_in_any_letter_case_and_by_kind(anon, verdicts):
    assert listed(anon, "outlet=KAZINFORM") == [verdicts["third"], verdicts["first"]]
    assert listed(anon, "kind=quantity") == [verdicts["third"], verdicts["first"]]
    assert listed(anon, "kind=event&outlet=Tengrinews") == [verdicts["second"]]
    assert (anon.get("/api/v1/verdicts/?kind=opinion").json()["field"]) == "kind"


def test_it_orders_by_publication_and_by_rating_as_the_scale_reads(anon, verdicts):
    by_date = [verdicts["first"], verdicts["second"], verdicts["third"], verdicts["fourth"]]
    assert listed(anon, "ordering=published") == by_date
    assert listed(anon, "ordering=-published") == by_date[::-1]
    # true, mostly_true, ..., false, then misleading.
    best_first = [verdicts["fourth"], verdicts["first"], verdicts["second"], verdicts["third"]]
    assert listed(anon, "ordering=rating") == best_first
    assert listed(anon, "ordering=-rating") == best_first[::-1]


@pytest.mark.parametrize("ordering", ["published", "-published", "rating", "-rating"])
def test_cursor_pages_under_any_ordering_walk_every_verdict_once_in_order(anon, verdicts, alice, erin, ordering):
    # Two more with the same rating as another: a run of equal values across a page boundary.
    for _ in range(2):
        make_verdict(alice, erin, rating="false")
    whole = listed(anon, f"ordering={ordering}")

    seen, url = [], f"/api/v1/verdicts/?ordering={ordering}&page_size=2"
    while url:
        body = anon.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]

    assert len(whole) == 6
    assert seen == whole


@pytest.mark.parametrize("ordering", ["date", "published,rating", "-", "id", "updated"])
def test_an_unknown_ordering_is_a_400_naming_it(anon, verdicts, ordering):
    response = anon.get("/api/v1/verdicts/", {"ordering": ordering})

    assert response.status_code == 400
    assert (response.json()["error"], response.json()["field"]) == ("invalid_input", "ordering")


@pytest.mark.parametrize("query", ["rating=", "published_after=", "ordering=", "outlet="])
def test_an_empty_parameter_is_a_400_naming_it_not_an_absent_filter(anon, verdicts, query):
    response = anon.get(f"/api/v1/verdicts/?{query}")

    assert response.status_code == 400
    assert (response.json()["error"], response.json()["field"]) == ("empty_parameter", query.rstrip("="))
