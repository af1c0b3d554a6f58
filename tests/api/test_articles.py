"""POST/GET /api/v1/articles/: ingest from text, HTML or a URL; the same text is stored once."""

import socket

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Article, Claim
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
        "published_on": "2025-09-01", "extraction_status": "pending", "extraction_error": "", "extraction_note": "",
        "extracted_at": None,
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

    # A conflict with what is stored, not bad input.
    assert response.status_code == 409
    assert (response.json()["error"], response.json()["field"]) == ("url_taken", "url")
    assert Article.objects.count() == 1


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


def fetched(writer, url: str, captured) -> dict:
    """POST a URL: 202 at once; the fetch task runs after commit; the article as it is then."""
    with captured(execute=True):
        accepted = writer.post("/api/v1/articles/", {"url": url})
    assert accepted.status_code == 202, accepted.content
    assert (accepted.json()["extraction_status"], accepted.json()["text_from"]) == ("fetching", "url")
    return writer.get(f"/api/v1/articles/{accepted.json()['id']}/").json()


def test_url_ingestion_refuses_a_name_that_resolves_to_a_private_address(writer, monkeypatch,
                                                                          django_capture_on_commit_callbacks):
    def resolve(host, port, *args, **kwargs):
        # One public and one private address: any private one is enough to refuse.
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: pytest.fail("must not connect"))

    article = fetched(writer, "http://intranet.news.example/story", django_capture_on_commit_callbacks)

    assert article["extraction_status"] == "failed"
    assert "10.1.2.3" in article["extraction_error"]
    assert article["body"] == ""


def test_url_ingestion_refuses_other_schemes(writer):
    response = writer.post("/api/v1/articles/", {"url": "ftp://news.example/story"})

    assert response.status_code == 400


def test_url_ingestion_answers_202_and_a_task_fetches_the_page(writer, public_web,
                                                             django_capture_on_commit_callbacks):
    pages, requested = public_web
    pages["news.example/story"] = FakeResponse(200, {"Content-Type": "text/html; charset=utf-8"}, HTML.encode())

    article = fetched(writer, public_web.url("/story"), django_capture_on_commit_callbacks)

    assert requested == [("news.example", "/story")]
    assert (article["url"], article["title"], article["published_on"]) == (
        public_web.url("/story"), "Schools in Astana", "2025-09-01")
    assert article["extraction_status"] == "done"
    assert "Twelve new schools opened in Astana" in article["body"]
    again = writer.post("/api/v1/articles/", {"url": public_web.url("/story")})
    assert (again.status_code, again.json()["id"], again.json()["created"]) == (200, article["id"], False)
    assert requested == [("news.example", "/story")]


def test_the_date_and_title_a_client_gives_win_over_the_page(writer, public_web,
                                                              django_capture_on_commit_callbacks):
    public_web.pages["news.example/story"] = FakeResponse(200, {"Content-Type": "text/html"}, HTML.encode())

    with django_capture_on_commit_callbacks(execute=True):
        accepted = writer.post("/api/v1/articles/", {"url": public_web.url("/story"), "title": "Mine",
                                                     "published_on": "2025-10-10"})

    article = writer.get(f"/api/v1/articles/{accepted.json()['id']}/").json()
    assert (article["title"], article["published_on"], article["extraction_status"]) == ("Mine", "2025-10-10", "done")


def test_a_slow_site_fails_the_article_at_the_deadline_not_the_request(writer, public_web, settings,
                                                                      django_capture_on_commit_callbacks):
    from tests.fakeweb import Page

    settings.ARTICLE_FETCH_TIMEOUT, settings.ARTICLE_FETCH_DEADLINE = 0.5, 1
    public_web.pages["news.example/slow"] = Page(200, {"Content-Type": "text/html"}, b"<p>" + b"z" * 100, drip=0.05)

    article = fetched(writer, public_web.url("/slow"), django_capture_on_commit_callbacks)

    assert article["extraction_status"] == "failed"
    assert article["extraction_error"] == "The page took longer than 1 seconds to fetch."


def test_a_page_whose_text_is_stored_already_fails_with_the_article_it_repeats(writer, public_web,
                                                                              django_capture_on_commit_callbacks):
    public_web.pages["news.example/copy"] = FakeResponse(200, {"Content-Type": "text/html"}, HTML.encode())
    first = writer.post("/api/v1/articles/", {"html": HTML}).json()

    article = fetched(writer, public_web.url("/copy"), django_capture_on_commit_callbacks)

    assert article["extraction_status"] == "failed"
    assert article["extraction_error"] == f"The page's text is already stored as article {first['id']}."


def test_a_redirect_to_a_private_address_is_refused(writer, public_web, django_capture_on_commit_callbacks):
    pages, requested = public_web
    pages["news.example/story"] = FakeResponse(302, {"Location": public_web.url("/internal", host="evil.example")})

    article = fetched(writer, public_web.url("/story"), django_capture_on_commit_callbacks)

    assert article["extraction_status"] == "failed"
    assert "evil.example resolves to 127.0.0.1" in article["extraction_error"]
    assert requested == [("news.example", "/story")]


def test_a_page_over_the_size_cap_is_refused(writer, public_web, settings, django_capture_on_commit_callbacks):
    settings.ARTICLE_FETCH_MAX_BYTES = 1000
    pages, _ = public_web
    pages["news.example/big"] = FakeResponse(200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000)

    article = fetched(writer, public_web.url("/big"), django_capture_on_commit_callbacks)

    assert (article["extraction_status"], article["extraction_error"]) == (
        "failed", "The page is larger than 1,000 bytes.")


