"""The re-check sweep: scheduled reviews come back when their date arrives, once."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import formats

from reviews.models import Notice, Review, ReviewEvent, ReviewStatus, VerdictRecheck
from reviews.rechecks.sweep import RECHECK_DATES, due_open, recheck_sweep
from reviews.rechecks.tasks import open_due_rechecks
from reviews.workflow.errors import MoveNotAllowed, NotAllowedForRole
from reviews.workflow.services import reviews_open_due
from tests.factories import ReviewFactory, ScheduledReviewFactory, VerdictRecheckFactory

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
pytestmark = pytest.mark.django_db


def events(review: Review) -> list[tuple]:
    return [
        (event.actor_id, event.move, event.from_status, event.to_status, event.note_text())
        for event in ReviewEvent.objects.filter(review=review)
    ]


def test_a_claim_for_11_to_20_march_stays_scheduled_on_20_march_and_opens_on_21_march(
    alice, django_capture_on_commit_callbacks
):
    review = ScheduledReviewFactory(assignee=alice)
    assert (review.recheck_on, review.claim.date_earliest, review.claim.date_latest) == (
        datetime.date(2018, 3, 21), datetime.date(2018, 3, 11), datetime.date(2018, 3, 20)
    )

    with time_machine.travel(datetime.datetime(2018, 3, 20, 23, 59, tzinfo=ALMATY), tick=False):
        assert open_due_rechecks()["opened"] == 0
    review.refresh_from_db()
    assert review.status == ReviewStatus.SCHEDULED

    # 00:05 on 21 March in Almaty is still 20 March in UTC: the day is the newsroom's.
    with (
        time_machine.travel(datetime.datetime(2018, 3, 21, 0, 5, tzinfo=ALMATY), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert open_due_rechecks()["opened"] == 1
    review.refresh_from_db()
    assert (review.status, review.assignee, review.recheck_on, review.version) == (
        ReviewStatus.RESEARCHING, alice, None, 1
    )
    assert events(review) == [
        (None, "open_due", "scheduled", "researching", "Re-check date March 21, 2018 arrived"),
    ]


def test_an_unassigned_claim_goes_back_to_new(bob, django_capture_on_commit_callbacks):
    review = ScheduledReviewFactory()
    with django_capture_on_commit_callbacks(execute=True):
        result = recheck_sweep(today=datetime.date(2018, 3, 21))
    review.refresh_from_db()
    assert (result.opened, review.status, review.assignee) == (1, ReviewStatus.NEW, None)
    assert events(review)[-1][1:4] == ("open_due", "scheduled", "new")


def test_the_second_sweep_opens_nothing_again(alice, mailoutbox, django_capture_on_commit_callbacks):
    review = ScheduledReviewFactory(assignee=alice)
    with django_capture_on_commit_callbacks(execute=True):
        first = recheck_sweep(today=datetime.date(2018, 3, 21))
        second = recheck_sweep(today=datetime.date(2018, 3, 22))
    assert (first.opened, second.opened) == (1, 0)
    assert ReviewEvent.objects.filter(review=review, move="open_due").count() == 1
    assert Notice.objects.filter(review=review).count() == 1
    assert len(mailoutbox) == 1


def test_a_review_opened_elsewhere_is_not_opened_again(alice):
    review = ScheduledReviewFactory(assignee=alice)
    day = datetime.date(2018, 3, 21)
    assert due_open(RECHECK_DATES, row_id=review.pk, today=day).to_status == ReviewStatus.RESEARCHING
    assert due_open(RECHECK_DATES, row_id=review.pk, today=day) is None
    assert due_open(RECHECK_DATES, row_id=review.pk + 1000, today=day) is None


def test_reviews_that_are_not_scheduled_or_not_due_are_left_alone(alice):
    researching = ReviewFactory(status=ReviewStatus.RESEARCHING, assignee=alice)
    later = ScheduledReviewFactory(recheck_on=datetime.date(2018, 4, 1))
    result = recheck_sweep(today=datetime.date(2018, 3, 21))
    assert result.opened == 0
    assert Review.objects.get(pk=researching.pk).status == ReviewStatus.RESEARCHING
    assert Review.objects.get(pk=later.pk).status == ReviewStatus.SCHEDULED


def test_the_sweep_works_in_batches_until_nothing_is_due(alice):
    reviews = [ScheduledReviewFactory(assignee=alice) for _ in range(7)]
    result = recheck_sweep(today=datetime.date(2018, 3, 21), batch_size=3)
    assert result.opened == 7 and result.finished
    assert set(Review.objects.filter(pk__in=[r.pk for r in reviews]).values_list("status", flat=True)) == {
        ReviewStatus.RESEARCHING
    }


def test_a_sweep_out_of_time_stops_and_the_next_one_carries_on(alice):
    ScheduledReviewFactory(assignee=alice)
    stopped = recheck_sweep(today=datetime.date(2018, 3, 21), seconds=-1)
    assert (stopped.opened, stopped.finished) == (0, False)
    assert recheck_sweep(today=datetime.date(2018, 3, 21)).opened == 1


def test_a_date_moved_later_in_the_admin_is_respected(alice, client):
    review = ScheduledReviewFactory(assignee=alice)
    client.force_login(alice)
    # On 15 March the fact-checker moves the date on the review's page, as a person does.
    with time_machine.travel(datetime.datetime(2018, 3, 15, 10, 0, tzinfo=ALMATY), tick=False):
        response = client.post(
            f"/admin/reviews/review/{review.pk}/reschedule/",
            {"reschedule-version": review.version, "reschedule-recheck_on": "2018-04-02",
             "reschedule-note": "postponed"},
        )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.recheck_on) == (ReviewStatus.SCHEDULED, datetime.date(2018, 4, 2))

    assert recheck_sweep(today=datetime.date(2018, 3, 21)).opened == 0
    assert recheck_sweep(today=datetime.date(2018, 4, 1)).opened == 0
    assert recheck_sweep(today=datetime.date(2018, 4, 2)).opened == 1
    assert [row[1:] for row in events(review)[-2:]] == [
        ("reschedule", "scheduled", "scheduled",
         "Re-check date moved to April 2, 2018 (was March 21, 2018): postponed"),
        ("open_due", "scheduled", "researching", "Re-check date April 2, 2018 arrived"),
    ]


def test_a_published_verdict_to_check_again_is_reopened_for_a_correction(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    due = VerdictRecheckFactory(review__assignee=alice, check_again_on=datetime.date(2018, 6, 1))
    review = due.review
    assert recheck_sweep(today=datetime.date(2018, 5, 31)).reopened == 0

    with django_capture_on_commit_callbacks(execute=True):
        first = recheck_sweep(today=datetime.date(2018, 6, 1))
        second = recheck_sweep(today=datetime.date(2018, 6, 1))
    review.refresh_from_db()
    assert (first.reopened, second.reopened) == (1, 0)
    assert (review.status, review.assignee) == (ReviewStatus.RESEARCHING, alice)
    assert events(review) == [
        (None, "reopen_due", "published", "researching",
         "Check-again date June 1, 2018 arrived (the ministry promised it by June)"),
    ]
    assert not VerdictRecheck.objects.filter(pk=due.pk).exists()
    assert [m.subject[:34] for m in mailoutbox] == ["Published verdict to check again: "]


def test_a_check_again_date_of_a_verdict_no_longer_published_waits(alice):
    due = VerdictRecheckFactory(review__status=ReviewStatus.RESEARCHING, review__assignee=alice)
    assert recheck_sweep(today=datetime.date(2018, 6, 2)).reopened == 0
    assert VerdictRecheck.objects.filter(pk=due.pk).exists()


def test_the_open_due_move_is_the_systems_only_and_starts_from_scheduled(alice):
    from reviews.workflow.services.moves import _check

    review = ScheduledReviewFactory()
    with pytest.raises(MoveNotAllowed):
        _check(ReviewFactory(status=ReviewStatus.NEW), "open_due", None)
    with pytest.raises(NotAllowedForRole):
        _check(review, "open_due", alice)
    assert _check(review, "open_due", None).name == "open_due"


def test_the_seed_articles_mid_march_claim_opens_on_the_first_sweep(db, django_capture_on_commit_callbacks):
    """Loaded today (the seed is from 2018): its date has long passed, so the next sweep opens it."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_seeds")
    waiting = Review.objects.filter(status=ReviewStatus.SCHEDULED, claim__text__contains="Сирия келіссөзі")
    assert list(waiting.values_list("recheck_on", "claim__date_earliest", "claim__date_latest")) == [
        (datetime.date(2018, 3, 21), datetime.date(2018, 3, 11), datetime.date(2018, 3, 20))
    ]
    review = waiting.get()

    with django_capture_on_commit_callbacks(execute=True):
        result = open_due_rechecks()
    review.refresh_from_db()
    assert result["opened"] >= 1
    assert review.status == ReviewStatus.NEW
    assert events(review)[-1] == (None, "open_due", "scheduled", "new", "Re-check date March 21, 2018 arrived")


