"""A claim from the seed article to a published verdict, in a real browser, in Kazakh.

A fact-checker signs in, switches the interface to Kazakh, opens the seed article with its
claims highlighted, takes the mid-March claim, adds a source and submits a verdict; an editor
signs in (in Russian), approves it, and the dashboard counts it published. Debian's Chromium
runs it headless through Playwright; it is never downloaded.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from claims.models import Claim, ClaimKind
from reviews.models import Review, ReviewStatus, VerdictRevision
from tests.conftest import skip_or_fail
from tests.factories import editor, fact_checker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# The README's pictures: rewritten only when asked (UPDATE_SCREENSHOTS=1), else a run leaves
# the tracked files alone and writes its screenshots to a temporary folder.
README_SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
MID_MARCH = "наурыздың ортасына"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        README_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return README_SCREENSHOTS
    return tmp_path


def assert_png(path: Path) -> None:
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    if not CHROMIUM.exists():
        skip_or_fail(f"needs Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        skip_or_fail("needs the playwright package: make install")
    # Playwright's sync API keeps an asyncio loop on this thread; the test's own ORM calls
    # between browser steps are plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def sign_in(browser, base_url: str, username: str):
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Asia/Almaty")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return page


def switch_language(page, code: str) -> None:
    page.click(f"#language-switcher button[value={code}]")
    page.wait_for_selector(f'html[lang="{code}"]')


def make_move(page, name: str) -> None:
    page.click(f"#move-{name} input[type=submit]")
    page.wait_for_selector("ul.messagelist")


def status_text(page) -> str:
    return page.inner_text(".field-status .readonly").strip()


def test_a_fact_checker_and_an_editor_publish_a_verdict_in_kazakh(browser, live_server, screenshots):
    call_command("load_seeds")
    claim = Claim.objects.get(kind=ClaimKind.SCHEDULED, text__contains=MID_MARCH)
    review = Review.objects.get(claim=claim)
    for user in (fact_checker("aigerim"), editor("saule")):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])

    # The fact-checker, in Kazakh.
    page = sign_in(browser, live_server.url, "aigerim")
    switch_language(page, "kk")
    assert page.text_content("#dashboard-link") == "Редакторлар тақтасы"

    page.goto(f"{live_server.url}/admin/claims/article/")
    page.click("#result_list tbody th a")
    page.wait_for_selector(".article-text mark")
    marks = page.locator(".article-text mark")
    # Two claims of one sentence share its span, so one mark each distinct span at least.
    spans = set(Claim.objects.filter(article=claim.article).values_list("span_start", "span_end"))
    assert marks.count() >= len(spans) >= 4
    # Beside each sentence, its short form in Kazakh.
    assert "11–20 наурыз 2018" in page.inner_text(".inline-group")
    page.screenshot(path=str(screenshots / "article-highlighted.png"), full_page=True)
    assert_png(screenshots / "article-highlighted.png")

    # The mid-March claim waits for its re-check date, long past: re-check it now, take it.
    page.locator(".article-text mark", has_text=MID_MARCH).first.click()
    page.wait_for_selector("#review-moves-panel")
    assert status_text(page) == "жоспарланған"
    make_move(page, "recheck_now")
    assert status_text(page) == "жаңа"
    make_move(page, "take")
    assert status_text(page) == "зерттелуде"

    # The source goes with the verdict, in the submit form: one POST for both.
    today = timezone.localdate().strftime("%Y-%m-%d")
    page.fill("#move-submit input[name=move-source_url]", "https://mfa.example.kz/press/2018-03-16")
    page.fill("#move-submit input[name=move-source_title]", "Астана процесі: кепіл елдер министрлерінің кездесуі")
    page.fill("#move-submit input[name=move-source_publisher]", "ҚР СІМ")
    assert page.input_value("#move-submit input[name=move-source_accessed_on]") == today
    page.select_option("#move-submit select[name=move-source_stance]", "supports")
    page.select_option("#move-submit select[name=move-rating]", "true")
    page.fill(
        "#move-submit textarea[name=move-explanation]",
        "Кепіл елдердің сыртқы істер министрлері 2018 жылғы 16 наурызда Астанада кездесті.",
    )
    page.fill("#move-submit input[name=move-claim_summary]", "Сирия келіссөзі наурыздың ортасында өтеді")
    make_move(page, "submit")
    assert status_text(page) == "қаралуда"
    assert review.sources.count() == 1
    page.context.close()

    # The editor, in Russian, finds it on the dashboard and approves it.
    page = sign_in(browser, live_server.url, "saule")
    switch_language(page, "ru")
    page.click("#dashboard-link")
    page.wait_for_selector("#waiting")
    assert page.text_content("#waiting caption").strip() == "1 вердикт ждёт утверждения"
    page.click("#waiting tbody td.claim a")
    assert status_text(page) == "на утверждении"
    make_move(page, "approve")
    assert status_text(page) == "опубликовано"

    page.click("#dashboard-link")
    page.wait_for_selector("#status-counts")
    assert page.inner_text('#status-counts li[data-status="published"] .count') == "1"
    assert page.inner_text('#status-counts li[data-status="in_review"] .count') == "0"
    page.screenshot(path=str(screenshots / "dashboard.png"), full_page=True)
    assert_png(screenshots / "dashboard.png")
    page.context.close()

    review.refresh_from_db()
    assert (review.status, review.rating, review.assignee.username) == (ReviewStatus.PUBLISHED, "true", "aigerim")
    revision = VerdictRevision.objects.get(review=review)
    assert (revision.number, revision.editor.username, revision.submitted_by.username) == (1, "saule", "aigerim")