def test_the_article_detail_lists_the_claims_the_caller_may_see(as_alice, reader, alice, erin):
    from tests.api.conftest import publish

    article = ArticleFactory()
    hidden = ReviewFactory(claim=ClaimFactory(article=article, checkworthiness=0.9))
    shown = publish(ReviewFactory(claim=ClaimFactory(article=article, checkworthiness=0.5)), author=alice,
                    editor_user=erin)

    newsroom = as_alice.get(f"/api/v1/articles/{article.pk}/").json()
    newsroom_claims = as_alice.get(newsroom["claims_url"]).json()["results"]
    client_claims = reader.get(f"/api/v1/articles/{article.pk}/claims/").json()["results"]

    assert [c["id"] for c in newsroom_claims] == [hidden.claim_id, shown.claim_id]
    assert [c["id"] for c in client_claims] == [shown.claim_id]
    assert newsroom["body"] == article.body
    assert newsroom_claims[1]["review"]["status"] == "published"


def test_the_article_list_costs_the_same_queries_for_one_and_for_fifty(as_alice):
    ArticleFactory()
    as_alice.get("/api/v1/articles/")
    with CaptureQueriesContext(connection) as one:
        assert len(as_alice.get("/api/v1/articles/?page_size=50").json()["results"]) == 1
    ArticleFactory.create_batch(49)
    with CaptureQueriesContext(connection) as fifty:
        assert len(as_alice.get("/api/v1/articles/?page_size=50").json()["results"]) == 50

    assert len(one) == len(fifty)


def test_a_reader_without_a_role_sees_only_articles_with_a_published_verdict(reader, as_alice, alice, erin):
    from tests.api.conftest import publish

    unpublished = ReviewFactory(claim=ClaimFactory(article=ArticleFactory(title="Unpublished draft")))
    published = publish(ReviewFactory(), author=alice, editor_user=erin)

    listed = [a["id"] for a in reader.get("/api/v1/articles/").json()["results"]]
    hidden = reader.get(f"/api/v1/articles/{unpublished.claim.article_id}/")
    hidden_claims = reader.get(f"/api/v1/articles/{unpublished.claim.article_id}/claims/")

    assert listed == [published.claim.article_id]
    assert (hidden.status_code, hidden_claims.status_code) == (404, 404)
    assert "Unpublished draft" not in hidden.content.decode()
    assert reader.get(f"/api/v1/articles/{published.claim.article_id}/").status_code == 200
    assert len(as_alice.get("/api/v1/articles/").json()["results"]) == 2


def test_a_client_sees_the_articles_it_sent_and_no_other_clients(writer, reader):
    mine = writer.post("/api/v1/articles/", {"body": BODY}).json()

    assert [a["id"] for a in writer.get("/api/v1/articles/").json()["results"]] == [mine["id"]]
    assert writer.get(f"/api/v1/articles/{mine['id']}/").json()["body"] == Article.objects.get().body
    assert reader.get(f"/api/v1/articles/{mine['id']}/").status_code == 404


def test_one_article_queues_at_most_article_max_claims_and_says_what_it_dropped(
    writer, as_alice, settings, django_capture_on_commit_callbacks
):
    settings.ARTICLE_MAX_CLAIMS = 4
    distinct = [f"The city opened {n + 3} new schools in {2000 + n}, the mayor said." for n in range(10)]
    body = " ".join(distinct + [distinct[0]] * 20)

    with django_capture_on_commit_callbacks(execute=True):
        sent = writer.post("/api/v1/articles/", {"body": body, "language": "en"}).json()

    article = as_alice.get(f"/api/v1/articles/{sent['id']}/").json()
    assert article["extraction_status"] == "done"
    assert article["extraction_note"] == (
        "20 claims repeating a sentence word for word were stored once. "
        "6 less check-worthy claims were dropped: an article keeps at most 4."
    )
    claims = as_alice.get(article["claims_url"], {"page_size": 2}).json()
    assert claims["count"] == 4 and len(claims["results"]) == 2 and claims["next"]
    assert Claim.objects.filter(article_id=sent["id"]).count() == 4
    texts = [c.text for c in Claim.objects.filter(article_id=sent["id"]).order_by("span_start")]
    assert texts == distinct[:4]


def test_the_article_detail_no_longer_carries_its_claims(as_alice):
    article = ArticleFactory()
    ClaimFactory.create_batch(3, article=article)

    body = as_alice.get(f"/api/v1/articles/{article.pk}/").json()

    assert "claims" not in body
    assert body["claims_url"] == f"http://testserver/api/v1/articles/{article.pk}/claims/"
    assert as_alice.get(body["claims_url"]).json()["count"] == 3


@pytest.mark.celery_worker
def test_a_real_worker_fetches_a_url_sent_to_the_api(celery_worker, writer, public_web):
    import time

    public_web.pages["news.example/story"] = FakeResponse(200, {"Content-Type": "text/html"}, HTML.encode())

    accepted = writer.post("/api/v1/articles/", {"url": public_web.url("/story")})
    assert (accepted.status_code, accepted.json()["extraction_status"]) == (202, "fetching")
    deadline = time.monotonic() + 30
    status = "fetching"
    while status in {"fetching", "pending"} and time.monotonic() < deadline:
        time.sleep(0.2)
        status = writer.get(f"/api/v1/articles/{accepted.json()['id']}/").json()["extraction_status"]

    assert status == "done"
    assert Claim.objects.filter(article_id=accepted.json()["id"]).exists()

