"""Who gets what: every endpoint and admin page against every kind of caller, from ONE table.

The endpoints come from the URL resolver, so a new one without a row fails
`test_every_endpoint_has_a_row`. Codes are what each caller must get for the `world` below:
reads ask for a published claim or verdict. Writes are real attempts: each move acts on a
review in a status the move starts from, with the input it needs (its `target` and `data`), so
what tells callers apart is their role alone. For a write the table says more than a code:
a success (2xx) must have changed the database and a refusal must have left it exactly as it
was, or the cell shows what happened instead ("200 but unchanged", "403 but changed"). The
admin answers every form with a 302 back to the page; there the cell is DONE (a success
message, the database changed) or REFUSED (an error or warning, nothing changed). The
admin's redirect to its login page is written LOGIN. The API client's token does not open
the admin. Each caller meets the same state: what a call changes is rolled back.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from claims.models import ClaimMatch
from reviews.models import EvidenceMatch, ReviewEvent, ReviewStatus, SuggestedEvidence, WebhookEndpoint
from reviews.workflow import services
from tests.factories import ArticleFactory, ReviewFactory, ScheduledReviewFactory, SourceFactory
from tests.hardening.conftest import ROLES, client_as, publish

pytestmark = pytest.mark.django_db

#            anonymous, api_client, fact_checker, editor, superuser
Code = int | str
Codes = tuple[Code, Code, Code, Code, Code]
# The admin's 302 to its login page, told apart from its other redirects (back to the page
# with a message after a form, or to the object's change page).
LOGIN = "login"
# An admin form's 302 back to the page: with a success message and the database changed, or
# with an error or warning and nothing changed.
DONE = "done"
REFUSED = "refused"
FUTURE = "2099-01-15"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Rows that change only sessions and sign-in records, which the comparison leaves out.
NO_WRITE = {"admin:login", "admin:logout", "set_language"}
NOT_COMPARED = {"sessions.Session", "axes.AccessLog", "axes.AccessAttempt", "axes.AccessFailureLog"}


@dataclass(frozen=True)
class Row:
    endpoint: str  # the URL name, or the route of an unnamed pattern
    method: str
    codes: Codes
    data: dict[str, Any] = field(default_factory=dict)
    target: str = "new"  # the world's review a move or a review form acts on
    case: str = ""  # tells two rows of one endpoint apart


ARTICLE = {"title": "Мектептер", "body": "Қалада кемінде 20 мектеп жөндеуден өтті.", "published_on": "2026-01-02"}
SOURCE = {"url": "https://stats.example/r", "title": "Report", "accessed_on": "2026-01-02", "stance": "supports"}


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
    Row("front-page", "GET", (200, 200, 200, 200, 200)),
    Row("verdict-feed", "GET", (200, 200, 200, 200, 200)),
    Row("verdict-search", "GET", (400, 400, 400, 400, 400)),  # no q
    # --- the API: articles, claims and their moves, webhooks
    Row("api/v1/^[\\s\\S]*/$", "GET", (404, 404, 404, 404, 404)),
    Row("article-claims", "GET", (401, 200, 200, 200, 200)),
    Row("article-detail", "GET", (401, 200, 200, 200, 200)),
    Row("article-list", "GET", (401, 200, 200, 200, 200)),
    Row("article-list", "POST", (401, 201, 201, 201, 201), ARTICLE),
    Row("claim-approve", "POST", (401, 404, 403, 200, 200), target="in_review"),
    Row("claim-assign", "POST", (401, 404, 403, 200, 200), {"assignee": "author"}),
    Row("claim-close-as-checked", "POST", (401, 404, 403, 200, 200),
        {"match": "match", "claim_summary": "The same claim"}, target="researching"),
    Row("claim-detail", "GET", (401, 200, 200, 200, 200)),
    Row("claim-dismiss", "POST", (401, 404, 200, 200, 200)),
    Row("claim-list", "GET", (401, 200, 200, 200, 200)),
    Row("claim-matches", "GET", (401, 200, 200, 200, 200)),
    Row("claim-recheck-now", "POST", (401, 404, 403, 200, 200), target="scheduled"),
    Row("claim-reopen", "POST", (401, 403, 403, 200, 200), {"note": "New figures"}, target="published"),
    Row("claim-restore", "POST", (401, 404, 200, 200, 200), target="dismissed"),
    Row("claim-schedule", "POST", (401, 404, 200, 200, 200), {"recheck_on": FUTURE}),
    Row("claim-send-back", "POST", (401, 404, 403, 200, 200), {"note": "Check the figure"}, target="in_review"),
    Row("claim-sources", "GET", (401, 200, 200, 200, 200)),
    Row("claim-sources", "POST", (401, 404, 403, 201, 201), SOURCE, target="researching"),
    Row("claim-submit", "POST", (401, 404, 403, 200, 200), {"rating": "false", "explanation": "No record."},
        target="researching"),
    Row("claim-take", "POST", (401, 404, 200, 200, 200)),
    Row("webhook-deliveries", "GET", (401, 200, 404, 404, 404)),
    Row("webhook-detail", "DELETE", (401, 204, 404, 404, 404)),
    Row("webhook-detail", "GET", (401, 200, 404, 404, 404)),
    Row("webhook-detail", "PATCH", (401, 200, 404, 404, 404), {"active": False}),
    Row("webhook-detail", "PUT", (401, 405, 405, 405, 405)),
    Row("webhook-list", "GET", (401, 200, 200, 200, 200)),
    Row("webhook-rotate-secret", "POST", (401, 200, 404, 404, 404)),
    Row("webhook-list", "POST", (401, 201, 201, 201, 201), {"url": "https://93.184.216.34/hooks"}),
    # --- media monitoring: the newsroom reads, editors change
    Row("externalverdict-detail", "GET", (401, 403, 200, 200, 200)),
    Row("externalverdict-list", "GET", (401, 403, 200, 200, 200)),
    Row("feedsource-detail", "GET", (401, 403, 200, 200, 200)),
    Row("feedsource-detail", "PATCH", (401, 403, 403, 200, 200), {"poll_minutes": 30}),
    Row("feedsource-list", "GET", (401, 403, 200, 200, 200)),
    Row("feedsource-switch-on", "POST", (401, 403, 403, 200, 200)),
    Row("outlet-detail", "GET", (401, 403, 200, 200, 200)),
    Row("outlet-list", "GET", (401, 403, 200, 200, 200)),
    Row("outlet-list", "POST", (401, 403, 403, 400, 400)),
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
    Row("admin:claims_article_delete", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:claims_article_history", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_externalverdict_add", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:claims_externalverdict_change", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_externalverdict_changelist", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_externalverdict_delete", "GET", (LOGIN, LOGIN, 403, 200, 200)),
    Row("admin:claims_externalverdict_history", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_feedsource_add", "GET", (LOGIN, LOGIN, 403, 200, 200)),
    Row("admin:claims_feedsource_change", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_feedsource_changelist", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_feedsource_delete", "GET", (LOGIN, LOGIN, 403, 200, 200)),
    Row("admin:claims_feedsource_history", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_outlet_add", "GET", (LOGIN, LOGIN, 403, 200, 200)),
    Row("admin:claims_outlet_change", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_outlet_changelist", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:claims_outlet_delete", "GET", (LOGIN, LOGIN, 403, 200, 200)),
    Row("admin:claims_outlet_history", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:reviews_review_add", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:reviews_review_add_claim", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:reviews_review_claim", "GET", (LOGIN, LOGIN, 405, 405, 405)),
    Row("admin:reviews_review_claim", "POST", (LOGIN, LOGIN, DONE, DONE, DONE),
        {"claim-version": 0, "claim-quantity_value": 41, "claim-quantity_comparator": "exactly"}),
    Row("admin:reviews_review_change", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:reviews_review_changelist", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:reviews_review_check_again", "GET", (LOGIN, LOGIN, 405, 405, 405)),
    Row("admin:reviews_review_check_again", "POST", (LOGIN, LOGIN, REFUSED, DONE, DONE),
        {"check_again-check_again_on": FUTURE, "check_again-reason": "a promise"}, target="published"),
    Row("admin:reviews_review_delete", "GET", (LOGIN, LOGIN, 403, 403, 403)),
    Row("admin:reviews_review_evidence", "GET", (LOGIN, LOGIN, 405, 405, 405)),
    Row("admin:reviews_review_evidence", "POST", (LOGIN, LOGIN, REFUSED, DONE, DONE),
        {"decision": "accept", "stance": "supports"}, target="researching"),
    Row("admin:reviews_review_history", "GET", (LOGIN, LOGIN, 200, 200, 200)),
    Row("admin:reviews_review_leave_group", "GET", (LOGIN, LOGIN, 405, 405, 405)),
    Row("admin:reviews_review_leave_group", "POST", (LOGIN, LOGIN, DONE, DONE, DONE), {"group-version": 1},
        target="member"),
    Row("admin:reviews_review_match", "GET", (LOGIN, LOGIN, 405, 405, 405)),
    Row("admin:reviews_review_match", "POST", (LOGIN, LOGIN, REFUSED, REFUSED, REFUSED), case="no such match"),
    Row("admin:reviews_review_move", "GET", (LOGIN, LOGIN, 405, 405, 405)),
    Row("admin:reviews_review_move", "POST", (LOGIN, LOGIN, DONE, DONE, DONE), {"move-version": 0}, case="take"),
    Row("admin:reviews_review_move", "POST", (LOGIN, LOGIN, REFUSED, DONE, DONE), {"move-version": 0},
        target="in_review", case="approve"),
    Row("admin:reviews_review_reschedule", "GET", (LOGIN, LOGIN, 405, 405, 405)),
    Row("admin:reviews_review_reschedule", "POST", (LOGIN, LOGIN, REFUSED, DONE, DONE),
        {"reschedule-version": 0, "reschedule-recheck_on": FUTURE}, target="scheduled"),
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
    Row("admin/claims/externalverdict/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/claims/feedsource/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/claims/outlet/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/reviews/review/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
    Row("admin/reviews/reviewevent/<path:object_id>/", "GET", (LOGIN, LOGIN, 302, 302, 302)),
]


# --- how each endpoint is reached ------------------------------------------------------------


@pytest.fixture
def world(db) -> dict[str, Any]:
    """One of everything an endpoint can be asked about, and a review in each status a move
    starts from: the researching, scheduled and in-review ones belong to `author`, so another
    fact-checker is refused where only the assignee or an editor may act."""
    from tests.factories import editor, fact_checker

    author, approver = fact_checker("author"), editor("approver")
    published = publish(ReviewFactory(), author=author, approver=approver)
    new = ReviewFactory()
    researching = ReviewFactory(status=ReviewStatus.RESEARCHING, assignee=author)
    SourceFactory(review=researching, added_by=author)
    in_review = ReviewFactory(status=ReviewStatus.IN_REVIEW, assignee=author, submitted_by=author, rating="false",
                              explanation="No record of it.")
    SourceFactory(review=in_review, added_by=author)
    client_user = api_token_user()
    # The same claim as `new`, from another outlet: worked on in its group.
    member = ReviewFactory()
    services.review_join_group(review_id=member.pk, same_as_id=new.pk)
    return {
        "member": member,
        "author": author,
        "published": published,
        "new": new,
        "researching": researching,
        "in_review": in_review,
        "scheduled": ScheduledReviewFactory(assignee=author),
        "dismissed": ReviewFactory(status=ReviewStatus.DISMISSED),
        "suggestion": SuggestedEvidence.objects.create(
            review=researching, article=ArticleFactory(url="https://news.example/later"),
            matched_by=EvidenceMatch.SHARED_WORDS, score=2.0, reason="shared words"),
        "match": ClaimMatch.objects.create(claim=researching.claim, matched=published.claim, score=0.97, tier="same",
                                           why="same figure", state="confirmed"),
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
        **monitoring_world(),
    }


def monitoring_world() -> dict[str, Any]:
    """An outlet with a source switched off (its reason shown) and another fact-checker's verdict."""
    from claims.models import ExternalVerdict, FeedSource, Outlet

    outlet = Outlet.objects.create(name="Егемен Қазақстан", languages="kk")
    return {
        "outlet": outlet,
        "feedsource": FeedSource.objects.create(outlet=outlet, url="https://egemen.example/rss", enabled=False,
                                                consecutive_failures=8, disabled_reason="HTTP 500"),
        "externalverdict": ExternalVerdict.objects.create(
            key="https://fc.example/1", url="https://fc.example/1", claim_reviewed="Елде 5 мың жұмыс орны ашылды",
            rating_text="Жалған", publisher="Factcheck.kz", licence="https://creativecommons.org/licenses/by/4.0/",
        ),
    }


