"""The admin, the dashboard and the verdict page work under the Content-Security-Policy in a
real browser: no violation is reported, and the admin's scripts (served by the site) run.
Debian's Chromium runs headless through Playwright; it is never downloaded."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from reviews.models import ReviewStatus
from tests.conftest import skip_or_fail
from tests.factories import ReviewFactory, SourceFactory, UserFactory, editor, fact_checker
from tests.hardening.conftest import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "correct horse battery staple"
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    if not CHROMIUM.exists():
        skip_or_fail(f"needs Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        skip_or_fail("needs the playwright package: make install")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright keeps a loop on this thread
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield chromium
        chromium.close()


def signed_in_page(browser, base_url: str):
    user = UserFactory(username="root", is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Asia/Almaty")
    page = context.new_page()
    page.set_default_timeout(20_000)
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return page, violations


def test_admin_pages_run_under_the_policy_without_violations(browser, live_server):
    author, approver = fact_checker("author"), editor("approver")
    published = publish(ReviewFactory(), author=author, approver=approver)
    researching = ReviewFactory(status=ReviewStatus.RESEARCHING, assignee=author)
    SourceFactory(review=researching, added_by=author)
    page, violations = signed_in_page(browser, live_server.url)

    for path in (
        "/admin/",
        "/admin/dashboard/",
        "/admin/reviews/review/",
        f"/admin/reviews/review/{researching.pk}/change/",
        f"/admin/claims/article/{researching.claim.article_id}/change/",
        "/admin/auth/user/add/",
        f"/verdicts/{published.pk}/",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("load")
        if path.startswith("/admin/") and path.endswith(("/change/", "/add/", "/review/")):
            # The admin's own scripts came from the site and ran.
            assert page.evaluate("typeof window.django === 'object' && typeof django.jQuery === 'function'"), path
            # ... and did their work: the admin's actions.js ticks a row when its box is clicked.
            if path == "/admin/reviews/review/":
                page.click("#result_list tbody tr:first-child input.action-select")
                assert page.locator("#result_list tbody tr.selected").count() == 1, path
    assert violations == []


def test_an_injected_inline_script_is_blocked(browser, live_server):
    page, violations = signed_in_page(browser, live_server.url)
    page.goto(f"{live_server.url}/admin/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 1';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("window.pwned === undefined")
    assert any("script-src" in violation for violation in violations), violations
