"""Being a good guest on an outlet's server: one request at a time per host, a minimum gap
between two requests to it, and backoff after failures.

The per-host lock and the time of the last request live in the cache (Redis in production),
so they hold across every worker process.
"""

import datetime
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

MAX_BACKOFF = datetime.timedelta(days=1)


class HostBusy(Exception):
    """Another worker has been talking to this host for longer than we are willing to wait."""


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


@contextmanager
def host_slot(host: str) -> Iterator[None]:
    """Wait for the host's turn (its lock and its minimum gap), hold it while the block runs."""
    lock_key, last_key = f"monitoring:host-lock:{host}", f"monitoring:host-last:{host}"
    token = uuid.uuid4().hex
    # The lock expires on its own, so a worker killed mid-request cannot block the host for good.
    hold = int(settings.FEED_FETCH_DEADLINE) + 5
    gives_up_at = time.monotonic() + settings.FEED_HOST_WAIT_SECONDS
    while not cache.add(lock_key, token, timeout=hold):
        if time.monotonic() >= gives_up_at:
            raise HostBusy(f"{host} is busy with another request; tried again later.")
        time.sleep(0.02)
    try:
        last = cache.get(last_key)
        gap = settings.FEED_HOST_MIN_GAP_SECONDS
        if last is not None and gap > 0:
            wait = float(last) + gap - time.time()
            if wait > 0:
                time.sleep(wait)
        yield
    finally:
        cache.set(last_key, time.time(), timeout=max(60, int(settings.FEED_HOST_MIN_GAP_SECONDS) + 60))
        if cache.get(lock_key) == token:
            cache.delete(lock_key)


def backoff(poll_every: datetime.timedelta, failures: int) -> datetime.timedelta:
    """How long to wait after `failures` failures in a row: the interval doubled each time, at most a day."""
    if failures <= 0:
        return poll_every
    return min(poll_every * (2 ** min(failures, 20)), MAX_BACKOFF)
