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


def send_task_named(name: str, *args: object) -> bool:
    """`send_task` for a task known by its registered name, so that services need not import
    the tasks that call them."""
    from factcheck.celery import app

    if name not in app.tasks:
        # A web process has not imported the tasks modules yet: autodiscovery does it once.
        app.loader.import_default_modules()
    return send_task(app.tasks[name], *args)


def send_task_named_on_commit(name: str, *args: object) -> None:
    callback: Callable[[], object] = lambda: send_task_named(name, *args)  # noqa: E731
    transaction.on_commit(callback)
