import pytest

from tests.monitoring.feedserver import FeedServer, start


@pytest.fixture
def feed_server(settings):
    """A real feed server on 127.0.0.1, let through the fetcher's address check by
    FETCH_ALLOW_HOSTS (its own host:port only); no per-host gap, so tests run fast."""
    server = FeedServer()
    httpd, thread = start(server)
    settings.FETCH_ALLOW_HOSTS = [server.netloc]
    settings.FEED_HOST_MIN_GAP_SECONDS = 0
    yield server
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)
