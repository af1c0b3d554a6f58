"""Fetching a page on someone's behalf without letting them reach our own network.

Every address a host name resolves to must be public, and the connection goes to the address
we checked (not to a second resolution an attacker's DNS could answer differently). Each
redirect is checked the same way. The body is read up to a cap, each socket operation within
a timeout and the whole fetch, redirects included, within a deadline: a server that sends a
byte a second never holds a worker longer than that.

FETCH_ALLOW_HOSTS (`host:port` entries, empty by default) lets named private hosts through the
address check: an intranet outlet, a test server on 127.0.0.1. An entry names either the URL's
host or an address it resolves to.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

USER_AGENT = "factcheck/1.0 (+article ingestion)"
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
READ_CHUNK = 64 * 1024

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 prefixes that carry an IPv4 address in their last 32 bits: a packet to one reaches that
# IPv4 address through a translator, so it is only as public as the address within. (6to4,
# 2002::/16, carries it in bits 16..47: `sixtofour`.)
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
IPV4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")
# RFC 8215's local-use translation prefix: whatever it embeds, it leads into a local network.
NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")


class UrlFetchRefused(Exception):
    """A URL the server will not or could not fetch; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FetchedPage:
    url: str
    html: str
    content_type: str


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, translated, compatible, NAT64, 6to4)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64 or ip in IPV4_TRANSLATED or ip in IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_is_public(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in NAT64_LOCAL:
            return False
        inner = embedded_ipv4(ip)
        if inner is not None:
            # `::` and `::1` fall in the IPv4-compatible range but are IPv6's own unspecified
            # and loopback addresses: not public either way.
            return address_is_public(inner) and not ip.is_loopback and not ip.is_unspecified
    return ip.is_global and not ip.is_multicast


def allowed_privately(host: str, port: int) -> bool:
    return f"{host}:{port}".lower() in {entry.strip().lower() for entry in settings.FETCH_ALLOW_HOSTS}


def public_addresses(host: str, port: int) -> list[str]:
    """Every address of `host`, or UrlFetchRefused if any of them is not public (or allowed)."""
    host = host.strip("[]")
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise UrlFetchRefused(f"The host {host!r} could not be resolved.") from error
        addresses = list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))
    if not addresses:
        raise UrlFetchRefused(f"The host {host!r} has no address.")
    if allowed_privately(host, port):
        return addresses
    for address in addresses:
        if not (address_is_public(ipaddress.ip_address(address)) or allowed_privately(address, port)):
            raise UrlFetchRefused(
                f"{host} resolves to {address}, a private, loopback or link-local address; only public"
                " addresses are fetched."
            )
    return addresses


def target_of(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path-and-query) of a URL we are willing to fetch."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise UrlFetchRefused("Only http and https URLs are fetched.")
    if not parts.hostname:
        raise UrlFetchRefused("The URL has no host.")
    if parts.username or parts.password:
        raise UrlFetchRefused("URLs with credentials are not fetched.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UrlFetchRefused("The URL's port is not a number.") from error
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return parts.scheme, parts.hostname, port, path


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address we checked, whatever DNS says now."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class PinnedHTTPSConnection(PinnedHTTPConnection):
    """The same, over TLS: the certificate is checked against the host name, not the address."""

    def connect(self) -> None:
        super().connect()
        self.sock = ssl.create_default_context().wrap_socket(self.sock, server_hostname=self.host)


def pinned_connection(url: str, timeout: float, *, check_address: bool = True) -> tuple[PinnedHTTPConnection, str]:
    """A connection to the checked address of `url`'s host, and the path to ask for."""
    scheme, host, port, path = target_of(url)
    address = public_addresses(host, port)[0] if check_address else host
    connection_class = PinnedHTTPSConnection if scheme == "https" else PinnedHTTPConnection
    return connection_class(host, address, port, timeout), path


class Deadline:
    """Shuts the connection's socket when the time is up, whatever it is waiting for."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends_at = time.monotonic() + seconds
        self.passed = False

    def remaining(self) -> float:
        left = self.ends_at - time.monotonic()
        if left <= 0:
            self.passed = True
            raise UrlFetchRefused(f"The page took longer than {self.seconds:g} seconds to fetch.")
        return left

    def guard(self, connection: http.client.HTTPConnection) -> threading.Timer:
        def cut() -> None:
            self.passed = True
            sock = connection.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(self.remaining(), cut)
        timer.daemon = True
        timer.start()
        return timer


def fetch_page(url: str, *, timeout: float, max_bytes: int, deadline: float | None = None) -> FetchedPage:
    """GET an HTML page from a public address; UrlFetchRefused says why not."""
    time_left = Deadline(deadline if deadline is not None else settings.ARTICLE_FETCH_DEADLINE)
    for _ in range(MAX_REDIRECTS + 1):
        connection, path = pinned_connection(url, min(timeout, time_left.remaining()))
        timer = time_left.guard(connection)
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
            response = connection.getresponse()
            if response.status in REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location:
                    raise UrlFetchRefused(f"{url} redirects without saying where.")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise UrlFetchRefused(f"{url} answered HTTP {response.status}.")
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise UrlFetchRefused(f"The page is larger than {max_bytes:,} bytes.")
            body = read_capped(response, max_bytes, time_left)
            content_type = response.getheader("Content-Type", "")
            charset = response.headers.get_content_charset() or "utf-8"
            try:
                html = body.decode(charset, errors="replace")
            except LookupError:
                html = body.decode("utf-8", errors="replace")
            return FetchedPage(url=url, html=html, content_type=content_type)
        except (OSError, http.client.HTTPException) as error:
            if time_left.passed:
                raise UrlFetchRefused(f"The page took longer than {time_left.seconds:g} seconds to fetch.") from error
            raise UrlFetchRefused(f"{url} could not be fetched: {error}") from error
        finally:
            timer.cancel()
            connection.close()
    raise UrlFetchRefused(f"More than {MAX_REDIRECTS} redirects.")


def read_capped(response: http.client.HTTPResponse, max_bytes: int, time_left: Deadline) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        time_left.remaining()
        chunk = response.read1(READ_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise UrlFetchRefused(f"The page is larger than {max_bytes:,} bytes.")
        chunks.append(chunk)
    if time_left.passed:
        raise UrlFetchRefused(f"The page took longer than {time_left.seconds:g} seconds to fetch.")
    return b"".join(chunks)
