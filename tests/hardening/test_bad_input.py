"""Bad input on every write endpoint and management command: a clear 4xx (or a command error)
that names the field, and the database exactly as it was. Markup is stored as text and shown
escaped wherever a page shows it."""

import html
import io
import json
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.models import Article
from reviews.models import Review, ReviewStatus, WebhookEndpoint
from reviews.workflow import services
from tests.factories import ReviewFactory, SourceFactory, editor, fact_checker
from tests.hardening.conftest import api_token_client

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
# Rows that change on every request whatever it carries: sessions and sign-in records.
NOT_COMPARED = {"sessions.Session", "axes.AccessLog", "axes.AccessAttempt", "axes.AccessFailureLog"}
PRIVATE_URLS = [
    "http://127.0.0.1:8000/admin/",
    "http://localhost/",
    "http://10.0.0.5/news",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0/",
    "http://100.64.0.1/",
]
NOT_HTTP = ["ftp://example.org/article", "file:///etc/passwd", "javascript:alert(1)", "http://user:pw@example.org/"]


def database_state() -> dict[str, list[dict[str, Any]]]:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.label not in NOT_COMPARED
    }


@pytest.fixture(autouse=True)
def no_connections_leave(monkeypatch):
    """A refusal must come before any connection: fail loudly if anything tries to connect."""

    def refuse(address, *args, **kwargs):
        raise AssertionError(f"tried to connect to {address}")

    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def desk(db):
    """The callers and the reviews the bad input is aimed at."""
    alice, erin, frank = fact_checker("alice"), editor("erin"), editor("frank")
    researching = ReviewFactory(status=ReviewStatus.RESEARCHING, assignee=alice)
    SourceFactory(review=researching, added_by=alice)
    in_review = ReviewFactory(status=ReviewStatus.IN_REVIEW, assignee=alice, rating="false", explanation="No.",
                              submitted_by=alice)
    newsroom_site = api_token_client("newsroom-site", write=True)
    webhook_owner = newsroom_site.get("/api/v1/webhooks/")  # the token's user exists now
    assert webhook_owner.status_code == 200
    from django.contrib.auth import get_user_model

    webhook = WebhookEndpoint.objects.create(owner=get_user_model().objects.get(username="newsroom-site"),
                                             url="https://hooks.example/verdicts", secret="s" * 32)
    from rest_framework.test import APIClient

    clients = {}
    for name, user in (("alice", alice), ("erin", erin), ("frank", frank)):
        clients[name] = APIClient()
        clients[name].force_login(user)
    clients["newsroom_site"] = newsroom_site
    return {
        "clients": clients,
        "new": ReviewFactory(),
        "researching": researching,
        "in_review": in_review,
        "webhook": webhook,
    }


@dataclass(frozen=True)
class Case:
    name: str
    caller: str
    path: Callable[[dict[str, Any]], str]
    body: Any
    field: str | None
    error: str = "invalid_input"
    method: str = "post"
    status: int = 400
    extra: dict[str, Any] = field(default_factory=dict)


def move(review: str, name: str) -> Callable[[dict[str, Any]], str]:
    return lambda desk: f"/api/v1/claims/{desk[review].claim_id}/{name}/"


ARTICLES = lambda desk: "/api/v1/articles/"  # noqa: E731
WEBHOOKS = lambda desk: "/api/v1/webhooks/"  # noqa: E731
WEBHOOK = lambda desk: f"/api/v1/webhooks/{desk['webhook'].pk}/"  # noqa: E731
SOURCES = move("researching", "sources")
GOOD_ARTICLE = {"title": "Мектептер", "body": "Қалада кемінде 20 мектеп жөндеуден өтті.", "published_on": "2026-01-02"}
GOOD_SOURCE = {"url": "https://stats.example/r", "title": "Report", "accessed_on": "2026-01-02", "stance": "supports"}

