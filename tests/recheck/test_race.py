"""Two sweeps at once (beat fired twice, an operator ran the command): each review opens once."""

import copy
import datetime
import threading

import pytest
from django.db import connection

from reviews.models import Notice, Review, ReviewEvent, ReviewStatus, SuggestedEvidence
from reviews.rechecks.sweep import SweepResult, recheck_sweep
from tests.factories import ScheduledReviewFactory, VerdictRecheckFactory
from tests.recheck.conftest import broker_at

DUE = datetime.date(2018, 3, 21)


def sweep_concurrently(sweeps: int, **options: object) -> list[SweepResult]:
    """Start `sweeps` sweeps together, each in its own thread with its own connection."""
    start = threading.Barrier(sweeps)
    results: list[SweepResult] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            results.append(recheck_sweep(today=DUE, **options))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(sweeps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres")
@pytest.mark.parametrize("batch_size", [5, 200])
def test_two_sweeps_at_once_open_each_review_once_with_one_event_and_one_email(alice, bob, mailoutbox, batch_size):
    assigned = [ScheduledReviewFactory(assignee=alice) for _ in range(20)]
    unassigned = [ScheduledReviewFactory() for _ in range(20)]
    published = [VerdictRecheckFactory(review__assignee=bob, check_again_on=DUE) for _ in range(5)]

    results = sweep_concurrently(2, batch_size=batch_size)

    assert sum(r.opened for r in results) == 40
    assert sum(r.reopened for r in results) == 5
    for review in assigned + unassigned + [due.review for due in published]:
        assert ReviewEvent.objects.filter(review=review, actor=None).exclude(move="").count() == 1
        assert Notice.objects.filter(review=review).count() == 1
    assert set(Review.objects.filter(pk__in=[r.pk for r in assigned]).values_list("status", flat=True)) == {
        ReviewStatus.RESEARCHING
    }
    assert set(Review.objects.filter(pk__in=[r.pk for r in unassigned]).values_list("status", flat=True)) == {
        ReviewStatus.NEW
    }
    assert len(mailoutbox) == 45
    recipients = [tuple(m.to) for m in mailoutbox]
    assert recipients.count(("alice@newsroom.example",)) == 20
    assert recipients.count(("alice@newsroom.example", "bob@newsroom.example")) == 20
    assert recipients.count(("bob@newsroom.example",)) == 5
    assert Notice.objects.filter(sent_at__isnull=True).count() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres")
def test_four_sweeps_at_once_suggest_each_piece_of_evidence_once(alice):
    from tests.recheck.test_evidence import article_with_claim

    reviews = [ScheduledReviewFactory(assignee=alice) for _ in range(10)]
    talks = article_with_claim(
        "Сирия бойынша кезекті келіссөз Астанада 14-15 наурызда өтті",
        earliest=datetime.date(2018, 3, 14), latest=datetime.date(2018, 3, 15), url="https://news.example/t",
    )
    results = sweep_concurrently(4)
    assert sum(r.opened for r in results) == 10
    # Once per review, although four sweeps tried (each review's later twins are suggested too).
    assert sorted(SuggestedEvidence.objects.filter(article=talks).values_list("review_id", flat=True)) == sorted(
        r.pk for r in reviews
    )


def many_due_reviews(count: int, assignee) -> list[int]:
    """`count` scheduled reviews due by DUE (every other one assigned), inserted in bulk."""
    template = ScheduledReviewFactory().claim
    Review.objects.all().delete()
    claims = []
    for number in range(count):
        claim = copy.copy(template)
        claim.pk, claim.id = None, None
        claim.extraction_key = f"many-{number}"
        claims.append(claim)
    claims = type(template).objects.bulk_create(claims)
    reviews = Review.objects.bulk_create(
        Review(claim=claim, status=ReviewStatus.SCHEDULED, recheck_on=DUE - datetime.timedelta(days=number % 30),
               assignee=assignee if number % 2 else None)
        for number, claim in enumerate(claims)
    )
    return [review.pk for review in reviews]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres")
def test_four_sweeps_at_once_over_5000_due_reviews_open_each_once_with_one_event_and_one_notice(alice):
    ids = many_due_reviews(5000, alice)
    # Queued to an in-memory broker, not sent inline: the notices owed are what is counted here.
    with broker_at("memory://"):
        results = sweep_concurrently(4, batch_size=200, suggest=False)

    assert sum(r.opened for r in results) == 5000
    assert all(r.finished for r in results)
    events = ReviewEvent.objects.filter(review_id__in=ids, move="open_due")
    assert events.count() == 5000
    assert events.values("review_id").distinct().count() == 5000
    notices = Notice.objects.filter(review_id__in=ids)
    assert notices.count() == 5000
    assert notices.values("review_id").distinct().count() == 5000
    assert not Review.objects.filter(pk__in=ids, status=ReviewStatus.SCHEDULED).exists()
    assert Review.objects.filter(pk__in=ids, status=ReviewStatus.RESEARCHING, assignee=alice).count() == 2500
    assert Review.objects.filter(pk__in=ids, status=ReviewStatus.NEW, assignee=None).count() == 2500
    # Each opening bumped the version once.
    assert set(Review.objects.filter(pk__in=ids).values_list("version", flat=True)) == {1}
