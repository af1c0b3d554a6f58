"""Who gets what: every endpoint and admin page against every kind of caller, from ONE table.

The endpoints come from the URL resolver, so a new one without a row fails
`test_every_endpoint_has_a_row`. Codes are what each caller must get for the `world` below:
reads ask for a published claim or verdict, moves and new sources act on a *new* claim
(invisible without a newsroom role, so 404); a POST sends an empty body (so 400 or 409 means
the caller got past the permission checks). The admin's redirect to its login page is written
LOGIN; its other 302s go back to the page with a message. The API client's token does not open
the admin. Each caller meets the same state: what a call changes is rolled back.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from reviews.models import ReviewEvent, WebhookEndpoint
from tests.factories import ArticleFactory, ReviewFactory
from tests.hardening.conftest import ROLES, client_as, publish

pytestmark = pytest.mark.django_db

#            anonymous, api_client, fact_checker, editor, superuser
Code = int | str
Codes = tuple[Code, Code, Code, Code, Code]
# The admin's 302 to its login page, told apart from its other redirects (back to the page
# with a message after a form, or to the object's change page).
LOGIN = "login"


@dataclass(frozen=True)
class Row:
    endpoint: str  # the URL name, or the route of an unnamed pattern
    method: str
    codes: Codes
    data: dict[str, Any] = field(default_factory=dict)


TABLE: list[Row] = [
    # --- public: verdicts, ratings, schema and docs, health, language
    Row("docs", "GET", (200, 200, 200, 200, 200)),
    Row("healthz", "GET", (200, 200, 200, 200, 200)),
    Row("ratings", "GET", (200, 200, 200, 200, 200)),
    Row("readyz", "GET", (200, 200, 200, 200, 200)),
    Row("schema", "GET", (200, 200, 200, 200, 200)),
    Row("set_language", "GET", (302, 302, 302, 302, 302)),
    Row("set_language", "POST", (302, 302, 302, 302, 302)),
    Row("verdict-claimreview", "GET", (200, 200, 200, 200, 200)),
    Row("verdict-detail", "GET", (200, 200, 200, 200, 200)),
    Row("verdict-list", "GET", (200, 200, 200, 200, 200)),
    Row("verdict-page", "GET", (200, 200, 200, 200, 200)),
    # --- the API: articles, claims and their moves, webhooks
    Row("api/v1/^.*/$", "GET", (404, 404, 404, 404, 404)),
    Row("article-claims", "GET", (401, 200, 200, 200, 200)),
    Row("article-detail", "GET", (401, 200, 200, 200, 200)),
    Row("article-list", "GET", (401, 200, 200, 200, 200)),
    Row("article-list", "POST", (401, 400, 400, 400, 400)),
    Row("claim-approve", "POST", (401, 404, 409, 409, 409)),
    Row("claim-assign", "POST", (401, 404, 403, 400, 400)),
    Row("claim-detail", "GET", (401, 200, 200, 200, 200)),
    Row("claim-dismiss", "POST", (401, 404, 200, 200, 200)),
    Row("claim-list", "GET", (401, 200, 200, 200, 200)),
    Row("claim-recheck-now", "POST", (401, 404, 409, 409, 409)),
    Row("claim-reopen", "POST", (401, 404, 409, 409, 409)),
    Row("claim-restore", "POST", (401, 404, 409, 409, 409)),
    Row("claim-schedule", "POST", (401, 404, 400, 400, 400)),
    Row("claim-send-back", "POST", (401, 404, 409, 409, 409)),
    Row("claim-sources", "GET", (401, 200, 200, 200, 200)),
    Row("claim-sources", "POST", (401, 404, 400, 400, 400)),
    Row("claim-submit", "POST", (401, 404, 409, 409, 409)),
    Row("claim-take", "POST", (401, 404, 200, 200, 200)),
    Row("webhook-deliveries", "GET", (401, 200, 404, 404, 404)),
    Row("webhook-detail", "DELETE", (401, 204, 404, 404, 404)),
    Row("webhook-detail", "GET", (401, 200, 404, 404, 404)),
    Row("webhook-detail", "PATCH", (401, 200, 404, 404, 404)),
    Row("webhook-detail", "PUT", (401, 405, 405, 405, 405)),
    Row("webhook-list", "GET", (401, 200, 200, 200, 200)),
    Row("webhook-rotate-secret", "POST", (401, 200, 404, 404, 404)),
    Row("webhook-list", "POST", (401, 400, 400, 400, 400)),
    # --- the admin site and the dashboard
    Row("admin:app_list", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:autocomplete", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:index", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:jsi18n", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:login", "GET", (200, 200, 302, 302, 302)),
    Row("admin:login", "POST", (200, 200, 200, 200, 200)),
    Row("admin:logout", "GET", (302, 302, 405, 405, 405)),
    Row("admin:logout", "POST", (302, 302, 200, 200, 200)),
    Row("admin:password_change", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:password_change_done", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:view_on_site", "GET", (LOGIN, LOGIN, 404, 404, 404)),
    Row("dashboard", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    # --- the admin's model pages and forms
    Row("admin:auth_group_add", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:auth_group_change", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:auth_group_changelist", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:auth_group_delete", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:auth_group_history", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:auth_user_add", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:auth_user_change", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:auth_user_changelist", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:auth_user_delete", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:auth_user_history", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:auth_user_password_change", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:authtoken_tokenproxy_add", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:authtoken_tokenproxy_change", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:authtoken_tokenproxy_changelist", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:authtoken_tokenproxy_delete", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:authtoken_tokenproxy_history", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accessattempt_add", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:axes_accessattempt_change", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accessattempt_changelist", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accessattempt_delete", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accessattempt_history", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accessfailurelog_add", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:axes_accessfailurelog_change", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accessfailurelog_changelist", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accessfailurelog_delete", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accessfailurelog_history", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accesslog_add", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:axes_accesslog_change", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accesslog_changelist", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accesslog_delete", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:axes_accesslog_history", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:claims_article_add", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_article_change", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_article_changelist", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_article_delete", "GET", (LOGIN, LOGIN, 403, 403, 200)),
    Row("admin:claims_article_history", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:reviews_review_add", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:reviews_review_change", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:reviews_review_changelist", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:reviews_review_check_again", "GET", (LOGIN, LOGIN, 405, 405, 405)),
    Row("admin:reviews_review_check_again", "POST", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin:reviews_review_delete", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:reviews_review_evidence", "GET", (LOGIN, LOGIN, 405, 405, 405)),
    Row("admin:reviews_review_evidence", "POST", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin:reviews_review_history", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:reviews_review_move", "GET", (LOGIN, LOGIN, 405, 405, 405)),
    Row("admin:reviews_review_move", "POST", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin:reviews_review_reschedule", "GET", (LOGIN, LOGIN, 405, 405, 405)),
    Row("admin:reviews_review_reschedule", "POST", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin:reviews_reviewevent_add", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:reviews_reviewevent_change", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:reviews_reviewevent_changelist", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:reviews_reviewevent_delete", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:reviews_reviewevent_history", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    # --- the admin's bare object URLs: redirects to the change page (or to the login page)
    Row("admin/(?P<url>.*)$", "GET", (LOGIN, LOGIN, 404, 404, 404)),
    Row("admin/auth/group/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/auth/user/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/authtoken/tokenproxy/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/axes/accessattempt/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/axes/accessfailurelog/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/axes/accesslog/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/claims/article/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/reviews/review/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/reviews/reviewevent/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
]


# --- how each endpoint is reached ------------------------------------------------------------


@pytest.fixture
def world(db) -> dict[str, Any]:
    """One of everything an endpoint can be asked about."""
    from tests.factories import editor, fact_checker

    author, approver = fact_checker("author"), editor("approver")
    published = publish(ReviewFactory(), author=author, approver=approver)
    new = ReviewFactory()
    client_user = api_token_user()
    return {
        "published": published,
        "new": new,
        "article": ArticleFactory(),
        "webhook": WebhookEndpoint.objects.create(owner=client_user, url="https://hooks.example/verdicts",
                                                  secret="s" * 32),
        "event": ReviewEvent.objects.filter(review=published).first(),
        "source": published.sources.first(),
        "group": Group.objects.get(name="Editors"),
        "token": Token.objects.get(user=client_user),
        "attempt": AccessAttempt.objects.create(username="x", ip_address="203.0.113.9", user_agent="ua",
                                                failures_since_start=1, get_data="", post_data="", http_accept="",
                                                path_info="/admin/login/"),
        "log": AccessLog.objects.create(username="x", ip_address="203.0.113.9", user_agent="ua", http_accept="",
                                        path_info="/admin/login/"),
        "failure": AccessFailureLog.objects.create(username="x", ip_address="203.0.113.9", user_agent="ua",
                                                   http_accept="", path_info="/admin/login/", locked_out=False),
    }


def api_token_user():
    from django.contrib.auth import get_user_model

    client_as("api_client")  # creates the client user and its token
    return get_user_model().objects.get(username="newsroom-site")


def url_for(endpoint: str, method: str, world: dict[str, Any]) -> str:
    from django.urls import reverse

    published, new = world["published"], world["new"]
    if endpoint.startswith("claim-"):
        claim = published.claim if endpoint in {"claim-detail", "claim-sources"} and method == "GET" else new.claim
        return reverse(endpoint, args=[claim.pk]) if endpoint != "claim-list" else reverse(endpoint)
    if endpoint in {"verdict-detail", "verdict-claimreview", "verdict-page"}:
        return reverse(endpoint, args=[published.pk])
    if endpoint in {"article-detail", "article-claims"}:
        return reverse(endpoint, args=[published.claim.article_id])
    if endpoint in {"webhook-detail", "webhook-deliveries", "webhook-rotate-secret"}:
        return reverse(endpoint, args=[world["webhook"].pk])
    if endpoint == "admin:view_on_site":
        return reverse(endpoint, args=[ContentType.objects.get_for_model(published).pk, published.pk])
    if endpoint == "admin:app_list":
        return reverse(endpoint, args=["reviews"])
    if endpoint == "admin:reviews_review_move":
        return reverse(endpoint, args=[new.pk, "take"])
    if endpoint == "admin:reviews_review_reschedule":
        return reverse(endpoint, args=[new.pk])
    if endpoint == "admin:reviews_review_check_again":
        return reverse(endpoint, args=[published.pk])
    if endpoint == "admin:reviews_review_evidence":
        return reverse(endpoint, args=[new.pk, 987654])  # no such suggestion
    if endpoint == "admin:auth_user_password_change":
        return reverse(endpoint, args=[world["published"].assignee_id])
    if endpoint == "admin/(?P<url>.*)$":
        return "/admin/no-such-page/"
    if endpoint == "api/v1/^.*/$":
        return "/api/v1/no-such-endpoint/"
    objects = {
        "auth_group": world["group"], "auth_user": published.assignee, "axes_accessattempt": world["attempt"],
        "axes_accesslog": world["log"], "axes_accessfailurelog": world["failure"],
        "authtoken_tokenproxy": world["token"].user, "claims_article": published.claim.article,
        "reviews_review": published, "reviews_reviewevent": world["event"],
    }
    for model, obj in objects.items():
        if endpoint.startswith(f"admin:{model}_"):
            page = endpoint.removeprefix(f"admin:{model}_")
            return reverse(endpoint) if page in {"changelist", "add"} else reverse(endpoint, args=[obj.pk])
        if endpoint == f"admin/{model.replace('_', '/', 1)}/<path:object_id>/":
            return f"/admin/{model.replace('_', '/', 1)}/{obj.pk}/"
    return reverse(endpoint)


# --- the endpoints the resolver knows ---------------------------------------------------------

ADMIN_FORM_POSTS = {
    "admin:login", "admin:logout", "admin:reviews_review_move", "admin:reviews_review_reschedule",
    "admin:reviews_review_check_again", "admin:reviews_review_evidence", "set_language",
}


def resolver_endpoints() -> set[tuple[str, str]]:
    """(endpoint, method) for every URL pattern: DRF actions by method, Django views by GET
    (and POST for the forms that only make sense posted)."""
    found: set[tuple[str, str]] = set()

    def walk(patterns, prefix: str = "", namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
                continue
            assert isinstance(pattern, URLPattern)
            endpoint = f"{namespace}{pattern.name}" if pattern.name else prefix + str(pattern.pattern)
            actions = getattr(pattern.callback, "actions", None)
            view_class = getattr(pattern.callback, "cls", None) or getattr(pattern.callback, "view_class", None)
            if actions:
                # HEAD answers as GET does; OPTIONS describes the endpoint.
                methods = {method.upper() for method in actions} - {"HEAD", "OPTIONS"}
            elif view_class is not None and not endpoint.startswith("admin/"):
                methods = {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)} - {
                    "OPTIONS", "HEAD"}
            else:
                methods = {"GET"}
            if endpoint in ADMIN_FORM_POSTS:
                methods.add("POST")
            for method in methods:
                found.add((endpoint, method))

    walk(get_resolver().url_patterns)
    return found


def call(role: str, row: Row, world: dict[str, Any]):
    client = client_as(role)
    url = url_for(row.endpoint, row.method, world)
    send = getattr(client, row.method.lower())
    if row.method in {"POST", "PUT", "PATCH"}:
        if row.endpoint.startswith("admin") or row.endpoint == "set_language":
            return send(url, row.data, format="multipart")  # a form, as a browser sends it
        return send(url, row.data, format="json")
    return send(url)


def test_every_endpoint_has_a_row():
    in_table = {(row.endpoint, row.method) for row in TABLE}
    assert len(in_table) == len(TABLE), "an endpoint has two rows"
    missing = resolver_endpoints() - in_table
    assert not missing, f"endpoints without a row in the access table: {sorted(missing)}"
    gone = in_table - resolver_endpoints()
    assert not gone, f"rows for endpoints that no longer exist: {sorted(gone)}"


class _RollBack(Exception):
    pass


def code_for(role: str, row: Row, world: dict[str, Any]) -> Code:
    """The status one caller gets, with whatever the call changed rolled back, so every caller
    meets the same state."""
    status: Code = 0
    try:
        with transaction.atomic():
            response = call(role, row, world)
            status = response.status_code
            if status == 302 and response["Location"].startswith("/admin/login/"):
                status = LOGIN
            raise _RollBack
    except _RollBack:
        pass
    return status


def test_each_caller_gets_the_code_in_the_table(world):
    got = {(row.endpoint, row.method): tuple(code_for(role, row, world) for role in ROLES) for row in TABLE}
    expected = {(row.endpoint, row.method): row.codes for row in TABLE}
    differences = {key: {"table": expected[key], "got": got[key]} for key in expected if got[key] != expected[key]}
    assert differences == {}, f"(codes in the order {ROLES})"
