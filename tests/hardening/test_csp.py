"""Every page answers with a Content-Security-Policy that forbids inline script, and the pages
people use (the admin, the dashboard, the verdict page, the API docs) run no inline script, so
they work under it."""

import contextlib
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from reviews.models import ReviewStatus
from tests.factories import ReviewFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Data blocks: the browser never runs them, and CSP does not apply to them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineScriptFinder(HTMLParser):
    """Collects whatever CSP without 'unsafe-inline' would block: inline <script> bodies, on*
    event-handler attributes and javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not values.get("src") and (values.get("type") or "") not in DATA_SCRIPT_TYPES:
            self.blocked.append(f"inline <script> at line {self.getpos()[0]}")
        for name, value in attrs:
            if name.startswith("on"):
                self.blocked.append(f"<{tag} {name}=…> at line {self.getpos()[0]}")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.blocked.append(f"<{tag} {name}=javascript:…> at line {self.getpos()[0]}")


def policy(response) -> dict[str, str]:
    header = response.get("Content-Security-Policy", "")
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def blocked_by_csp(html: str) -> list[str]:
    finder = InlineScriptFinder()
    finder.feed(html)
    return finder.blocked


@pytest.fixture
def superuser(client):
    user = UserFactory(username="root", is_superuser=True)
    client.force_login(user)
    return user


def admin_pages() -> list[str]:
    """The admin's index, the dashboard, and every registered model's list, add and change pages."""
    review = ReviewFactory(status=ReviewStatus.RESEARCHING)
    SourceFactory(review=review)
    pages = [reverse("admin:index"), reverse("dashboard")]
    for model in admin.site._registry:
        opts = model._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        first = model.objects.first()
        if first is not None:
            with contextlib.suppress(NoReverseMatch):
                pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
    return pages


def test_the_policy_is_on_every_answer(client):
    for path in ("/healthz", "/admin/login/", "/api/v1/ratings/", "/no-such-page"):
        response = client.get(path)
        assert policy(response) == POLICY, path


def test_the_policy_never_allows_inline_or_eval_script(settings):
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["default-src"]
    assert "'unsafe-eval'" not in str(directives)


def test_the_admin_login_page_runs_no_inline_script(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert blocked_by_csp(response.text) == []


def test_every_admin_page_and_the_dashboard_run_no_inline_script(client, superuser):
    pages = admin_pages()
    assert len(pages) > 5
    for page in pages:
        response = client.get(page)
        if response.status_code == 403 and page.endswith("/add/"):
            continue  # a read-only model (the login attempts)
        assert response.status_code == 200, page
        assert policy(response) == POLICY, page
        assert blocked_by_csp(response.text) == [], page


def test_the_public_verdict_page_runs_no_inline_script(client, newsroom):
    response = client.get(reverse("verdict-page", args=[newsroom["published"].pk]))
    assert response.status_code == 200
    assert policy(response) == POLICY
    assert blocked_by_csp(response.text) == []


def test_the_api_docs_run_no_inline_script(client):
    # Swagger UI's usual start-up script is inline: the split view loads it from a URL instead.
    response = client.get(reverse("docs"))
    assert response.status_code == 200
    assert policy(response) == POLICY
    assert blocked_by_csp(response.text) == []
