"""The review desk in a real browser, in Kazakh, at 1366 and 390 px wide.

A fact-checker works from the queue: takes its top claim from the row, submits the verdict
with its source in one go (three page loads in all); an editor approves it and later reopens
it for a correction while the public page stays online; the fact-checker adds a claim seen on
a tipline. No script error and no CSP violation on the way. The queue and the review page are
photographed into a temporary folder, or into docs/screenshots with UPDATE_SCREENSHOTS=1.
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from reviews.models import Review, ReviewStatus
from tests.browser.test_review_in_browser import CHROMIUM_ARGS, PASSWORD, browser, make_move, status_text
from tests.factories import editor, fact_checker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]  # the fixture, shared

WIDE = {"width": 1366, "height": 900}
NARROW = {"width": 390, "height": 844}
assert CHROMIUM_ARGS  # the same Chromium, launched the same way


@pytest.fixture
def screenshots() -> Path:
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        folder = Path(settings.BASE_DIR) / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return Path(tempfile.mkdtemp(prefix="factcheck-screenshots-"))


class Watched:
    """A signed-in page that records script errors, CSP violations and main-frame page loads."""

    def __init__(self, browser, base_url: str, username: str, language: str) -> None:
        self.context = browser.new_context(viewport=WIDE, locale="en-GB", timezone_id="Asia/Almaty")
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.problems: list[str] = []
        self.loads = 0
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        # Failed loads are judged by their response below, which names the URL.
        self.page.on("console", lambda message: self.problems.append(f"console: {message.text}")
                     if message.type == "error" and "Failed to load resource" not in message.text else None)
        self.page.on("response", self._answered)
        self.page.on("framenavigated", self._navigated)
        self.base_url = base_url
        self.page.goto(f"{base_url}/admin/login/?next=/admin/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("input[type=submit]")
        self.page.wait_for_selector("#user-tools")
        self.page.click(f"#language-switcher button[value={language}]")
        self.page.wait_for_selector(f'html[lang="{language}"]')

    def _answered(self, response) -> None:
        # The browser asks every site for /favicon.ico; we ship none.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.problems.append(f"{response.status} {response.url}")

    def _navigated(self, frame) -> None:
        if frame == self.page.main_frame:
            self.loads += 1

    def fits(self) -> None:
        """Nothing sticks out sideways: no column is cut off at this width."""
        overflow = self.page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert overflow[0] <= overflow[1], f"the page is {overflow[0]} px wide in a {overflow[1]} px window"

    def close(self) -> None:
        assert self.problems == []
        self.context.close()


def test_the_review_desk_in_kazakh_from_queue_to_correction_at_two_widths(browser, live_server, screenshots):
    call_command("load_seeds")
    for user in (fact_checker("aigerim"), editor("saule")):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    queue_url = f"{live_server.url}/admin/reviews/review/"

    desk = Watched(browser, live_server.url, "aigerim", "kk")
    page = desk.page
    for name, size in (("wide", WIDE), ("narrow", NARROW)):
        page.set_viewport_size(size)
        page.goto(queue_url)
        page.wait_for_selector("#result_list")
        desk.fits()
        first_row = page.locator("#result_list tbody tr").first
        for cell in ("field-claim_row", "field-where", "field-status_row", "field-assignee_row"):
            box = first_row.locator(f".{cell}").bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 1, cell
        page.screenshot(path=str(screenshots / f"queue-kk-{name}.png"), full_page=name == "wide")
    page.set_viewport_size(WIDE)

    # The common task: the queue (1), take from the row (2), submit with the source (3).
    desk.loads = 0
    page.goto(queue_url)
    top = page.locator("#result_list tbody tr").filter(has=page.locator("button.queue-take")).first
    claim_text = top.locator(".queue-claim").inner_text()
    top.locator("button.queue-take").click()
    page.wait_for_selector("#move-submit")
    assert status_text(page) == "зерттелуде"
    page.fill("#move-submit input[name=move-source_url]", "https://stat.gov.kz/bulletin/2018")
    page.fill("#move-submit input[name=move-source_title]", "Ұлттық статистика бюросының бюллетені")
    page.select_option("#move-submit select[name=move-rating]", "false")
    page.fill("#move-submit textarea[name=move-explanation]", "Бюллетеньде мұндай сан жоқ.")
    page.fill("#move-submit input[name=move-claim_summary]", "Бюллетеньде жоқ сан")
    page.set_viewport_size(NARROW)
    desk.fits()
    page.screenshot(path=str(screenshots / "review-kk-narrow.png"), full_page=True)
    page.set_viewport_size(WIDE)
    page.screenshot(path=str(screenshots / "review-kk-wide.png"), full_page=True)
    make_move(page, "submit")
    assert status_text(page) == "қаралуда"
    assert desk.loads <= 3, f"{desk.loads} page loads"
    review_url = page.url
    review = Review.objects.get(pk=int(review_url.rstrip("/").split("/")[-2]))
    assert review.claim.text.startswith(claim_text.strip()[:40])
    assert (review.status, review.assignee.username) == (ReviewStatus.IN_REVIEW, "aigerim")
    assert review.sources.get().title == "Ұлттық статистика бюросының бюллетені"

    # The editor approves, then reopens it for a correction: the verdict stays online.
    chief = Watched(browser, live_server.url, "saule", "kk")
    chief.page.goto(review_url)
    make_move(chief.page, "approve")
    assert status_text(chief.page) == "жарияланды"
    chief.page.fill("#move-reopen textarea[name=move-note]", "Бюро жаңа сандарды жариялады.")
    make_move(chief.page, "reopen")
    assert status_text(chief.page) == "зерттелуде"
    chief.page.click("#public-links a >> nth=0")
    chief.page.wait_for_selector("#correction-under-way")
    assert "Бюллетеньде мұндай сан жоқ." in chief.page.inner_text("main")
    chief.page.goto(f"{live_server.url}/")
    assert chief.page.locator(f'#verdicts a[href="/verdicts/{review.pk}/"]').count() == 1
    chief.close()

    # A claim from the tipline, by hand.
    page.goto(queue_url)
    page.click('a[href$="/add-claim/"]')
    page.fill("#id_text", "Алматыда бензин бір аптада 40 пайызға қымбаттады")
    page.select_option("#id_language", "kk")
    page.fill("#id_seen_where", "WhatsApp жедел желісі")
    page.fill("#id_quantity_value", "40")
    page.click("#add-claim-form input[type=submit]")
    page.wait_for_selector("#review-moves-panel")
    assert status_text(page) == "жаңа"
    assert "40 пайызға" in page.inner_text(".field-claim_link")
    desk.close()
