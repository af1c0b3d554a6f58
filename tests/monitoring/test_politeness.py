"""One request at a time per host, a minimum gap between two, whichever worker sends them."""

import itertools
import threading
import time

import pytest

from claims.monitoring.fetching import http_get
from claims.monitoring.politeness import HostBusy, backoff, host_slot


def test_workers_take_turns_on_one_host_with_the_gap_between_them(settings):
    settings.FEED_HOST_MIN_GAP_SECONDS = 0.15
    turns: list[tuple[float, float]] = []

    def worker() -> None:
        with host_slot("news.example"):
            started = time.monotonic()
            time.sleep(0.03)
            turns.append((started, time.monotonic()))

    threads = [threading.Thread(target=worker) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    turns.sort()
    assert len(turns) == 5
    for (_, ended), (next_started, _) in itertools.pairwise(turns):
        assert next_started - ended >= 0.15 - 0.01


def test_two_hosts_do_not_wait_for_each_other(settings):
    settings.FEED_HOST_MIN_GAP_SECONDS = 5
    started = time.monotonic()
    with host_slot("a.example"):
        pass
    with host_slot("b.example"):
        pass
    assert time.monotonic() - started < 1


def test_a_host_held_too_long_makes_the_next_caller_give_up(settings):
    settings.FEED_HOST_WAIT_SECONDS = 0.2
    settings.FEED_HOST_MIN_GAP_SECONDS = 0
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with host_slot("slow.example"):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(5)
    try:
        with pytest.raises(HostBusy, match=r"slow\.example is busy"), host_slot("slow.example"):
            pass
    finally:
        release.set()
        thread.join()


def test_requests_to_the_feed_server_keep_the_gap(feed_server, settings):
    settings.FEED_HOST_MIN_GAP_SECONDS = 0.2
    url = feed_server.serve("/page", "ok", "text/plain")
    for _ in range(3):
        with host_slot("127.0.0.1"):
            http_get(url)
    times = [request.at for request in feed_server.hits("/page")]
    assert [later - earlier >= 0.19 for earlier, later in itertools.pairwise(times)] == [True, True]


def test_backoff_doubles_from_the_interval_and_stops_at_a_day():
    import datetime

    hour = datetime.timedelta(hours=1)
    assert [backoff(hour, failures) for failures in range(7)] == [
        hour, 2 * hour, 4 * hour, 8 * hour, 16 * hour, datetime.timedelta(days=1), datetime.timedelta(days=1)
    ]
