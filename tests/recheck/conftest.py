"""Fixtures for re-checks: people with email addresses, a flaky mail server, the broker moved."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from smtplib import SMTPServerDisconnected

import pytest
from django.core.mail.backends.locmem import EmailBackend
from kombu import pools


class FlakyMailServer(EmailBackend):
    """locmem, except that the first `failures` sends fail as a mail server that hung up."""

    failures = 0
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail(settings):
    def fail_first(failures: int) -> type[FlakyMailServer]:
        FlakyMailServer.failures, FlakyMailServer.calls = failures, 0
        settings.EMAIL_BACKEND = "tests.recheck.conftest.FlakyMailServer"
        return FlakyMailServer

    return fail_first


@contextmanager
def broker_at(url: str) -> Iterator[None]:
    """Publish to `url` (not eagerly) until the block ends, then to the configured broker again."""
    from factcheck.celery import app

    def drop_connections() -> None:
        # kombu keeps pools per connection in a registry: reset it, or a closed pool comes back.
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    # Celery reads CELERY_BROKER_URL from the environment before its configuration (CI sets it).
    previous = app.conf.broker_url, app.conf.task_always_eager, os.environ.get("CELERY_BROKER_URL")
    app.conf.broker_url, app.conf.task_always_eager = url, False
    os.environ["CELERY_BROKER_URL"] = url
    drop_connections()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager, environ_url = previous
        if environ_url is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = environ_url
        drop_connections()


@pytest.fixture
def eager_retries() -> None:
    """Eager tasks retry inline (with propagation on, a retry is raised instead of run);
    the autouse celery_eager fixture restores the setting."""
    from factcheck.celery import app

    app.conf.task_eager_propagates = False
