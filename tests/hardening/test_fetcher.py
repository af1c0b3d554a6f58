"""The safe URL fetcher (factcheck.net) against real servers on 127.0.0.1 and 127.0.0.2.

Only DNS is stubbed. The rebinding tests answer a name with an allowed address first (the
check) and 127.0.0.1 second (what a second look-up would give): the page must come from the
address that was checked. 127.0.0.2:PORT stands for the public site (FETCH_ALLOW_HOSTS lets it
through), 127.0.0.1:PORT for the internal service an attacker aims at.
"""

import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from factcheck.net import UrlFetchRefused, address_is_public, fetch_page, public_addresses
from tests.conftest import skip_or_fail
from tests.fakeweb import Page


class Server:
    """A real HTTP(S) server on one address, answering every GET with `body` and counting them."""

    def __init__(self, address: str, port: int, body: bytes, tls: ssl.SSLContext | None = None) -> None:
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.http = ThreadingHTTPServer((address, port), Handler)
        self.http.daemon_threads = True
        if tls is not None:
            self.http.socket = tls.wrap_socket(self.http.socket, server_side=True)
        self.port = self.http.server_port
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


def rebinding_resolver(host: str, answers: list[str]):
    """The stub resolver: `host` resolves to answers[0], then answers[1] on every later look-up."""
    real = socket.getaddrinfo
    calls: list[str] = []

    def resolve(name, port, *args, **kwargs):
        if name != host:
            return real(name, port, *args, **kwargs)
        address = answers[min(len(calls), len(answers) - 1)]
        calls.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    return resolve, calls


def two_servers(site_body: bytes, tls: ssl.SSLContext | None = None) -> tuple[Server, Server]:
    """The site on 127.0.0.2 and an internal service on 127.0.0.1, on the same port."""
    for _ in range(20):
        site = Server("127.0.0.2", 0, site_body, tls)
        try:
            internal = Server("127.0.0.1", site.port, b"<p>internal admin secrets</p>", tls)
        except OSError:
            site.close()
            continue
        return site, internal
    pytest.fail("no port free on both 127.0.0.1 and 127.0.0.2")


PAGE = b"<html><body><p>The page of the public site.</p></body></html>"


@pytest.fixture
def rebinding(monkeypatch, settings):
    site, internal = two_servers(PAGE)
    resolve, calls = rebinding_resolver("rebind.example", ["127.0.0.2", "127.0.0.1"])
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    settings.FETCH_ALLOW_HOSTS = [f"127.0.0.2:{site.port}"]
    yield site, internal, calls
    site.close()
    internal.close()


def test_the_fetch_goes_to_the_checked_address_not_a_second_look_up(rebinding):
    site, internal, calls = rebinding

    page = fetch_page(f"http://rebind.example:{site.port}/story", timeout=5, max_bytes=10_000)

    assert page.html == PAGE.decode()
    assert (site.hits, internal.hits) == (["/story"], [])
    assert calls == ["127.0.0.2"]


def test_the_checked_name_is_still_refused_when_it_answers_127_0_0_1_first(rebinding, monkeypatch):
    site, internal, _ = rebinding
    resolve, _ = rebinding_resolver("rebind.example", ["127.0.0.1", "127.0.0.2"])
    monkeypatch.setattr(socket, "getaddrinfo", resolve)

    with pytest.raises(UrlFetchRefused, match=r"resolves to 127\.0\.0\.1"):
        fetch_page(f"http://rebind.example:{site.port}/story", timeout=5, max_bytes=10_000)
    assert (site.hits, internal.hits) == ([], [])


# --- HTTPS: pinned to the checked address, the certificate checked against the name ---------


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def test_ca(tmp_path_factory) -> Path:
    """A throw-away CA and a certificate it signed for rebind.example (made now, never stored)."""
    if shutil.which("openssl") is None:
        skip_or_fail("needs the openssl command to make a test CA")
    folder = tmp_path_factory.mktemp("ca")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=factcheck test CA",
            "-keyout", "ca.key", "-out", "ca.pem", cwd=folder)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=rebind.example",
            "-keyout", "site.key", "-out", "site.csr", cwd=folder)
    (folder / "san.ext").write_text("subjectAltName=DNS:rebind.example\n")
    openssl("x509", "-req", "-in", "site.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-days", "2", "-extfile", "san.ext", "-out", "site.pem", cwd=folder)
    return folder


