"""Fetching feeds, sitemaps and their pages: the one module that uses the safe URL fetcher
(factcheck.net: its address checks with FETCH_ALLOW_HOSTS, and its pinned connections).

On top of it, what polling needs: conditional requests (If-None-Match / If-Modified-Since, a
304 back), the response headers, and the whole-fetch deadline enforced on the socket the
response reads from (for a response that closes the connection, http.client hands the socket
to the response and forgets it, so shutting `connection.sock` would cut nothing).
"""

import contextlib
import http.client
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings

from factcheck import net as fetch
from factcheck.net import UrlFetchRefused

USER_AGENT = "factcheck/1.0 (+media monitoring)"
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def text(self) -> str:
        charset = "utf-8"
        for part in self.content_type.split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                charset = value.strip('"')
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def http_get(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    timeout: float | None = None,
    deadline: float | None = None,
    max_bytes: int | None = None,
    accept: str = "*/*",
) -> Fetched:
    """GET `url`, following checked redirects; a 200 or a 304 comes back, anything else raises
    UrlFetchRefused with the reason. `deadline` is seconds for the whole fetch."""
    timeout = timeout or settings.FEED_FETCH_TIMEOUT
    deadline = deadline or settings.FEED_FETCH_DEADLINE
    max_bytes = max_bytes or settings.FEED_FETCH_MAX_BYTES
    ends_at = time.monotonic() + deadline
    request_headers = {"User-Agent": USER_AGENT, "Accept": accept, **(headers or {})}
    for _ in range(fetch.MAX_REDIRECTS + 1):
        connection, path = fetch.pinned_connection(url, min(timeout, _left(ends_at, url, deadline)))
        # Past the deadline the socket is shut down, which ends any read blocked on it.
        opened: list[socket.socket] = []
        watchdog = threading.Timer(_left(ends_at, url, deadline), _shut, args=(opened,))
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.request("GET", path, headers=request_headers)
            # Kept here: for a response that closes the connection, getresponse() hands the
            # socket to the response and forgets it.
            if connection.sock is not None:
                opened.append(connection.sock)
            response = connection.getresponse()
            if response.status in fetch.REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location:
                    raise UrlFetchRefused(f"{url} redirects without saying where.")
                url = urljoin(url, location)
                continue
            found = {name.lower(): value for name, value in response.getheaders()}
            if response.status == 304:
                return Fetched(url=url, status=304, headers=found)
            if response.status != 200:
                raise UrlFetchRefused(f"{url} answered HTTP {response.status}.")
            length = found.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise UrlFetchRefused(f"{url} is larger than {max_bytes:,} bytes.")
            body = _read_capped(response, opened, ends_at, timeout, max_bytes, url, deadline)
            return Fetched(url=url, status=200, body=body, headers=found)
        except (OSError, http.client.HTTPException) as error:
            if time.monotonic() >= ends_at:
                raise UrlFetchRefused(f"{url} took longer than {deadline:g} s in all.") from error
            raise UrlFetchRefused(f"{url} could not be fetched: {error}") from error
        finally:
            watchdog.cancel()
            connection.close()
    raise UrlFetchRefused(f"{url}: more than {fetch.MAX_REDIRECTS} redirects.")


def _left(ends_at: float, url: str, deadline: float) -> float:
    left = ends_at - time.monotonic()
    if left <= 0:
        raise UrlFetchRefused(f"{url} took longer than {deadline:g} s in all.")
    return left


def _shut(opened: list[socket.socket]) -> None:
    for sock in opened:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _read_capped(
    response: http.client.HTTPResponse,
    opened: list[socket.socket],
    ends_at: float,
    timeout: float,
    max_bytes: int,
    url: str,
    deadline: float,
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        for sock in opened:
            sock.settimeout(min(timeout, _left(ends_at, url, deadline)))
        chunk = response.read1(CHUNK_BYTES)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise UrlFetchRefused(f"{url} is larger than {max_bytes:,} bytes.")
        chunks.append(chunk)
    if time.monotonic() >= ends_at:
        raise UrlFetchRefused(f"{url} took longer than {deadline:g} s in all.")
    return b"".join(chunks)


def fetch_article_page(url: str) -> Fetched:
    """An entry's page, as HTML, within the article fetch limits."""
    page = http_get(
        url,
        timeout=settings.ARTICLE_FETCH_TIMEOUT,
        deadline=settings.FEED_FETCH_DEADLINE,
        max_bytes=settings.ARTICLE_FETCH_MAX_BYTES,
        accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    )
    if page.content_type and "html" not in page.content_type:
        raise UrlFetchRefused(f"{url} is not an HTML page ({page.content_type}).")
    return page