CASES = [
    # --- ingest -----------------------------------------------------------------------------
    Case("body as a list", "newsroom_site", ARTICLES, {**GOOD_ARTICLE, "body": ["a", "b"]}, "body"),
    Case("body as an object", "newsroom_site", ARTICLES, {**GOOD_ARTICLE, "body": {"text": "x"}}, "body"),
    Case("title too long", "newsroom_site", ARTICLES, {**GOOD_ARTICLE, "title": "x" * 501}, "title"),
    Case("outlet as an object", "newsroom_site", ARTICLES, {**GOOD_ARTICLE, "outlet": {}}, "outlet"),
    Case("no such day", "newsroom_site", ARTICLES, {**GOOD_ARTICLE, "published_on": "2026-02-30"}, "published_on"),
    Case("a date in words", "newsroom_site", ARTICLES, {**GOOD_ARTICLE, "published_on": "yesterday"},
         "published_on"),
    Case("a date as a number", "newsroom_site", ARTICLES, {**GOOD_ARTICLE, "published_on": 20260102},
         "published_on"),
    Case("unknown language", "newsroom_site", ARTICLES, {**GOOD_ARTICLE, "language": "xx"}, "language"),
    Case("body and html", "newsroom_site", ARTICLES, {**GOOD_ARTICLE, "html": "<p>x</p>"}, "body"),
    Case("no text at all", "newsroom_site", ARTICLES, {"title": "x"}, "body"),
    Case("blank text", "newsroom_site", ARTICLES, {**GOOD_ARTICLE, "body": "   \n "}, "body"),
    Case("a list, not an object", "newsroom_site", ARTICLES, [GOOD_ARTICLE], None),
    Case("not JSON", "newsroom_site", ARTICLES, "{title: ", None, error="parse_error"),
    *[Case(f"fetch {url}", "newsroom_site", ARTICLES, {"url": url}, "url", error="url_refused")
      for url in PRIVATE_URLS],
    *[Case(f"fetch {url}", "newsroom_site", ARTICLES, {"url": url}, "url", error="url_refused")
      for url in NOT_HTTP if url.startswith(("http", "ftp"))],
    Case("fetch javascript:", "newsroom_site", ARTICLES, {"url": "javascript:alert(1)"}, "url"),
    # --- moves --------------------------------------------------------------------------------
    Case("version as text", "alice", move("new", "take"), {"version": "abc"}, "version"),
    Case("negative version", "alice", move("new", "take"), {"version": -1}, "version"),
    Case("note as a list", "alice", move("new", "dismiss"), {"note": ["x"]}, "note"),
    Case("note too long", "alice", move("new", "dismiss"), {"note": "x" * 5001}, "note"),
    Case("re-check on no such day", "alice", move("new", "schedule"), {"recheck_on": "2026-13-45"}, "recheck_on"),
    Case("re-check date as a number", "alice", move("new", "schedule"), {"recheck_on": 7}, "recheck_on"),
    Case("assignee as text", "erin", move("new", "assign"), {"assignee": "alice"}, "assignee"),
    Case("assignee nobody", "erin", move("new", "assign"), {"assignee": 987654}, "assignee"),
    Case("unknown rating", "alice", move("researching", "submit"), {"rating": "sort_of", "explanation": "x"},
         "rating"),
    Case("explanation as an object", "alice", move("researching", "submit"),
         {"rating": "false", "explanation": {"x": 1}}, "explanation"),
    Case("correction note as a list", "frank", move("in_review", "approve"), {"correction_note": []},
         "correction_note"),
    # --- sources ------------------------------------------------------------------------------
    Case("source on no such day", "alice", SOURCES, {**GOOD_SOURCE, "accessed_on": "2026-02-30"}, "accessed_on"),
    Case("source URL not a URL", "alice", SOURCES, {**GOOD_SOURCE, "url": "javascript:alert(1)"}, "url"),
    Case("source unknown stance", "alice", SOURCES, {**GOOD_SOURCE, "stance": "maybe"}, "stance"),
    Case("source primary as words", "alice", SOURCES, {**GOOD_SOURCE, "primary": "perhaps"}, "primary"),
    Case("source title as a list", "alice", SOURCES, {**GOOD_SOURCE, "title": ["x"]}, "title"),
    # --- webhooks -----------------------------------------------------------------------------
    *[Case(f"webhook to {url}", "newsroom_site", WEBHOOKS, {"url": url}, "url") for url in PRIVATE_URLS],
    *[Case(f"webhook to {url}", "newsroom_site", WEBHOOKS, {"url": url}, "url") for url in NOT_HTTP],
    Case("webhook events as text", "newsroom_site", WEBHOOKS, {"url": "https://93.184.215.14/h", "events": "all"},
         "events"),
    Case("webhook active as words", "newsroom_site", WEBHOOKS,
         {"url": "https://93.184.215.14/h", "active": "maybe"}, "active"),
    Case("webhook moved to a private address", "newsroom_site", WEBHOOK, {"url": "http://10.0.0.5/h"}, "url",
         method="patch"),
]


