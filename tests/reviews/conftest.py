"""Fixtures for the review workflow: people in each role and reviews in each status."""

import pytest

from reviews.models import ReviewEvent
from tests.factories import ReviewFactory, SourceFactory


@pytest.fixture
def researching(alice):
    """A review alice is researching, with one source."""
    review = ReviewFactory(status="researching", assignee=alice)
    SourceFactory(review=review, added_by=alice)
    return review


@pytest.fixture
def in_review(alice):
    """A verdict alice submitted."""
    review = ReviewFactory(
        status="in_review", assignee=alice, submitted_by=alice, rating="false", explanation="No record of it."
    )
    SourceFactory(review=review, added_by=alice)
    return review


def event_rows(review) -> list[tuple]:
    """The review's events as (actor, move, from, to, note), oldest first."""
    return [
        (e.actor.username if e.actor else None, e.move, e.from_status, e.to_status, e.note_text())
        for e in ReviewEvent.objects.filter(review=review).select_related("actor")
    ]
