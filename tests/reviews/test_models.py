"""What the database itself guarantees about reviews and their record."""

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


def test_only_an_unmoved_new_review_is_untouched(alice):
    fresh, dismissed = services.reviews_open_for_claims(claims=[ClaimFactory(), ClaimFactory()])
    services.review_dismiss(review=dismissed, actor=alice)
    services.review_restore(review=dismissed, actor=alice)

    assert (fresh.is_untouched, dismissed.is_untouched) == (True, False)
    assert dismissed.status == "new"  # back where it started, but someone looked at it


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
