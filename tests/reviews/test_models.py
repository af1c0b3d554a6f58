"""What the database itself guarantees about reviews and their record."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.deletion import ProtectedError

from claims.models import Claim
from claims.services import article_store_claims
from reviews.models import Review, ReviewEvent, VerdictRevision
from reviews.workflow import services
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db

FOUND = {"kind": "statement", "language": "en", "date": None, "speaker": None, "check_after": None,
         "checkworthiness": 0.5}


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


def test_extracting_again_drops_only_the_claims_nobody_touched(alice):
    """A claim the extractor no longer finds goes while nobody has moved its review or added
    evidence; moved and moved back (new again) or given a source, it stays."""
    article = ArticleFactory()
    found = [
        {**FOUND, "text": text, "span": [start, start + len(text)], "quantity": None}
        for text, start in (("Fresh claim", 0), ("Moved and back", 20), ("With a source", 40))
    ]
    article_store_claims(article=article, extracted=found, extractor_version="1")
    _fresh, moved_back, sourced = (Review.objects.get(claim__text=claim["text"]) for claim in found)
    services.review_dismiss(review=moved_back, actor=alice)
    services.review_restore(review=moved_back, actor=alice)
    SourceFactory(review=sourced, added_by=alice)
    assert Review.objects.filter(status="new").count() == 3

    article_store_claims(article=article, extracted=[], extractor_version="2")

    assert sorted(Claim.objects.values_list("text", flat=True)) == ["Moved and back", "With a source"]


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