def send(desk: dict[str, Any], case: Case):
    client = desk["clients"][case.caller]
    path = case.path(desk)
    if isinstance(case.body, str):
        return getattr(client, case.method)(path, case.body, content_type="application/json")
    return getattr(client, case.method)(path, case.body, format="json")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_bad_input_is_refused_clearly_and_changes_nothing(desk, case):
    before = database_state()

    response = send(desk, case)

    assert response.status_code == case.status, response.content
    body = json.loads(response.content)
    assert (body["error"], body["field"]) == (case.error, case.field), body
    assert body["detail"].strip()
    assert database_state() == before
    # The repeated call is refused the same way.
    assert send(desk, case).status_code == case.status


UNKNOWN_FIELD_CASES = [
    Case("ingest", "newsroom_site", ARTICLES, {**GOOD_ARTICLE, "verdict": "true"}, "verdict"),
    Case("take", "alice", move("new", "take"), {"assignee": 1}, "assignee"),
    Case("source", "alice", SOURCES, {**GOOD_SOURCE, "added_by": 1}, "added_by"),
]


@pytest.mark.parametrize("case", UNKNOWN_FIELD_CASES, ids=lambda case: case.name)
def test_unknown_fields_are_refused(desk, case):
    before = database_state()
    response = send(desk, case)
    assert response.status_code == 400, response.content
    assert json.loads(response.content)["field"] == case.field
    assert database_state() == before