def api_token_user():
    from django.contrib.auth import get_user_model

    client_as("api_client")  # creates the client user and its token
    return get_user_model().objects.get(username="newsroom-site")


def url_for(row: Row, world: dict[str, Any]) -> str:
    from django.urls import reverse

    endpoint, method = row.endpoint, row.method
    published, target = world["published"], world[row.target]
    if endpoint.startswith("claim-"):
        read_published = endpoint in {"claim-detail", "claim-sources", "claim-matches"} and method == "GET"
        claim = published.claim if read_published else target.claim
        return reverse(endpoint, args=[claim.pk]) if endpoint != "claim-list" else reverse(endpoint)
    if endpoint in {"verdict-detail", "verdict-claimreview", "verdict-page"}:
        return reverse(endpoint, args=[published.pk])
    if endpoint in {"article-detail", "article-claims"}:
        return reverse(endpoint, args=[published.claim.article_id])
    if endpoint.split("-")[0] in {"outlet", "feedsource", "externalverdict"} and not endpoint.endswith("-list"):
        return reverse(endpoint, args=[world[endpoint.split("-")[0]].pk])
    if endpoint in {"webhook-detail", "webhook-deliveries", "webhook-rotate-secret"}:
        return reverse(endpoint, args=[world["webhook"].pk])
    if endpoint == "admin:view_on_site":
        return reverse(endpoint, args=[ContentType.objects.get_for_model(published).pk, published.pk])
    if endpoint == "admin:app_list":
        return reverse(endpoint, args=["reviews"])
    if endpoint == "admin:reviews_review_move":
        return reverse(endpoint, args=[target.pk, row.case or "take"])
    if endpoint in {"admin:reviews_review_reschedule", "admin:reviews_review_check_again",
                    "admin:reviews_review_leave_group"}:
        return reverse(endpoint, args=[target.pk])
    if endpoint == "admin:reviews_review_claim":
        return reverse(endpoint, args=[target.pk, row.case or "claim_correct"])
    if endpoint == "admin:reviews_review_add_claim":
        return reverse(endpoint)
    if endpoint == "admin:reviews_review_evidence":
        return reverse(endpoint, args=[target.pk, world["suggestion"].pk])
    if endpoint == "admin:reviews_review_match":
        return reverse(endpoint, args=[target.pk, 987654])  # no such match
    if endpoint == "admin:auth_user_password_change":
        return reverse(endpoint, args=[world["published"].assignee_id])
    if endpoint == "admin/(?P<url>.*)$":
        return "/admin/no-such-page/"
    if endpoint == "api/v1/^[\\s\\S]*/$":
        return "/api/v1/no-such-endpoint/"
    objects = {
        "auth_group": world["group"], "auth_user": published.assignee, "axes_accessattempt": world["attempt"],
        "axes_accesslog": world["log"], "axes_accessfailurelog": world["failure"],
        "authtoken_tokenproxy": world["token"].user, "claims_article": published.claim.article,
        "reviews_review": published, "reviews_reviewevent": world["event"],
        "claims_outlet": world["outlet"], "claims_feedsource": world["feedsource"],
        "claims_externalverdict": world["externalverdict"],
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
    "admin:reviews_review_check_again", "admin:reviews_review_evidence", "admin:reviews_review_claim",
    "admin:reviews_review_match", "admin:reviews_review_leave_group",
    "set_language",
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


def database_state() -> dict[str, list[dict[str, Any]]]:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.label not in NOT_COMPARED
    }


