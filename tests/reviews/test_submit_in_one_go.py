"""Submitting a verdict with its source in one POST; a refused move comes back with all that was typed."""

import datetime

import pytest
import time_machine

from reviews.models import Review, Source
from tests.factories import ReviewFactory
from tests.reviews.conftest import event_rows
from tests.reviews.test_admin import move_url, page_url

pytestmark = pytest.mark.django_db

VERDICT = {
    "move-rating": "false",
    "move-explanation": "The bulletin counts 120, not 340.",
    "move-claim_summary": "340 civilians were killed",
    "move-note": "",
    "move-source_url": "https://stat.gov.kz/bulletin/2018",
    "move-source_title": "Statistics bulletin",
    "move-source_publisher": "Bureau of National Statistics",
    "move-source_accessed_on": "2026-03-09",
    "move-source_stance": "refutes",
    "move-source_quote": "120 people",
}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def taken(alice):
    return ReviewFactory(status="researching", assignee=alice)


def submit(client, review, **changes):
    review = Review.objects.get(pk=review.pk)
    return client.post(move_url(review, "submit"), {"move-version": review.version, **VERDICT, **changes},
                       follow=True)


def test_the_source_and_the_verdict_go_in_one_post(client, alice, taken):
    client.force_login(alice)

    response = submit(client, taken)

    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [
        ("success", "Submit verdict: the review is now in review.")
    ]
    taken.refresh_from_db()
    assert (taken.status, taken.rating, taken.explanation) == (
        "in_review", "false", "The bulletin counts 120, not 340."
    )
    source = Source.objects.get(review=taken)
    assert (source.url, source.title, source.publisher, source.accessed_on, source.stance, source.quote,
            source.added_by) == (
        "https://stat.gov.kz/bulletin/2018", "Statistics bulletin", "Bureau of National Statistics",
        datetime.date(2026, 3, 9), "refutes", "120 people", alice,
    )
    assert [row[1] for row in event_rows(taken)] == ["source_add", "submit"]


def test_a_refused_submit_comes_back_with_everything_typed(client, alice, taken):
    client.force_login(alice)

    response = submit(client, taken, **{"move-source_url": "", "move-source_title": ""})

    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [
        ("error", "Add at least one source before submitting.")
    ]
    page = response.text
    assert "The bulletin counts 120, not 340." in page
    assert '<option value="false" selected>' in page
    assert 'value="Bureau of National Statistics"' in page
    assert "120 people</textarea>" in page
    assert Review.objects.get(pk=taken.pk).status == "researching"
    assert not Source.objects.exists()


def test_a_bad_source_refuses_the_whole_submit_and_keeps_it(client, alice, taken):
    client.force_login(alice)

    response = submit(client, taken, **{"move-source_accessed_on": "2026-03-11"})

    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [
        ("error", "The date accessed cannot be in the future.")
    ]
    assert 'value="Statistics bulletin"' in response.text
    assert 'value="2026-03-11"' in response.text
    assert Review.objects.get(pk=taken.pk).status == "researching"
    assert not Source.objects.exists()


def test_the_typed_form_is_shown_once_then_the_page_is_fresh(client, alice, taken):
    client.force_login(alice)
    submit(client, taken, **{"move-source_url": "", "move-source_title": ""})

    again = client.get(page_url(taken)).text

    assert "The bulletin counts 120, not 340." not in again


def test_the_source_accessed_on_defaults_to_today(client, alice, taken):
    client.force_login(alice)

    page = client.get(page_url(taken)).text

    assert 'name="move-source_accessed_on" value="2026-03-10"' in page
