"""Ingesting articles in the admin: text, HTML or a URL, stored once, as fact-checker and editor."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from claims.models import Article, ExtractionStatus
from tests.factories import ArticleFactory, UserFactory, editor, fact_checker
from tests.fakeweb import FakeResponse

pytestmark = pytest.mark.django_db

ADD = "admin:claims_article_add"
TEXT = "Astana, 1 September. At least 12 new schools opened in Astana in 2025, the mayor said."
HTML = """<html><head><title>Schools in Astana</title>
<meta property="article:published_time" content="2025-09-01"></head>
<body><nav>Home | News | Sport</nav>
<article><h1>Schools in Astana</h1>
<p>Twelve new schools opened in Astana in 2025, the mayor said on Monday at a press conference.</p>
<p>The city budget for education grew by 10 percent compared with the previous year, officials added.</p>
</article><footer>© Newsroom 2025. All rights reserved.</footer></body></html>"""


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def as_fact_checker(client):
    client.force_login(fact_checker("alice"))
    return client


@pytest.fixture
def as_editor(client):
    client.force_login(editor("erin"))
    return client


def form_data(**fields) -> dict[str, str]:
    return {
        "title": "", "body": "", "html": "", "url": "", "published_on": "", "language": "", "outlet": "", **fields,
    }


def ingest(client, **fields):
    """POST the form; (messages, the page it landed on, the form's errors if it came back)."""
    response = client.post(reverse(ADD), form_data(**fields), follow=True)
    assert response.status_code == 200
    messages = [(m.level_tag, str(m)) for m in response.context["messages"]]
    form = response.context.get("form") if not response.redirect_chain else None
    return messages, response, (dict(form.errors) if form is not None else None)


def article_page(article: Article) -> str:
    return reverse("admin:claims_article_change", args=[article.pk])


# --- who ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [fact_checker, editor])
def test_the_newsroom_gets_the_ingest_form_and_the_add_link(client, role):
    client.force_login(role())

    page = client.get(reverse(ADD))

    assert page.status_code == 200
    assert [name for name in page.context["form"].fields] == [
        "title", "body", "html", "url", "published_on", "language", "outlet",
    ]
    assert 'name="csrfmiddlewaretoken"' in page.text
    assert reverse(ADD) in client.get(reverse("admin:claims_article_changelist")).text


def test_staff_without_a_role_may_not_ingest(client):
    client.force_login(UserFactory(username="outsider"))

    assert client.get(reverse(ADD)).status_code == 403
    assert client.post(reverse(ADD), form_data(body=TEXT)).status_code == 403
    assert not Article.objects.exists()


# --- text --------------------------------------------------------------------------------------


def test_a_fact_checker_stores_a_text_and_its_claims_are_extracted(as_fact_checker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        messages, response, _ = ingest(
            as_fact_checker, title="Schools", body=TEXT, published_on="2025-09-01", language="en", outlet="Kazinform",
            url="https://news.example/schools",
        )

    article = Article.objects.get()
    assert response.redirect_chain == [(article_page(article), 302)]
    assert messages == [("success", "“Schools” is stored; its claims are being extracted.")]
    assert (article.title, article.body, article.published_on, article.language, article.outlet, article.url) == (
        "Schools", TEXT, datetime.date(2025, 9, 1), "en", "Kazinform", "https://news.example/schools",
    )
    assert len(callbacks) == 1  # extraction, queued after commit (eager here)
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.DONE
    assert article.claims.exists()


def test_the_same_text_again_leads_to_the_stored_article(as_fact_checker, client, django_capture_on_commit_callbacks):
    ingest(as_fact_checker, title="Schools", body=TEXT, published_on="2025-09-01")
    first = Article.objects.get()

    client.force_login(editor("erin"))
    with django_capture_on_commit_callbacks() as callbacks:
        messages, response, _ = ingest(client, title="Other title", body=f"  {TEXT}\n", published_on="2025-09-02")

    assert response.redirect_chain == [(article_page(first), 302)]
    assert messages == [("info", "This text was stored before: here it is (“Schools”).")]
    assert Article.objects.count() == 1
    assert Article.objects.get().title == "Schools"
    assert callbacks == []  # nothing extracted twice


def test_without_a_title_or_date_the_first_line_and_today_are_used(as_editor):
    ingest(as_editor, body="Мектептер ашылды\nАстанада 12 жаңа мектеп ашылды.")

    article = Article.objects.get()
    assert (article.title, article.published_on) == ("Мектептер ашылды", datetime.date(2026, 3, 10))


# --- HTML and URLs ---------------------------------------------------------------------------


def test_html_is_reduced_to_its_main_text_like_the_api_does(as_fact_checker):
    messages, _, _ = ingest(as_fact_checker, html=HTML, language="en")

    article = Article.objects.get()
    assert messages == [("success", "“Schools in Astana” is stored; its claims are being extracted.")]
    assert (article.title, article.published_on, article.url) == ("Schools in Astana", datetime.date(2025, 9, 1), None)
    assert "Twelve new schools opened in Astana" in article.body
    assert "Home | News" not in article.body and "All rights reserved" not in article.body


def test_html_without_article_text_is_a_form_error(as_fact_checker):
    messages, response, errors = ingest(as_fact_checker, html="<html><body><script>track()</script></body></html>")

    assert errors == {"__all__": ["No article text could be found in the HTML."]}
    assert messages == []
    assert "No article text could be found in the HTML." in response.text
    assert not Article.objects.exists()


def test_a_url_alone_is_queued_shown_fetching_then_fetched_by_a_task(as_editor, public_web,
                                                                     django_capture_on_commit_callbacks):
    pages, requested = public_web
    pages["news.example/story"] = FakeResponse(200, {"Content-Type": "text/html; charset=utf-8"}, HTML.encode())

    # The request only stores the article: the fetch waits for the commit, in a task.
    with django_capture_on_commit_callbacks(execute=False) as queued:
        messages, page, _ = ingest(as_editor, url=public_web.url("/story"), outlet="Newsroom")

    article = Article.objects.get()
    assert requested == []
    assert (article.extraction_status, article.url, article.outlet) == (
        ExtractionStatus.FETCHING, public_web.url("/story"), "Newsroom")
    assert page.redirect_chain[-1][0] == article_page(article)
    assert messages == [("success", f"{public_web.url('/story')} is being fetched: this page shows the article when"
                                    " it is done, or why the fetch failed.")]
    assert "fetching" in page.text

    with django_capture_on_commit_callbacks(execute=True):  # the fetch, then the extraction it queues
        for callback in queued:
            callback()
    article.refresh_from_db()
    assert requested == [("news.example", "/story")]
    assert (article.title, article.extraction_status) == ("Schools in Astana", ExtractionStatus.DONE)
    assert "Twelve new schools opened in Astana" in as_editor.get(article_page(article)).text


def test_a_url_with_text_is_stored_not_fetched(as_editor, public_web):
    _, requested = public_web

    ingest(as_editor, body=TEXT, url="https://news.example/story")

    assert requested == []
    assert Article.objects.get().url == "https://news.example/story"


def test_an_address_no_fetch_could_reach_is_a_form_error_at_once(as_fact_checker, public_web):
    _, requested = public_web

    _, _, errors = ingest(as_fact_checker, url="http://127.0.0.1/admin/")

    assert requested == []
    assert list(errors) == ["url"]
    assert "127.0.0.1 resolves to 127.0.0.1, a private, loopback or link-local address" in errors["url"][0]
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("https://intranet.news.example/story", "intranet.news.example resolves to 10.1.2.3"),
        ("{web}/missing", "{web}/missing answered HTTP 404."),
        ("{web}/data.json", "{web}/data.json is not an HTML page (application/json)."),
    ],
)
def test_a_url_whose_fetch_fails_shows_the_reason_on_the_article_page(as_fact_checker, public_web, url, error,
                                                                     django_capture_on_commit_callbacks):
    pages, _ = public_web
    pages["news.example/missing"] = FakeResponse(404, {})
    pages["news.example/data.json"] = FakeResponse(200, {"Content-Type": "application/json"}, b"{}")
    web = public_web.url("")
    url, error = url.format(web=web), error.format(web=web)

    with django_capture_on_commit_callbacks(execute=True):
        _, _, errors = ingest(as_fact_checker, url=url)

    article = Article.objects.get()
    assert errors is None
    assert article.extraction_status == ExtractionStatus.FAILED
    assert error in article.extraction_error
    assert error in as_fact_checker.get(article_page(article)).text


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({}, {"__all__": ["Give the article as text, as HTML, or as a URL to fetch."]}),
        ({"body": TEXT, "html": HTML}, {"__all__": ["Give either the text or the HTML, not both."]}),
        (
            {"body": TEXT, "language": "de"},
            {"language": ["Select a valid choice. de is not one of the available choices."]},
        ),
        ({"body": TEXT, "published_on": "1 Sept"}, {"published_on": ["Enter a valid date."]}),
        ({"url": "ftp://news.example/story"}, {"url": ["Only http and https URLs are fetched."]}),
    ],
)
def test_bad_input_comes_back_as_form_errors(as_fact_checker, fields, errors):
    messages, _, found = ingest(as_fact_checker, **fields)

    assert found == errors
    assert messages == []
    assert not Article.objects.exists()


def test_a_url_stored_with_another_text_is_refused(as_fact_checker):
    ArticleFactory(url="https://news.example/schools")

    _, _, errors = ingest(as_fact_checker, body=TEXT, url="https://news.example/schools")

    assert errors == {"__all__": ["Another article with a different text is already stored for https://news.example/schools."]}
    assert Article.objects.count() == 1


# --- after storing -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [fact_checker, editor])
def test_the_stored_text_stays_read_only(client, role):
    article = ArticleFactory(body=TEXT)
    client.force_login(role())

    page = client.get(article_page(article)).text
    client.post(article_page(article), {"title": "Changed", "body": "Changed."})

    for name in ("title", "body", "url", "published_on"):
        assert f'name="{name}"' not in page
    article.refresh_from_db()
    assert (article.title, article.body) != ("Changed", "Changed.")
    assert article.body == TEXT
