"""POST/GET /api/v1/articles/: ingest from text, HTML or a URL; the same text is stored once."""

import socket

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Article
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory
from tests.fakeweb import FakeResponse

pytestmark = pytest.mark.django_db

BODY = "Астанада 2025 жылы 12 жаңа мектеп ашылды, деді әкім. The budget grew by 10 percent."
HTML = """<html><head><title>Schools in Astana</title>
<meta property="article:published_time" content="2025-09-01"></head>
<body><nav>Home | News | Sport</nav>
<article><h1>Schools in Astana</h1>
<p>Twelve new schools opened in Astana in 2025, the mayor said on Monday at a press conference.</p>
<p>The city budget for education grew by 10 percent compared with the previous year, officials added.</p>
</article><footer>© Newsroom 2025. All rights reserved.</footer></body></html>"""


def test_a_writer_ingests_text_and_gets_201_with_the_extraction_status(writer):
    response = writer.post("/api/v1/articles/", {
        "title": "Мектептер", "body": BODY, "published_on": "2025-09-01", "language": "kk", "outlet": "Kazinform",
    })

    assert response.status_code == 201
    article = Article.objects.get()
    assert response.json() == {
        "id": article.pk, "title": "Мектептер", "url": None, "outlet": "Kazinform", "language": "kk",
        "published_on": "2025-09-01", "extraction_status": "pending", "extraction_error": "", "extracted_at": None,
        "created_at": response.json()["created_at"], "created": True, "text_from": "body",
    }


def test_the_same_text_again_answers_200_with_the_stored_article(writer, as_alice):
    first = writer.post("/api/v1/articles/", {"title": "A", "body": BODY, "published_on": "2025-09-01"})
    again = as_alice.post("/api/v1/articles/", {"title": "B", "body": "  " + BODY + "\n", "published_on": "2025-09-02"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert (again.json()["title"], again.json()["created"]) == ("A", False)
    assert Article.objects.count() == 1


def test_html_is_reduced_to_its_main_text(writer):
    response = writer.post("/api/v1/articles/", {"html": HTML, "language": "en"})

    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["published_on"], body["text_from"]) == ("Schools in Astana", "2025-09-01", "html")
    text = Article.objects.get().body
    assert "Twelve new schools opened in Astana" in text
    assert "Home | News" not in text and "All rights reserved" not in text


def test_html_without_text_is_refused(writer):
    response = writer.post("/api/v1/articles/", {"html": "<html><body><script>track()</script></body></html>"})

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_article"


def test_it_says_which_input_is_missing_or_doubled(writer):
    nothing = writer.post("/api/v1/articles/", {"title": "Empty"})
    both = writer.post("/api/v1/articles/", {"body": BODY, "html": HTML})
    bad_date = writer.post("/api/v1/articles/", {"body": BODY, "published_on": "yesterday"})
    bad_language = writer.post("/api/v1/articles/", {"body": BODY, "language": "de"})

    assert (nothing.status_code, nothing.json()["field"]) == (400, "body")
    assert (both.status_code, both.json()["detail"]) == (400, "Send either body or html, not both.")
    assert (bad_date.status_code, bad_date.json()["field"]) == (400, "published_on")
    assert (bad_language.status_code, bad_language.json()["field"]) == (400, "language")
    assert Article.objects.count() == 0


def test_a_different_text_under_a_stored_url_is_refused(writer):
    writer.post("/api/v1/articles/", {"body": BODY, "url": "https://news.example/a"})

    response = writer.post("/api/v1/articles/", {"body": BODY + " Updated.", "url": "https://news.example/a"})

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_article"


def test_only_writers_and_the_newsroom_ingest(anon, reader, as_alice):
    assert anon.post("/api/v1/articles/", {"body": BODY}).status_code == 401
    refused = reader.post("/api/v1/articles/", {"body": BODY})
    assert (refused.status_code, refused.json()["error"]) == (403, "permission_denied")
    assert as_alice.post("/api/v1/articles/", {"body": BODY}).status_code == 201


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/admin/",
    "http://10.0.0.5/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:8000/",
    "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0/",
    "http://192.168.1.1/",
])
def test_url_ingestion_refuses_private_loopback_and_link_local_targets(writer, url, monkeypatch):
    def no_connection(*args, **kwargs):
        raise AssertionError("no connection may be attempted")

    monkeypatch.setattr(socket, "create_connection", no_connection)

    response = writer.post("/api/v1/articles/", {"url": url})

    assert response.status_code == 400
    assert (response.json()["error"], response.json()["field"]) == ("url_refused", "url")
    assert Article.objects.count() == 0


