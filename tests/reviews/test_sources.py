"""Adding evidence: source_add and Source.clean."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from reviews.models import Source
from reviews.workflow.errors import InvalidInput, MissingInput, MoveNotAllowed, NotAllowedForRole
from reviews.workflow.services import source_add
from tests.factories import ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "url": "https://stat.gov.kz/bulletin",
    "title": "Statistics bulletin",
    "accessed_on": datetime.date(2026, 3, 1),
    "stance": "refutes",
}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_the_assignee_adds_a_source(alice, researching):
    source = source_add(review=researching, actor=alice, publisher=" Bureau ", **GOOD)

    source.refresh_from_db()
    assert (source.review, source.added_by, source.title, source.publisher, source.stance) == (
        researching,
        alice,
        "Statistics bulletin",
        "Bureau",
        "refutes",
    )


def test_a_withheld_source_needs_a_public_description(alice, researching):
    with pytest.raises(MissingInput) as raised:
        source_add(review=researching, actor=alice, withheld_for_safety=True, **GOOD)

    assert raised.value.field == "public_description"
    source = source_add(
        review=researching, actor=alice, withheld_for_safety=True, public_description="a nurse in Almaty", **GOOD
    )
    assert str(source) == "a nurse in Almaty"


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"url": ""}, "url", MissingInput),
        ({"url": "not a url"}, "url", InvalidInput),
        ({"title": " "}, "title", MissingInput),
        ({"stance": "neutral"}, "stance", InvalidInput),
        ({"accessed_on": datetime.date(2026, 3, 11)}, "accessed_on", InvalidInput),
    ],
)
def test_bad_source_input_is_refused(alice, researching, change, field, error):
    with pytest.raises(error) as raised:
        source_add(review=researching, actor=alice, **{**GOOD, **change})

    assert raised.value.field == field
    assert researching.sources.count() == 1  # the fixture's own


def test_sources_are_closed_once_published_and_for_other_fact_checkers(alice, bob, researching):
    published = ReviewFactory(status="published", assignee=alice)

    with pytest.raises(MoveNotAllowed, match="reopen it first"):
        source_add(review=published, actor=alice, **GOOD)
    with pytest.raises(NotAllowedForRole):
        source_add(review=researching, actor=bob, **GOOD)


def test_clean_refuses_a_withheld_source_without_description():
    source = SourceFactory.build(review=ReviewFactory(), withheld_for_safety=True, public_description="")

    with pytest.raises(ValidationError) as raised:
        source.full_clean()

    assert list(raised.value.message_dict) == ["public_description"]


def test_the_database_refuses_it_too():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(withheld_for_safety=True, public_description="")
    assert Source.objects.count() == 0
