"""A fake web for the URL fetcher: names resolve to fixed addresses, pages come from a dict.

The fetcher's own address checks and pinning run for real; only DNS and the socket are fake.
"""

import email.message
import socket

import pytest

from claims.api import fetch

ADDRESSES = {
    "news.example": "93.184.216.34",
    "evil.example": "127.0.0.1",
    "intranet.news.example": "10.1.2.3",
}


class FakeResponse:
    def __init__(self, status: int, headers: dict[str, str], body: bytes = b"") -> None:
        self.status, self._headers, self._body = status, headers, body
        self.headers = email.message.Message()
        for name, value in headers.items():
            self.headers[name] = value

    def getheader(self, name: str, default: str | None = None) -> str | None:
        return self._headers.get(name, default)

    def read(self, limit: int) -> bytes:
        return self._body[:limit]


@pytest.fixture
def public_web(monkeypatch):
    """Returns (pages, requested): put FakeResponses in pages by "host/path"; requested lists
    the (address, path) pairs the fetcher connected to."""
    pages: dict[str, FakeResponse] = {}
    requested: list[tuple[str, str]] = []

    def resolve(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ADDRESSES[host], port))]

    class Connection:
        def __init__(self, host, address, port, timeout):
            self.host, self.address = host, address

        def request(self, method, path, headers):
            requested.append((self.address, path))
            self.path = path

        def getresponse(self):
            return pages[f"{self.host}{self.path}"]

        def close(self):
            pass

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(fetch, "PinnedHTTPConnection", Connection)
    monkeypatch.setattr(fetch, "PinnedHTTPSConnection", Connection)
    return pages, requested
