"""Celery tasks of the re-checks: thin, take ids, safe to run twice, retried with backoff.

Their names are the ones they had as `reviews.tasks` (beat's schedule and messages already in
the broker know them by name), so they are given explicitly.
"""

import datetime
import logging
from smtplib import SMTPException

from celery import shared_task

from factcheck.queueing import send_tasks
from reviews.rechecks.notices import SEND_NOTICE_TASK, notice_send, notify_editors_of_submission
from reviews.rechecks.sweep import recheck_sweep

log = logging.getLogger(__name__)

# A mail server that is down or refuses for a while: 2, 4, 8 … seconds apart, at most ten
# minutes, eight times; after that the sweep re-queues the notice (notices_requeue_unsent).
MAIL_RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 2,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
    "acks_late": True,
}


@shared_task(name="reviews.tasks.open_due_rechecks", acks_late=True)
def open_due_rechecks(today: str | None = None) -> dict[str, int | bool]:
    """The beat sweep (every RECHECK_SWEEP_MINUTES): open what is due, once."""
    result = recheck_sweep(today=datetime.date.fromisoformat(today) if today else None)
    if result.opened or result.reopened:
        log.info("re-check sweep: %s", result.as_dict())
    return result.as_dict()


@shared_task(name="reviews.tasks.send_recheck_notice", **MAIL_RETRY)
def send_recheck_notice(notice_id: int) -> bool:
    return notice_send(notice_id=notice_id)


@shared_task(name="reviews.tasks.send_recheck_notices", acks_late=True)
def send_recheck_notices(notice_ids: list[int]) -> int:
    """A sweep's batch of notices: one message from the sweep, one send task per notice from
    here, so each is retried on its own and the sweep does not pay for thousands of messages.
    A notice this fails to queue is re-queued by a later sweep (notices_requeue_unsent)."""
    return send_tasks(SEND_NOTICE_TASK, [(notice_id,) for notice_id in notice_ids])


@shared_task(name="reviews.tasks.notify_editors_of_submission_task", **MAIL_RETRY)
def notify_editors_of_submission_task(review_id: int, event_id: int | None = None) -> bool:
    return notify_editors_of_submission(review_id, event_id)
