"""A real HTTP server on 127.0.0.1 serving feeds, sitemaps and article pages for the tests
and the benchmark: ETag / Last-Modified with 304s, slow drips, redirects, broken documents."""

import datetime
import email.utils
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str = ""
    last_modified: str = ""
    location: str = ""
    # Seconds between two bytes of the body: a server that keeps a reader waiting.
    drip_seconds: float = 0.0
    # The same for the status line and headers too.
    drip_headers: bool = False


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class FeedServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    @property
    def netloc(self) -> str:
        return f"{self.host}:{self.port}"

    def serve(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", **kwargs) -> str:
        self.routes[path] = Route(body=body.encode() if isinstance(body, str) else body,
                                  content_type=content_type, **kwargs)
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == path]


def make_handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            server.requests.append(Request(self.path, headers, time.monotonic()))
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.drip_headers:
                head = (f"HTTP/1.0 200 OK\r\nContent-Type: {route.content_type}\r\n"
                        + "".join(f"X-Padding-{n}: {'x' * 20}\r\n" for n in range(10)) + "\r\n").encode()
                try:
                    for byte in head + route.body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(route.drip_seconds)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
                return
            if route.location:
                self.send_response(route.status if route.status in (301, 302, 303, 307, 308) else 302)
                self.send_header("Location", route.location)
                self.end_headers()
                return
            matches_etag = route.etag and self.headers.get("If-None-Match") == route.etag
            not_modified_since = route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
            if matches_etag or (not route.etag and not_modified_since):
                self.send_response(304)
                if route.etag:
                    self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            if not route.drip_seconds:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if route.drip_seconds:
                try:
                    for byte in route.body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(route.drip_seconds)
                except (BrokenPipeError, ConnectionResetError):
                    return
            else:
                self.wfile.write(route.body)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def start(feed_server: FeedServer) -> tuple[ThreadingHTTPServer, threading.Thread]:
    httpd = _Server((feed_server.host, 0), make_handler(feed_server))
    feed_server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return httpd, thread


def http_date(moment: datetime.datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(datetime.UTC), usegmt=True)


@dataclass
class Item:
    link: str
    title: str
    published: datetime.datetime | None = None


def rss(items: list[Item], *, title: str = "Outlet", language: str = "kk") -> str:
    entries = "".join(
        f"<item><title>{escape(item.title)}</title><link>{escape(item.link)}</link>"
        + (f"<pubDate>{http_date(item.published)}</pubDate>" if item.published else "")
        + f"<guid>{escape(item.link)}</guid></item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://outlet.example/</link><language>{language}</language>"
        f"<description>news</description>{entries}</channel></rss>"
    )


def atom(items: list[Item], *, title: str = "Outlet") -> str:
    entries = "".join(
        f'<entry><title>{escape(item.title)}</title><link href="{escape(item.link)}"/><id>{escape(item.link)}</id>'
        + (f"<updated>{item.published.isoformat()}</updated>" if item.published else "")
        + "</entry>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:outlet</id><updated>2026-01-01T00:00:00Z</updated>{entries}</feed>"
    )


def news_sitemap(items: list[Item], *, language: str = "kk") -> str:
    urls = "".join(
        f"<url><loc>{escape(item.link)}</loc><news:news><news:publication><news:name>Outlet</news:name>"
        f"<news:language>{language}</news:language></news:publication>"
        + (f"<news:publication_date>{item.published.isoformat()}</news:publication_date>" if item.published else "")
        + f"<news:title>{escape(item.title)}</news:title></news:news></url>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{urls}</urlset>"
    )


def article_page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
        f"<body><nav>Menu</nav><article><h1>{escape(title)}</h1>{body}</article><footer>©</footer></body></html>"
    )
