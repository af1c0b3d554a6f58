"""Shared fixtures: the services a test needs, and Celery in the mode the test asks for."""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

IN_CI = bool(os.environ.get("CI"))

pytest_plugins = ["tests.fakeweb"]


def pytest_configure(config) -> None:
    # Pages and ClaimReview are read in Kazakh and Russian outside tests/i18n too (a bare
    # `pytest tests/api` has no compiled catalogs otherwise).
    from tests.i18n.catalogs import compile_stale_catalogs

    compile_stale_catalogs()


def skip_or_fail(reason: str) -> None:
    """Where CI is set a missing service is a failure, elsewhere a skip with the reason."""
    if IN_CI:
        pytest.fail(f"{reason} (CI is set, so this test must run)")
    pytest.skip(reason)


def redis_answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def require_postgres() -> None:
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL: set DATABASE_URL=postgres://... (row locks, concurrent connections)")


@pytest.fixture
def require_redis() -> str:
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis://"):
        skip_or_fail("needs a Redis broker: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0")
    if not redis_answers(url):
        skip_or_fail(f"the Redis broker at {url} does not answer")
    return url


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language: a request answered in Russian (the locale
    middleware activates it for the thread) or an activate() in a test must not leak on."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_verdict_pages():
    """Each test's database starts anew, so must the verdict pages kept in the cache (in Redis
    they outlive the test that built them)."""
    from reviews.publishing import verdict_cache

    verdict_cache.bump()
    yield


@pytest.fixture(autouse=True)
def celery_eager(request: pytest.FixtureRequest):
    """Tasks run inline unless a test asks for a real worker (marker celery_worker)."""
    from factcheck.celery import app

    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def celery_worker(require_redis: str, transactional_db: None):
    """A real Celery worker thread on the real Redis broker, consuming a clean queue."""
    from celery.contrib.testing.worker import start_worker

    from factcheck.celery import app

    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker
    app.control.purge()


# The newsroom's people, shared by every app's tests.
@pytest.fixture
def alice(db):
    """A fact-checker."""
    from tests.factories import fact_checker

    return fact_checker("alice")


@pytest.fixture
def bob(db):
    """Another fact-checker."""
    from tests.factories import fact_checker

    return fact_checker("bob")


@pytest.fixture
def erin(db):
    """An editor."""
    from tests.factories import editor

    return editor("erin")


@pytest.fixture
def frank(db):
    """Another editor."""
    from tests.factories import editor

    return editor("frank")


@pytest.fixture
def outsider(db):
    """Staff, but in no newsroom role."""
    from tests.factories import UserFactory

    return UserFactory(username="outsider")
