"""What the database itself guarantees about reviews and their record."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.deletion import ProtectedError

from reviews.models import Review, ReviewEvent, VerdictRevision
from reviews.workflow import services
from tests.factories import ClaimFactory, ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_scheduled_review_always_has_a_recheck_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(status="scheduled", recheck_on=None)


def test_a_claim_has_one_review():
    review = ReviewFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(claim=review.claim)


def test_an_untouched_review_was_never_moved_and_has_no_source(alice):
    scheduled_claim = ClaimFactory(kind="scheduled", check_after=datetime.date(2030, 1, 1))
    fresh, dismissed, sourced, scheduled = services.reviews_open_for_claims(
        claims=[ClaimFactory(), ClaimFactory(), ClaimFactory(), scheduled_claim]
    )
    services.review_dismiss(review=dismissed, actor=alice)
    services.review_restore(review=dismissed, actor=alice)
    SourceFactory(review=sourced)  # evidence added, no move

    assert set(Review.objects.untouched()) == {fresh, scheduled}
    assert (dismissed.status, scheduled.status) == ("new", "scheduled")  # back where it started


def test_dropping_an_untouched_claim_takes_its_review_and_first_event_along():
    claim = ClaimFactory()
    services.reviews_open_for_claims(claims=[claim])

    claim.delete()

    assert (Review.objects.count(), ReviewEvent.objects.count()) == (0, 0)


def test_a_published_verdict_cannot_be_deleted_with_its_claim(alice, erin):
    review = ReviewFactory(status="in_review", submitted_by=alice, rating="true", explanation="x")
    SourceFactory(review=review)
    services.review_approve(review=review, actor=erin)

    with pytest.raises(ProtectedError):
        review.claim.article.delete()

    assert VerdictRevision.objects.filter(review=review).exists()


def test_the_recheck_sweep_index_is_partial_on_scheduled_reviews():
    [index] = [i for i in Review._meta.indexes if i.name == "review_recheck_due_idx"]

    assert (index.fields, index.condition) == (["recheck_on"], Q(status="scheduled"))