def test_an_oversized_body_on_each_write_endpoint_is_refused_with_413(desk, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5_000
    before = database_state()
    endpoints = [
        Case("", "newsroom_site", ARTICLES, {}, None),
        Case("", "alice", move("new", "take"), {}, None),
        Case("", "alice", SOURCES, {}, None),
        Case("", "newsroom_site", WEBHOOKS, {}, None),
        Case("", "newsroom_site", WEBHOOK, {}, None, method="patch"),
    ]
    for case in endpoints:
        big = Case(case.name, case.caller, case.path, {"note": "ж" * 5_000}, None, method=case.method)
        response = send(desk, big)
        assert response.status_code == 413, (case.path(desk), response.content)
        assert json.loads(response.content)["error"] == "request_too_large"
    assert database_state() == before


WRITE_ENDPOINTS = [
    ("newsroom_site", "post", ARTICLES),
    *[("alice", "post", move("researching", name)) for name in (
        "take", "assign", "dismiss", "restore", "schedule", "recheck-now", "submit", "send-back", "approve", "reopen",
        "sources",
    )],
    ("newsroom_site", "post", WEBHOOKS),
    ("newsroom_site", "patch", WEBHOOK),
]


@pytest.mark.parametrize("nesting", [100_000, 33])
def test_deeply_nested_json_on_each_write_endpoint_is_a_400_not_a_500(desk, nesting):
    before = database_state()
    body = "[" * nesting + "]" * nesting
    for caller, method, path in WRITE_ENDPOINTS:
        client = desk["clients"][caller]
        response = getattr(client, method)(path(desk), body, content_type="application/json")
        assert response.status_code == 400, (path(desk), response.status_code)
        assert response["Content-Type"] == "application/json"
        assert json.loads(response.content)["error"] == "parse_error"
        assert "nests deeper than 32 levels" in json.loads(response.content)["detail"]
    assert database_state() == before


def test_brackets_inside_strings_do_not_count_as_nesting(desk):
    client = desk["clients"]["alice"]
    note = "[" * 1000 + '\\"{' * 100
    response = client.post(move("researching", "dismiss")(desk), {"note": note}, format="json")

    assert response.status_code == 409  # the body parsed; the move itself is refused


# --- markup is text -------------------------------------------------------------------------


def test_markup_in_every_text_field_is_stored_as_text_and_shown_escaped(desk):
    alice, erin = desk["clients"]["alice"], desk["clients"]["erin"]
    newsroom_site = desk["clients"]["newsroom_site"]
    ingested = newsroom_site.post("/api/v1/articles/", {
        "title": SCRIPT, "outlet": SCRIPT, "published_on": "2026-01-02",
        "body": f"Қалада кемінде 20 мектеп жөндеуден өтті. {SCRIPT}",
    }, format="json")
    assert ingested.status_code == 201, ingested.content
    article = Article.objects.get(pk=ingested.json()["id"])
    assert (article.title, article.outlet) == (SCRIPT, SCRIPT)
    assert ingested.json()["title"] == SCRIPT  # JSON carries the text; it is never HTML

    review = desk["researching"]
    claim_url = f"/api/v1/claims/{review.claim_id}"
    assert alice.post(f"{claim_url}/sources/", {**GOOD_SOURCE, "title": SCRIPT, "publisher": SCRIPT,
                                                  "quote": SCRIPT}, format="json").status_code == 201
    submitted = alice.post(f"{claim_url}/submit/", {"rating": "false", "explanation": SCRIPT, "note": SCRIPT},
                           format="json")
    assert submitted.status_code == 200, submitted.content
    approved = erin.post(f"{claim_url}/approve/", {"note": SCRIPT}, format="json")
    assert approved.status_code == 200, approved.content
    review.refresh_from_db()
    assert review.explanation == SCRIPT

    pages = [
        reverse("admin:claims_article_change", args=[article.pk]),
        reverse("admin:claims_article_changelist"),
        reverse("admin:reviews_review_change", args=[review.pk]),
        reverse("admin:reviews_review_changelist"),
        reverse("admin:reviews_reviewevent_changelist"),
        reverse("dashboard"),
        reverse("verdict-page", args=[review.pk]),
    ]
    for page in pages:
        response = erin.get(page)
        assert response.status_code == 200, page
        text = response.content.decode()
        assert "<script>alert" not in text, page
        assert "<img src=x onerror" not in text, page
    shown = erin.get(reverse("verdict-page", args=[review.pk])).content.decode()
    assert html.escape(SCRIPT) in shown or html.escape(SCRIPT, quote=False) in shown
    # The ClaimReview JSON-LD inside the page cannot be closed by the text.
    assert shown.count("</script>") == shown.count("<script")


# --- management commands --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "arguments"),
    [
        ("open_due_rechecks", ["--today", "2026-02-30"]),
        ("open_due_rechecks", ["--today", "tomorrow"]),
        ("open_due_rechecks", ["--today", "<script>"]),
        ("create_api_token", []),
        ("create_api_token", ["a", "b"]),
        ("create_api_token", ["reader", "--write=yes"]),
        ("extract_claims", ["/no/such/file.txt", "--published", "2026-01-02"]),
        ("extract_claims", ["-", "--published", "2026-02-30"]),
        ("extract_claims", ["-", "--published", "2026-01-02", "--language", "xx"]),
        ("load_seeds", ["--colour", "red"]),
    ],
)
def test_a_command_given_bad_arguments_says_so_and_changes_nothing(desk, command, arguments, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Қалада кемінде 20 мектеп жөндеуден өтті."))
    before = database_state()
    with pytest.raises((CommandError, SystemExit)):
        call_command(command, *arguments, stdout=io.StringIO(), stderr=io.StringIO())
    assert database_state() == before


@pytest.mark.parametrize("username", ["", " ", "x" * 200, "bad\nname"])
def test_create_api_token_refuses_an_unusable_username(desk, username):
    before = database_state()
    with pytest.raises((CommandError, ValueError)):
        call_command("create_api_token", username, stdout=io.StringIO())
    assert database_state() == before


def test_review_status_is_read_only_through_the_api(desk):
    review = desk["new"]
    response = desk["clients"]["erin"].patch(f"/api/v1/claims/{review.claim_id}/", {"review": {"status":
                                                                                          "published"}},
                                             format="json")
    assert response.status_code == 405
    assert Review.objects.get(pk=review.pk).status == ReviewStatus.NEW
    assert services  # the only way to move a review


# --- the admin's ingest form ------------------------------------------------------------------


ADMIN_ADD_ARTICLE = "/admin/claims/article/add/"
GOOD_FORM = {"title": "Мектептер", "body": "Қалада кемінде 20 мектеп жөндеуден өтті.", "published_on": "2026-01-02",
             "language": "kk", "outlet": "", "html": "", "url": ""}


@pytest.mark.parametrize(
    ("name", "form", "field"),
    [
        ("no such day", {**GOOD_FORM, "published_on": "2026-02-30"}, "published_on"),
        ("unknown language", {**GOOD_FORM, "language": "xx"}, "language"),
        ("title too long", {**GOOD_FORM, "title": "x" * 501}, "title"),
        *[(f"fetch {url}", {**GOOD_FORM, "body": "", "url": url}, None) for url in PRIVATE_URLS[:6]],
        ("fetch javascript:", {**GOOD_FORM, "body": "", "url": "javascript:alert(1)"}, "url"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_the_admin_ingest_form_refuses_bad_input_and_stores_nothing(desk, name, form, field):
    client = desk["clients"]["alice"]
    before = database_state()

    response = client.post(ADMIN_ADD_ARTICLE, form, format="multipart")

    assert response.status_code == 200, name  # the form again, with what is wrong
    errors = response.context["form"].errors
    assert errors, (name, response.content.decode()[-1500:])
    if field:
        assert field in errors, (name, errors)
    assert database_state() == before
