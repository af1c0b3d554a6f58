"""The dashboard page: who sees it, what it shows, and that its cost does not grow with the data."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.dashboard.chart import nice_ceiling, weekly_chart_svg
from reviews.dashboard.queries import WeekCount
from tests.dashboard.conftest import at
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/dashboard/"


def test_its_url_sits_inside_the_admin():
    assert reverse("dashboard") == URL


@pytest.mark.parametrize("who", ["checker", "chief"])
def test_fact_checkers_and_editors_see_it(client, newsroom, who):
    client.force_login(getattr(newsroom, who))

    response = client.get(URL)

    assert response.status_code == 200
    assert response.templates[0].name == "admin/dashboard.html"
    assert "Editors&#x27; dashboard" in response.text


def test_staff_without_a_newsroom_role_are_refused(client, outsider):
    client.force_login(outsider)

    assert client.get(URL).status_code == 403


def test_people_who_are_not_staff_are_sent_to_the_login_page(client, db):
    client.force_login(UserFactory(username="reader", is_staff=False))

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/dashboard/")


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(URL)

    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/dashboard/")


def test_the_admin_index_links_to_it_for_the_newsroom_only(client, newsroom, outsider):
    client.force_login(newsroom.checker)
    assert 'id="dashboard-module"' in client.get("/admin/").text

    client.force_login(outsider)
    page = client.get("/admin/").text
    assert 'id="dashboard-module"' not in page
    assert 'id="dashboard-link"' not in page


def test_it_shows_the_figures(client, newsroom, frozen_now):
    reviews = newsroom.open_claims(4, at(0))
    newsroom.take(reviews[0], at(1))
    newsroom.submit(reviews[0], at(2))
    newsroom.take(reviews[1], at(1))
    client.force_login(newsroom.chief)

    page = client.get(URL).text

    counts = dict(re.findall(r'<li data-status="(\w+)"><a href="[^"]*"><span class="count">(\d+)</span>', page))
    assert counts == {
        "new": "2",
        "researching": "1",
        "scheduled": "0",
        "in_review": "1",
        "published": "0",
        "dismissed": "0",
        "total": "4",
    }
    assert "1 verdict waiting for approval" in page
    # The claim in short, with its sentence beside it.
    assert '<span class="short">≥ 340 · civilians</span>' in page
    assert "<q>At least 340 civilians were killed and more than 800 wounded.</q>" in page
    assert ">2.9 d<" in page  # waiting since 2 h after T0; now is 3 days after it
    assert "<svg" in page and "<script" not in page.split('id="weekly"')[1]


def _figures_page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def _busy_newsroom(newsroom, claims: int) -> None:
    """Claims in every status, spread over reviewers, with sources, events and publications."""
    reviews = newsroom.open_claims(claims, at(0))
    for index, review in enumerate(reviews):
        step = index % 5
        if step == 0:
            continue  # stays new
        actor = newsroom.checker if index % 2 else newsroom.other_checker
        newsroom.take(review, at(1), actor=actor)
        if step == 1:
            newsroom.schedule(review, at(2), datetime.date(2026, 3, 6), actor=actor)
        if step >= 3:
            newsroom.submit(review, at(2), actor=actor)
        if step == 4:
            newsroom.approve(review, at(3))


def test_its_query_count_does_not_grow_with_the_number_of_claims(
    client, newsroom, frozen_now, django_assert_num_queries
):
    client.force_login(newsroom.chief)
    _busy_newsroom(newsroom, 5)
    with_five = _figures_page_queries(client)

    _busy_newsroom(newsroom, 45)

    with django_assert_num_queries(with_five):
        assert client.get(URL).status_code == 200


def test_the_chart_draws_two_bars_a_week_on_one_scale(db):
    weeks = [
        WeekCount(datetime.date(2026, 3, 2), opened=40, published=10),
        WeekCount(datetime.date(2026, 3, 9), opened=0, published=20),
    ]

    svg = str(weekly_chart_svg(weeks))

    heights = {(kind, float(height)) for kind, height in re.findall(r'class="bar-(\w+)"[^>]* height="([\d.]+)"', svg)}
    # The scale tops out at 50 over a plot 164 px high.
    assert heights == {("opened", 131.2), ("published", 32.8), ("opened", 0.0), ("published", 65.6)}
    assert (
        svg.startswith("<svg")
        and "<script" not in svg
        and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )


@pytest.mark.parametrize(("value", "top"), [(0, 5), (3, 5), (7, 10), (11, 20), (40, 50), (120, 200), (1000, 1000)])
def test_the_scale_tops_out_at_a_round_number(value, top):
    assert nice_ceiling(value) == top
