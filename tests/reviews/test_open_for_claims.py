"""reviews_open_for_claims: the review each extracted claim starts with."""

import datetime

import pytest

from claims.models import ClaimKind
from reviews.models import Review, ReviewEvent, ReviewStatus
from reviews.workflow.services import reviews_open_for_claims
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_it_opens_a_new_review_with_its_first_event():
    claim = ClaimFactory()

    [review] = reviews_open_for_claims(claims=[claim])

    review.refresh_from_db()
    assert (review.claim, review.status, review.recheck_on, review.version) == (claim, "new", None, 0)
    assert list(Review.objects.untouched()) == [review]
    assert list(ReviewEvent.objects.values("review", "actor", "move", "from_status", "to_status", "note",
                                           "note_code")) == [
        {
            "review": review.pk,
            "actor": None,
            "move": "",
            "from_status": "",
            "to_status": "new",
            "note": "",
            "note_code": "extracted",
        }
    ]
    assert ReviewEvent.objects.get().note_text() == "Claim extracted"


def test_a_claim_about_the_future_starts_scheduled_on_its_check_after_date():
    claim = ClaimFactory(kind=ClaimKind.SCHEDULED, check_after=datetime.date(2030, 5, 2))

    [review] = reviews_open_for_claims(claims=[claim])

    review.refresh_from_db()
    assert (review.status, review.recheck_on) == (ReviewStatus.SCHEDULED, datetime.date(2030, 5, 2))
    assert ReviewEvent.objects.get().to_status == "scheduled"


def test_a_scheduled_claim_without_check_after_starts_new():
    claim = ClaimFactory(kind=ClaimKind.SCHEDULED, check_after=None)

    [review] = reviews_open_for_claims(claims=[claim])

    assert review.status == ReviewStatus.NEW


def test_claims_that_have_a_review_are_left_alone_and_the_repeated_call_creates_nothing():
    article = ArticleFactory()
    reviewed = ReviewFactory(claim__article=article, status=ReviewStatus.DISMISSED)
    fresh = ClaimFactory(article=article)

    created = reviews_open_for_claims(claims=[reviewed.claim, fresh, fresh])
    again = reviews_open_for_claims(claims=[reviewed.claim, fresh])

    assert [r.claim for r in created] == [fresh]
    assert again == []
    assert Review.objects.count() == 2
    assert ReviewEvent.objects.count() == 1
    reviewed.refresh_from_db()
    assert reviewed.status == ReviewStatus.DISMISSED


def test_it_runs_a_constant_number_of_queries(django_assert_max_num_queries):
    article = ArticleFactory()
    claims = [ClaimFactory(article=article) for _ in range(25)]

    with django_assert_max_num_queries(6):  # select, insert reviews, insert events, savepoint
        reviews = reviews_open_for_claims(claims=claims)

    assert len(reviews) == 25
    assert ReviewEvent.objects.filter(review__in=reviews, from_status="").count() == 25


def test_no_claims_no_queries(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert reviews_open_for_claims(claims=[]) == []