def send(client, row: Row, world: dict[str, Any]):
    url = url_for(row, world)
    data = {name: world[value].pk if name in {"assignee", "match"} else value for name, value in row.data.items()}
    send = getattr(client, row.method.lower())
    if row.method in {"POST", "PUT", "PATCH"}:
        if row.endpoint.startswith("admin") or row.endpoint == "set_language":
            return send(url, data, format="multipart")  # a form, as a browser sends it
        return send(url, data, format="json")
    return send(url)


def test_every_endpoint_has_a_row():
    keys = [(row.endpoint, row.method, row.case) for row in TABLE]
    assert len(set(keys)) == len(keys), "an endpoint has two rows"
    in_table = {(row.endpoint, row.method) for row in TABLE}
    missing = resolver_endpoints() - in_table
    assert not missing, f"endpoints without a row in the access table: {sorted(missing)}"
    gone = in_table - resolver_endpoints()
    assert not gone, f"rows for endpoints that no longer exist: {sorted(gone)}"


class _RollBack(Exception):
    pass


def outcome(row: Row, response, before: dict | None) -> Code:
    """The code, or for a write what happened: see the module's docstring."""
    status = response.status_code
    if status == 302 and response["Location"].startswith("/admin/login/"):
        return LOGIN
    if before is None:
        return status
    changed = database_state() != before
    if row.endpoint in NO_WRITE:
        return f"{status} but changed" if changed else status
    if status == 302 and row.endpoint.startswith("admin:"):
        levels = {message.level_tag for message in get_messages(response.wsgi_request)}
        if levels == {"success"} and changed:
            return DONE
        if levels and levels <= {"error", "warning"} and not changed:
            return REFUSED
        return f"302 {sorted(levels)} {'changed' if changed else 'unchanged'}"
    if (200 <= status < 300) == changed:
        return status
    return f"{status} but {'changed' if changed else 'unchanged'}"


def code_for(role: str, row: Row, world: dict[str, Any]) -> Code:
    """What one caller gets, with whatever the call changed rolled back, so every caller meets
    the same state."""
    status: Code = 0
    try:
        with transaction.atomic():
            client = client_as(role)
            before = database_state() if row.method in WRITES else None
            status = outcome(row, send(client, row, world), before)
            raise _RollBack
    except _RollBack:
        pass
    return status


def test_each_caller_gets_the_code_in_the_table(world):
    got = {(row.endpoint, row.method, row.case): tuple(code_for(role, row, world) for role in ROLES)
           for row in TABLE}
    expected = {(row.endpoint, row.method, row.case): row.codes for row in TABLE}
    differences = {key: {"table": expected[key], "got": got[key]} for key in expected if got[key] != expected[key]}
    assert differences == {}, "codes in the order {}:\n{}".format(
        ROLES, "\n".join(f"{key}: table {row['table']}, got {row['got']}" for key, row in differences.items()))
