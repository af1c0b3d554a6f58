"""Sending Celery tasks: by name, after commit, without letting a broker outage break the request.

Domain code records its work in the database first (a pending article, a notice owed, a webhook
delivery) and then names the task that carries it out; it never imports a tasks module, so the
tasks call the services and never the reverse. Every tasks module is imported by its app's
`ready()`, so each process knows every task (eager in tests, routed to the broker otherwise);
a name nobody registered is a programming error and raises KeyError.
"""

import logging
from collections.abc import Callable, Sequence

from django.db import transaction
from kombu.exceptions import OperationalError

from factcheck.celery import app

log = logging.getLogger(__name__)


def send_task(name: str, *args: object) -> bool:
    """Send the task registered as `name` now; on a broker outage log it and return False.

    Work sent here is always also findable in the database (a pending article, a due
    review), so a sweep picks it up once the broker answers again.
    """
    task = app.tasks[name]
    try:
        task.apply_async(args=args)
    except (OperationalError, ConnectionError, OSError) as error:
        log.warning("broker unavailable, %s%r left for the next sweep: %s", name, args, error)
        return False
    return True


def send_task_on_commit(name: str, *args: object) -> None:
    """Send the task once the current transaction commits (at once outside one)."""
    callback: Callable[[], object] = lambda: send_task(name, *args)  # noqa: E731
    transaction.on_commit(callback)



def send_tasks(name: str, args_each: Sequence[tuple[object, ...]]) -> int:
    """Send the task `name` once per argument tuple over one broker connection; how many were
    sent. On a broker outage the rest are left (logged) for the next sweep, as `send_task`."""
    task = app.tasks[name]
    sent = 0
    try:
        if app.conf.task_always_eager:
            for args in args_each:
                task.apply_async(args=args)
                sent += 1
            return sent
        with app.producer_or_acquire() as producer:
            for args in args_each:
                task.apply_async(args=args, producer=producer)
                sent += 1
    except (OperationalError, ConnectionError, OSError) as error:
        log.warning("broker unavailable, %s of %s %s left for the next sweep: %s",
                    len(args_each) - sent, len(args_each), name, error)
    return sent

