"""A move that loses a race is told so (409), whatever else it would have been told: found by
bench/load.py, where two editors approved the same verdict at once."""

import pytest

from reviews.models import Review, ReviewStatus, VerdictRevision
from reviews.workflow import services
from reviews.workflow.errors import ReviewConflict
from tests.factories import ReviewFactory, SourceFactory, editor, fact_checker

pytestmark = pytest.mark.django_db


def test_the_second_of_two_editors_approving_at_once_hears_of_the_conflict():
    alice, erin, frank = fact_checker("alice"), editor("erin"), editor("frank")
    review = ReviewFactory(status=ReviewStatus.RESEARCHING, assignee=alice)
    SourceFactory(review=review, added_by=alice)
    services.review_submit(review=review, actor=alice, rating="false", explanation="No record of it.")
    # Both editors read the review while it waits for approval ...
    seen_by_erin, seen_by_frank = Review.objects.get(pk=review.pk), Review.objects.get(pk=review.pk)
    services.review_approve(review=seen_by_erin, actor=erin)

    # ... and frank's approval comes second.
    with pytest.raises(ReviewConflict):
        services.review_approve(review=seen_by_frank, actor=frank)
    assert VerdictRevision.objects.filter(review=review).count() == 1