def test_url_ingestion_refuses_a_name_that_resolves_to_a_private_address(writer, monkeypatch):
    def resolve(host, port, *args, **kwargs):
        # One public and one private address: any private one is enough to refuse.
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: pytest.fail("must not connect"))

    response = writer.post("/api/v1/articles/", {"url": "http://intranet.news.example/story"})

    assert response.status_code == 400
    assert "10.1.2.3" in response.json()["detail"]


def test_url_ingestion_refuses_other_schemes(writer):
    response = writer.post("/api/v1/articles/", {"url": "ftp://news.example/story"})

    assert response.status_code == 400


def test_url_ingestion_fetches_the_page_at_the_checked_address(writer, public_web):
    pages, requested = public_web
    pages["news.example/story"] = FakeResponse(200, {"Content-Type": "text/html; charset=utf-8"}, HTML.encode())

    response = writer.post("/api/v1/articles/", {"url": public_web.url("/story")})

    assert response.status_code == 201
    assert (response.json()["url"], response.json()["text_from"]) == (public_web.url("/story"), "url")
    assert requested == [("news.example", "/story")]


def test_a_redirect_to_a_private_address_is_refused(writer, public_web):
    pages, requested = public_web
    pages["news.example/story"] = FakeResponse(302, {"Location": public_web.url("/internal", host="evil.example")})

    response = writer.post("/api/v1/articles/", {"url": public_web.url("/story")})

    assert response.status_code == 400
    assert "127.0.0.1" in response.json()["detail"]
    assert requested == [("news.example", "/story")]


def test_a_page_over_the_size_cap_is_refused(writer, public_web, settings):
    settings.ARTICLE_FETCH_MAX_BYTES = 1000
    pages, _ = public_web
    pages["news.example/big"] = FakeResponse(200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000)

    response = writer.post("/api/v1/articles/", {"url": public_web.url("/big")})

    assert response.status_code == 400
    assert "larger than 1,000 bytes" in response.json()["detail"]


def test_the_article_detail_lists_the_claims_the_caller_may_see(as_alice, reader, alice, erin):
    from tests.api.conftest import publish

    article = ArticleFactory()
    hidden = ReviewFactory(claim=ClaimFactory(article=article, checkworthiness=0.9))
    shown = publish(ReviewFactory(claim=ClaimFactory(article=article, checkworthiness=0.5)), author=alice,
                    editor_user=erin)

    newsroom = as_alice.get(f"/api/v1/articles/{article.pk}/").json()
    client = reader.get(f"/api/v1/articles/{article.pk}/").json()

    assert [c["id"] for c in newsroom["claims"]] == [hidden.claim_id, shown.claim_id]
    assert [c["id"] for c in client["claims"]] == [shown.claim_id]
    assert newsroom["body"] == article.body
    assert newsroom["claims"][1]["review"]["status"] == "published"


def test_the_article_list_costs_the_same_queries_for_one_and_for_fifty(as_alice):
    ArticleFactory()
    as_alice.get("/api/v1/articles/")
    with CaptureQueriesContext(connection) as one:
        assert len(as_alice.get("/api/v1/articles/?page_size=50").json()["results"]) == 1
    ArticleFactory.create_batch(49)
    with CaptureQueriesContext(connection) as fifty:
        assert len(as_alice.get("/api/v1/articles/?page_size=50").json()["results"]) == 50

    assert len(one) == len(fifty)
