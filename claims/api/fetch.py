"""Fetching a page on a client's behalf without letting them reach our own network.

Every address a host name resolves to must be public, and the connection goes to the address
we checked (not to a second resolution an attacker's DNS could answer differently). Each
redirect is checked the same way. The body is read up to a cap, within a timeout.
"""

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from factcheck.exceptions import UrlFetchRefused

USER_AGENT = "factcheck/1.0 (+article ingestion)"
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchedPage:
    url: str
    html: str
    content_type: str


def address_is_public(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def public_addresses(host: str, port: int) -> list[str]:
    """Every address of `host`, or UrlFetchRefused if any of them is not public."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
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
    for address in addresses:
        if not address_is_public(ipaddress.ip_address(address)):
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
    def connect(self) -> None:
        super().connect()
        self.sock = ssl.create_default_context().wrap_socket(self.sock, server_hostname=self.host)


def fetch_page(url: str, *, timeout: float, max_bytes: int) -> FetchedPage:
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, path = target_of(url)
        address = public_addresses(host, port)[0]
        connection_class = PinnedHTTPSConnection if scheme == "https" else PinnedHTTPConnection
        connection = connection_class(host, address, port, timeout)
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
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise UrlFetchRefused(f"The page is larger than {max_bytes:,} bytes.")
            content_type = response.getheader("Content-Type", "")
            charset = response.headers.get_content_charset() or "utf-8"
            try:
                html = body.decode(charset, errors="replace")
            except LookupError:
                html = body.decode("utf-8", errors="replace")
            return FetchedPage(url=url, html=html, content_type=content_type)
        except (OSError, http.client.HTTPException) as error:
            raise UrlFetchRefused(f"{url} could not be fetched: {error}") from error
        finally:
            connection.close()
    raise UrlFetchRefused(f"More than {MAX_REDIRECTS} redirects.")
