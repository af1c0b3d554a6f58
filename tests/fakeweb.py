"""A small web for the URL fetcher: a real HTTP server on 127.0.0.1 and a resolver stub.

The fetcher runs unchanged (its address checks, its pinned connections, its deadline); only DNS
is stubbed: `news.example` resolves to 127.0.0.1, and FETCH_ALLOW_HOSTS lets that one host and
port through the public-address check, as an operator would an intranet outlet. Other names
resolve to private addresses the fetcher must refuse.
"""

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ADDRESSES = {
    "news.example": "127.0.0.1",
    "evil.example": "127.0.0.1",
    "intranet.news.example": "10.1.2.3",
}


@dataclass
class Page:
    """What the server answers for one host and path, after `delay` seconds. `drip` sends the
    body a byte at a time, that many seconds apart."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    drip: float = 0.0
    delay: float = 0.0


# The name the tests have always used for a page.
FakeResponse = Page


class LocalWeb:
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.requested: list[tuple[str, str]] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
                web.requested.append((host, self.path))
                page = web.pages.get(f"{host}{self.path}", Page(404))
                time.sleep(page.delay)
                self.send_response(page.status)
                for name, value in page.headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in page.headers:
                    self.send_header("Content-Length", str(len(page.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    if page.drip:
                        for byte in page.body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(page.drip)
                    else:
                        self.wfile.write(page.body)
                except OSError:
                    pass  # the fetcher hung up (its deadline, its size cap)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str, host: str = "news.example", scheme: str = "http") -> str:
        return f"{scheme}://{host}:{self.port}{path}"

    def __iter__(self) -> Iterator:
        return iter((self.pages, self.requested))


def resolver_stub(answers: dict[str, str]):
    real = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, port, *args, **kwargs)

    return resolve


@pytest.fixture
def public_web(monkeypatch, settings):
    """A LocalWeb: put Pages in `.pages` by "host/path" and fetch `.url(path)`; `.requested` lists
    the (host, path) pairs the server was asked for. Unpacks as (pages, requested)."""
    web = LocalWeb()
    web.thread.start()
    monkeypatch.setattr(socket, "getaddrinfo", resolver_stub(ADDRESSES))
    settings.FETCH_ALLOW_HOSTS = [f"news.example:{web.port}"]
    yield web
    web.server.shutdown()
    web.server.server_close()
