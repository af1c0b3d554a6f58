"""The beat entry's task on a real Celery worker and the real Redis broker."""

import time

import pytest
from django.core import mail

from factcheck.celery import app
from reviews.models import Notice, Review, ReviewStatus
from tests.factories import ScheduledReviewFactory

pytestmark = pytest.mark.celery_worker


def wait_for(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_beat_runs_the_sweep_every_five_minutes_by_default():
    entry = app.conf.beat_schedule["open-due-rechecks"]
    assert (entry["task"], entry["schedule"]) == ("reviews.tasks.open_due_rechecks", 300.0)
    assert "reviews.tasks.open_due_rechecks" in app.tasks


def test_the_beat_task_opens_a_due_review_on_the_worker_and_the_notice_is_sent(celery_worker, alice, mailoutbox):
    review = ScheduledReviewFactory(assignee=alice)  # due since 21 March 2018

    # What beat does: send the entry's task by name to the broker.
    app.send_task(app.conf.beat_schedule["open-due-rechecks"]["task"])

    assert wait_for(lambda: Review.objects.get(pk=review.pk).status == ReviewStatus.RESEARCHING)
    # The notice goes through the broker a second time (send_recheck_notice, after commit).
    assert wait_for(lambda: Notice.objects.filter(review=review, sent_at__isnull=False).exists())
    assert [m.to for m in mail.outbox] == [["alice@newsroom.example"]]
