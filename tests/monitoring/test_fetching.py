"""The monitoring fetcher against a real local server: a deadline for the whole fetch, the size
cap, and FETCH_ALLOW_HOSTS letting through only the host:port it names."""

import time

import pytest

from claims.monitoring.fetching import fetch_article_page, http_get
from factcheck.net import UrlFetchRefused


def test_a_slow_drip_is_cut_at_the_whole_fetch_deadline(feed_server):
    # A byte every 0.2 s never trips the 2 s socket timeout: only a deadline stops it.
    url = feed_server.serve("/drip", "x" * 100, "application/rss+xml", drip_seconds=0.2)
    started = time.monotonic()

    with pytest.raises(UrlFetchRefused, match=r"took longer than 1 s in all"):
        http_get(url, timeout=2, deadline=1)

    assert time.monotonic() - started < 2


def test_headers_sent_a_byte_at_a_time_are_cut_at_the_deadline_too(feed_server):
    url = feed_server.serve("/drip-head", "<rss/>", "application/rss+xml", drip_seconds=0.05, drip_headers=True)
    started = time.monotonic()

    with pytest.raises(UrlFetchRefused, match=r"took longer than 1 s in all"):
        http_get(url, timeout=2, deadline=1)

    assert time.monotonic() - started < 2


def test_a_page_that_drips_within_the_deadline_is_read_whole(feed_server):
    url = feed_server.serve("/drip", "abcdef", "text/plain", drip_seconds=0.05)
    assert http_get(url, timeout=2, deadline=5).body == b"abcdef"


def test_a_body_over_the_cap_is_refused_even_without_a_length(feed_server):
    url = feed_server.serve("/big", "y" * 5000, "application/rss+xml", drip_seconds=0.0001)
    with pytest.raises(UrlFetchRefused, match=r"larger than 1,000 bytes"):
        http_get(url, max_bytes=1000)


def test_only_the_named_host_and_port_pass_the_address_check(feed_server):
    other_port = feed_server.port + 1 if feed_server.port < 65535 else feed_server.port - 1
    with pytest.raises(UrlFetchRefused, match=r"only public addresses are fetched"):
        http_get(f"http://127.0.0.1:{other_port}/feed")


def test_with_nothing_allowed_the_local_server_is_refused(feed_server, settings):
    settings.FETCH_ALLOW_HOSTS = []
    url = feed_server.serve("/rss", "<rss/>", "application/rss+xml")
    with pytest.raises(UrlFetchRefused, match=r"127\.0\.0\.1 resolves to 127\.0\.0\.1"):
        http_get(url)
    assert feed_server.requests == []


def test_an_entry_page_that_is_not_html_is_refused(feed_server):
    url = feed_server.serve("/file.pdf", b"%PDF-1.4", "application/pdf")
    with pytest.raises(UrlFetchRefused, match=r"is not an HTML page \(application/pdf\)"):
        fetch_article_page(url)
