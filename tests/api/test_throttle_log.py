"""The throttles' sliding log kept in Redis by one script: exact under concurrent callers."""

import threading
import time
import uuid

import pytest
from django.core.cache import cache

from tests.conftest import skip_or_fail


@pytest.fixture
def log_request():
    if not hasattr(cache, "log_request"):
        skip_or_fail("needs the Redis cache: set REDIS_URL=redis://127.0.0.1:6379/1")
    return cache.log_request


def test_concurrent_callers_get_exactly_the_limit_through(log_request):
    key, allowed, counts = f"throttle_test_{uuid.uuid4().hex}", [], []
    lock = threading.Lock()

    def caller() -> None:
        for _ in range(20):
            let_through, count, _oldest = log_request(key, time.time(), 60, 50)
            with lock:
                allowed.append(let_through)
                counts.append(count)

    threads = [threading.Thread(target=caller) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(allowed) == 50
    assert max(counts) == 50


def test_requests_older_than_the_window_leave_it(log_request):
    key, start = f"throttle_test_{uuid.uuid4().hex}", time.time()
    assert log_request(key, start, 60, 2) == (True, 1, start)
    assert log_request(key, start + 30, 60, 2) == (True, 2, start)
    assert log_request(key, start + 40, 60, 2) == (False, 2, start)

    assert log_request(key, start + 61, 60, 2) == (True, 2, start + 30)