def test_a_batch_opens_only_its_scheduled_reviews_that_are_due_each_once(alice):
    day = datetime.date(2018, 3, 21)
    due = [ScheduledReviewFactory(assignee=alice), ScheduledReviewFactory()]
    later = ScheduledReviewFactory(recheck_on=day + datetime.timedelta(days=1))
    taken = ReviewFactory(status=ReviewStatus.RESEARCHING)
    ids = [review.pk for review in [*due, later, taken]]

    with transaction.atomic():
        openings = reviews_open_due(ids=ids, today=day)
    assert sorted(opening.review_id for opening in openings) == [due[0].pk, due[1].pk]
    assert {opening.event.to_status for opening in openings} == {ReviewStatus.RESEARCHING, ReviewStatus.NEW}
    assert [opening.event.note_text() for opening in openings] == [
        f"Re-check date {formats.date_format(review.recheck_on)} arrived" for review in due
    ]
    for review in due:
        before = review.version
        review.refresh_from_db()
        assert (review.version, review.recheck_on) == (before + 1, None)
    later.refresh_from_db()
    assert later.status == ReviewStatus.SCHEDULED
    with transaction.atomic():
        assert reviews_open_due(ids=ids, today=day) == []
    assert ReviewEvent.objects.filter(review__in=due, move="open_due").count() == 2