@pytest.fixture
def tls_rebinding(test_ca, monkeypatch, settings):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(test_ca / "site.pem", test_ca / "site.key")
    site, internal = two_servers(PAGE, tls=context)
    resolve, calls = rebinding_resolver("rebind.example", ["127.0.0.2", "127.0.0.1"])
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    # The fetcher trusts the system's CAs; here the system's CA file is the test CA.
    monkeypatch.setenv("SSL_CERT_FILE", str(test_ca / "ca.pem"))
    settings.FETCH_ALLOW_HOSTS = [f"127.0.0.2:{site.port}"]
    yield site, internal, calls
    site.close()
    internal.close()


def test_https_is_pinned_to_the_checked_address_and_verifies_the_name(tls_rebinding):
    site, internal, calls = tls_rebinding

    page = fetch_page(f"https://rebind.example:{site.port}/story", timeout=5, max_bytes=10_000)

    assert page.html == PAGE.decode()
    assert (site.hits, internal.hits) == (["/story"], [])
    assert calls == ["127.0.0.2"]


def test_https_refuses_a_certificate_for_another_name(tls_rebinding, settings):
    site, internal, _ = tls_rebinding
    settings.FETCH_ALLOW_HOSTS = [f"127.0.0.2:{site.port}"]

    with pytest.raises(UrlFetchRefused, match=r"CERTIFICATE_VERIFY_FAILED|certificate"):
        fetch_page(f"https://127.0.0.2:{site.port}/story", timeout=5, max_bytes=10_000)
    assert (site.hits, internal.hits) == ([], [])


def test_https_refuses_a_server_whose_ca_is_not_trusted(tls_rebinding, monkeypatch):
    site, _, _ = tls_rebinding
    monkeypatch.delenv("SSL_CERT_FILE")
    monkeypatch.setenv("SSL_CERT_DIR", "/nonexistent")
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/ca.pem")

    with pytest.raises(UrlFetchRefused, match="certificate"):
        fetch_page(f"https://rebind.example:{site.port}/story", timeout=5, max_bytes=10_000)
    assert site.hits == []


# --- IPv6 forms of private IPv4 addresses ---------------------------------------------------


@pytest.mark.parametrize("address", [
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b:1::a00:1",  # the local-use NAT64 prefix
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "::127.0.0.1",  # IPv4-compatible
    "::10.0.0.1",
    "::ffff:0:7f00:1",  # IPv4-translated
    "::ffff:0:c0a8:101",
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::1", "::", "fe80::1", "fc00::1",
])
def test_ipv6_forms_of_private_addresses_are_not_public(address):
    assert not address_is_public(ipaddress.ip_address(address))
    with pytest.raises(UrlFetchRefused, match="private, loopback or link-local"):
        public_addresses(f"[{address}]", 80)


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::", "2606:4700:4700::1111", "8.8.8.8"])
def test_public_addresses_in_those_forms_stay_public(address):
    assert address_is_public(ipaddress.ip_address(address))


# --- the whole-fetch deadline ---------------------------------------------------------------


def test_a_slow_drip_is_cut_at_the_deadline(public_web):
    public_web.pages["news.example/drip"] = Page(200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 200, drip=0.05)

    started = time.monotonic()
    with pytest.raises(UrlFetchRefused, match="longer than 1 seconds"):
        fetch_page(public_web.url("/drip"), timeout=0.5, max_bytes=10_000, deadline=1)
    took = time.monotonic() - started

    # Each byte came well within the 0.5 s socket timeout: only the deadline stops it.
    assert took < 2.5


def test_the_deadline_counts_redirects_too(public_web):
    # Each hop answers within the socket timeout; together they take longer than the deadline.
    for n in range(5):
        public_web.pages[f"news.example/hop{n}"] = Page(302, {"Location": f"/hop{n + 1}"}, delay=0.3)
    public_web.pages["news.example/hop5"] = Page(200, {"Content-Type": "text/html"}, b"<p>ok</p>", delay=0.3)

    with pytest.raises(UrlFetchRefused, match=r"longer than 1 seconds"):
        fetch_page(public_web.url("/hop0"), timeout=0.5, max_bytes=10_000, deadline=1)
    assert len(public_web.requested) < 6


def test_a_page_within_the_deadline_is_fetched(public_web):
    public_web.pages["news.example/ok"] = Page(200, {"Content-Type": "text/html"}, b"<p>ok</p>", drip=0.01)

    assert fetch_page(public_web.url("/ok"), timeout=0.5, max_bytes=10_000, deadline=2).html == "<p>ok</p>"
