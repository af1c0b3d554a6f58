"""The review desk through the admin, as a fact-checker and as an editor."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import ClaimKind
from reviews.models import Review, ReviewEvent, Source, VerdictRevision
from reviews.workflow import services
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory, fact_checker
from tests.reviews.conftest import event_rows

pytestmark = pytest.mark.django_db


def page_url(review: Review) -> str:
    return reverse("admin:reviews_review_change", args=[review.pk])


def move_url(review: Review, move: str) -> str:
    return reverse("admin:reviews_review_move", args=[review.pk, move])


def shown_moves(client, review: Review) -> list[str]:
    response = client.get(page_url(review))
    assert response.status_code == 200
    return re.findall(r'<form method="post" action="[^"]+" class="review-move" id="move-([a-z_]+)"', response.text)


def post_move(client, review: Review, move: str, **data):
    review = Review.objects.get(pk=review.pk)
    data = {"move-version": review.version, "move-note": "", **{f"move-{k}": v for k, v in data.items()}}
    response = client.post(move_url(review, move), data, follow=True)
    assert response.status_code == 200
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def as_user(client, user):
    client.force_login(user)
    return client


# --- which buttons ---------------------------------------------------------------------------


def test_a_fact_checker_sees_the_moves_open_to_them_on_a_new_claim(client, alice):
    review = ReviewFactory()

    assert shown_moves(as_user(client, alice), review) == ["take", "dismiss", "schedule"]


def test_an_editor_also_sees_assign(client, erin):
    review = ReviewFactory()

    assert shown_moves(as_user(client, erin), review) == ["take", "assign", "dismiss", "schedule"]


def test_a_fact_checker_sees_no_moves_on_a_colleagues_claim(client, bob, researching):
    client = as_user(client, bob)

    assert shown_moves(client, researching) == []
    assert 'id="no-moves"' in client.get(page_url(researching)).text


def test_the_assignee_can_schedule_or_submit(client, alice, researching):
    assert shown_moves(as_user(client, alice), researching) == ["schedule", "submit"]


def test_the_submitting_editor_sees_no_approve_button_and_another_editor_does(client, erin, frank, in_review):
    in_review.submitted_by = erin
    in_review.save(update_fields=["submitted_by"])

    assert shown_moves(as_user(client, erin), in_review) == ["assign", "send_back"]
    assert shown_moves(as_user(client, frank), in_review) == ["assign", "send_back", "approve"]


def test_a_published_verdict_offers_editors_reopen_only(client, alice, erin):
    review = ReviewFactory(status="published", assignee=alice, rating="true", explanation="x")

    assert shown_moves(as_user(client, alice), review) == []
    assert shown_moves(as_user(client, erin), review) == ["reopen"]


def test_status_and_version_are_not_editable_on_the_page(client, erin):
    review = ReviewFactory()

    page = as_user(client, erin).get(page_url(review)).text

    assert 'name="status"' not in page
    assert 'name="version"' not in page


def test_users_without_a_role_cannot_open_the_review_desk(client, outsider):
    review = ReviewFactory()

    assert as_user(client, outsider).get(page_url(review)).status_code == 403
    assert client.post(move_url(review, "take"), {"move-version": 0}).status_code == 403


# --- the whole path ------------------------------------------------------------------------


def inline_management_data(response) -> dict[str, object]:
    data: dict[str, object] = {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name, field in management.fields.items():
            data[f"{management.prefix}-{name}"] = management.initial.get(name, field.initial)
    return data


def test_a_claim_goes_from_new_to_published_through_the_admin(client, alice, erin):
    review = ReviewFactory()
    client = as_user(client, alice)

    assert post_move(client, review, "take") == [("success", "Take: the review is now researching.")]

    page = client.get(page_url(review))
    data = {
        **inline_management_data(page),
        "sources-TOTAL_FORMS": 1,
        "sources-0-url": "https://stat.gov.kz/report/2018",
        "sources-0-title": "Statistics bulletin",
        "sources-0-publisher": "Bureau of National Statistics",
        "sources-0-accessed_on": "2018-03-01",
        "sources-0-stance": "refutes",
        "sources-0-primary": "on",
        "_continue": "Save",
    }
    response = client.post(page_url(review), data, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    source = Source.objects.get(review=review)
    assert (source.title, source.added_by, source.stance, source.primary) == (
        "Statistics bulletin",
        alice,
        "refutes",
        True,
    )

    assert post_move(client, review, "submit", rating="false", explanation="The bulletin shows 120.",
                     claim_summary="340 civilians killed") == [
        ("success", "Submit verdict: the review is now in review.")
    ]
    assert shown_moves(client, review) == []  # waiting for an editor

    client = as_user(client, erin)
    assert post_move(client, review, "approve") == [
        ("success", "Approve and publish: the review is now published.")
    ]

    review.refresh_from_db()
    assert (review.status, review.rating, review.submitted_by, review.approved_by) == (
        "published",
        "false",
        alice,
        erin,
    )
    assert VerdictRevision.objects.get(review=review).sources[0]["url"] == "https://stat.gov.kz/report/2018"
    assert [row[:4] for row in event_rows(review)] == [
        ("alice", "take", "new", "researching"),
        ("alice", "source_add", "researching", "researching"),
        ("alice", "submit", "researching", "in_review"),
        ("erin", "approve", "in_review", "published"),
    ]
    page = client.get(page_url(review)).text
    assert "The bulletin shows 120." in page  # the verdict, read-only
    assert "Statistics bulletin" in page


# --- refused moves and lost races ------------------------------------------------------------


def test_a_refused_move_says_why_and_changes_nothing(client, bob, researching):
    messages = post_move(as_user(client, bob), researching, "submit", rating="false", explanation="x")

    assert messages == [
        ("error", "This review is assigned to alice; only they or an editor may move it."),
    ]
    assert Review.objects.get(pk=researching.pk).status == "researching"


def test_missing_input_is_reported(client, alice, researching):
    messages = post_move(as_user(client, alice), researching, "submit", rating="", explanation="x")

    assert messages == [("error", "Choose a rating.")]


def test_a_past_recheck_date_is_refused(client, alice):
    review = ReviewFactory()

    messages = post_move(as_user(client, alice), review, "schedule", recheck_on="2001-01-01")

    assert messages == [("error", "The re-check date must be in the future.")]
    assert Review.objects.get(pk=review.pk).status == "new"


def test_a_move_on_a_page_opened_before_someone_elses_move_is_a_lost_race(client, alice, bob):
    review = ReviewFactory()
    client = as_user(client, bob)
    seen_version = review.version
    post_move(as_user(client, alice), review, "take")  # alice takes it first

    client = as_user(client, bob)
    response = client.post(
        move_url(review, "dismiss"), {"move-version": seen_version, "move-note": ""}, follow=True
    )

    [(level, text)] = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert level == "warning"
    assert text.startswith("Someone else changed this review after you opened it; nothing was changed.")
    assert Review.objects.get(pk=review.pk).status == "researching"
    assert ReviewEvent.objects.filter(review=review).count() == 1


def test_the_repeated_post_fails_cleanly(client, alice):
    review = ReviewFactory()
    client = as_user(client, alice)
    data = {"move-version": 0, "move-note": ""}

    client.post(move_url(review, "take"), data, follow=True)
    response = client.post(move_url(review, "take"), data, follow=True)

    assert [m.level_tag for m in response.context["messages"]] == ["warning"]
    assert ReviewEvent.objects.filter(review=review).count() == 1


def test_moves_only_answer_post(client, alice):
    review = ReviewFactory()

    assert as_user(client, alice).get(move_url(review, "take")).status_code == 405


# --- the list ------------------------------------------------------------------------------


def test_the_queue_shows_kind_short_form_outlet_date_status_assignee_and_worthiness(client, alice):
    article = ArticleFactory()
    ReviewFactory(claim=ClaimFactory(article=article, checkworthiness=0.3, quantity_comparator="more_than",
                                     quantity_value=800))
    ReviewFactory(
        status="scheduled",
        recheck_on=datetime.date(2030, 3, 21),
        assignee=alice,
        claim=ClaimFactory(
            article=article,
            kind=ClaimKind.SCHEDULED,
            checkworthiness=0.9,
            quantity_value=None,
            quantity_comparator="",
            date_earliest=datetime.date(2030, 3, 11),
            date_latest=datetime.date(2030, 3, 20),
        ),
    )

    response = as_user(client, alice).get(reverse("admin:reviews_review_changelist"), {"status": "all"})

    table = re.search(r'<table id="result_list">(.*?)</table>', response.text, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", table.replace("\n", ""))[1:]
    cells = [re.sub(r"<[^>]+>", "|", row).split("|") for row in rows]
    cells = [[html.unescape(c.strip()) for c in row if c.strip()] for row in cells]
    assert [row[1:] for row in cells] == [
        ["scheduled · 11–20 Mar 2030", "Newsroom", "02/23/2018", "scheduled", "March 21, 2030", "alice", "0.90"],
        ["quantity · > 800 · civilians", "Newsroom", "02/23/2018", "new", "Take", "—", "0.30"],
    ]


def test_the_queue_filters_by_status_and_check_worthiness(client, alice):
    ReviewFactory(status="dismissed", claim__checkworthiness=0.9)
    ReviewFactory(status="new", claim__checkworthiness=0.9)
    ReviewFactory(status="new", claim__checkworthiness=0.1)
    client = as_user(client, alice)
    changelist = reverse("admin:reviews_review_changelist")

    response = client.get(changelist, {"status": "new", "worth": "high"})

    assert [r.status for r in response.context["cl"].result_list] == ["new"]
    assert response.context["cl"].result_list[0].claim.checkworthiness == 0.9


def test_take_and_dismiss_actions_report_the_refused_ones(client, alice, bob):
    free = ReviewFactory(claim__text="Free claim")
    taken = ReviewFactory(status="researching", assignee=bob, claim__text="Bob's claim")
    client = as_user(client, alice)

    response = client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "take_selected", "_selected_action": [free.pk, taken.pk]},
        follow=True,
    )

    messages = sorted((m.level_tag, str(m)) for m in response.context["messages"])
    assert messages == [
        ("success", "1 review taken."),
        (
            "warning",
            "“Bob&#x27;s claim”: Cannot take a review that is researching (only from: new).",
        ),
    ]
    assert Review.objects.get(pk=free.pk).assignee == alice


def test_dismiss_action(client, alice):
    reviews = [ReviewFactory(), ReviewFactory()]

    response = as_user(client, alice).post(
        reverse("admin:reviews_review_changelist"),
        {"action": "dismiss_selected", "_selected_action": [r.pk for r in reviews]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == ["2 reviews dismissed."]
    assert set(Review.objects.values_list("status", flat=True)) == {"dismissed"}


# --- sources on the page ---------------------------------------------------------------------


def test_a_withheld_source_without_description_is_refused_on_the_page(client, alice, researching):
    client = as_user(client, alice)
    page = client.get(page_url(researching))
    existing = researching.sources.get()
    data = {
        **inline_management_data(page),
        "sources-TOTAL_FORMS": 2,
        "sources-0-id": existing.pk,
        "sources-0-review": researching.pk,
        "sources-0-url": existing.url,
        "sources-0-title": existing.title,
        "sources-0-accessed_on": "2018-03-01",
        "sources-0-stance": existing.stance,
        "sources-1-url": "https://example.org/witness",
        "sources-1-title": "Witness",
        "sources-1-accessed_on": "2018-03-01",
        "sources-1-stance": "supports",
        "sources-1-withheld_for_safety": "on",
        "sources-1-public_description": "",
    }

    response = client.post(page_url(researching), data)

    assert response.status_code == 200  # the page again, with the error
    assert "A source withheld for safety needs a public description." in response.text
    assert researching.sources.count() == 1


def test_sources_of_a_published_verdict_are_read_only(client, erin):
    review = ReviewFactory(status="published", rating="true", explanation="x")
    SourceFactory(review=review)

    page = as_user(client, erin).get(page_url(review)).text

    assert 'name="sources-0-url"' not in page
    assert "Casualty report" in page


def test_a_move_on_a_review_that_does_not_exist_is_not_found(client, alice):
    client = as_user(client, alice)

    assert client.post("/admin/reviews/review/999/move/take/", {"move-version": 0}).status_code == 404
    assert client.post("/admin/reviews/review/abc/move/take/", {"move-version": 0}).status_code == 404
    assert client.post(move_url(ReviewFactory(), "publish_now"), {"move-version": 0}).status_code == 404


@pytest.mark.parametrize(
    "url",
    [lambda: reverse("admin:reviews_review_changelist"), lambda: reverse("admin:claims_article_changelist")],
    ids=["review queue", "article list"],
)
def test_list_queries_do_not_grow_with_rows(client, alice, url):
    client = as_user(client, alice)

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url()).status_code == 200
        return len(captured)

    article = ArticleFactory()
    ReviewFactory(claim__article=article, assignee=alice, status="researching")
    queries_for_page()  # warm the content-type cache
    few = queries_for_page()
    for _ in range(10):
        ReviewFactory(claim__article=ArticleFactory(), assignee=fact_checker(), status="researching")

    assert queries_for_page() == few


def test_the_article_page_queries_do_not_grow_with_claims(client, alice):
    client = as_user(client, alice)
    article = ArticleFactory()
    ReviewFactory(claim=ClaimFactory(article=article))
    url = reverse("admin:claims_article_change", args=[article.pk])
    client.get(url)  # warm the content-type cache
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(10):
        ReviewFactory(claim=ClaimFactory(article=article))
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(one)


def test_the_review_page_queries_do_not_grow_with_sources_events_and_revisions(client, alice, erin, frank):
    review = ReviewFactory(status="researching", assignee=alice)
    SourceFactory(review=review, added_by=alice)
    client = as_user(client, frank)
    client.get(page_url(review))  # warm the content-type cache
    with CaptureQueriesContext(connection) as before:
        client.get(page_url(review))

    for _ in range(5):
        SourceFactory(review=review, added_by=fact_checker())
    services.review_submit(review=review, actor=alice, rating="false", explanation="x")
    services.review_approve(review=review, actor=erin)
    services.review_reopen(review=review, actor=frank, note="new data")
    services.review_submit(review=review, actor=alice, rating="true", explanation="y")
    services.review_approve(review=review, actor=erin, correction_note="rating changed")
    with CaptureQueriesContext(connection) as after:
        client.get(page_url(review))

    assert len(after) <= len(before) + 1  # another status shows other moves; nothing per row
