"""Enqueue Celery work after commit without letting a broker outage break the request."""

import logging
from collections.abc import Callable

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)


def send_task(task: Task, *args: object) -> bool:
    """Send now; on a broker outage log it and return False.

    Work sent here is always also findable in the database (a pending article, a due
    review), so a sweep picks it up once the broker answers again.
    """
    try:
        task.apply_async(args=args)
    except (OperationalError, ConnectionError, OSError) as error:
        log.warning("broker unavailable, %s%r left for the next sweep: %s", task.name, args, error)
        return False
    return True


def send_task_on_commit(task: Task, *args: object) -> None:
    callback: Callable[[], object] = lambda: send_task(task, *args)  # noqa: E731
    transaction.on_commit(callback)
