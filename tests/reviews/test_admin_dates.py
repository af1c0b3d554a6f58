"""The review page's dates: moving a scheduled review's re-check date, and a published verdict's
check-again date; the services behind them and the admin pages, as fact-checker and editor."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from reviews.models import Review, ReviewEvent, VerdictRecheck
from reviews.rechecks.services import verdict_recheck_set
from reviews.workflow import services
from reviews.workflow.errors import InvalidInput, MissingInput, MoveNotAllowed, NotAllowedForRole, ReviewConflict
from tests.factories import ReviewFactory, VerdictRecheckFactory
from tests.reviews.conftest import event_rows

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)
WAS = datetime.date(2026, 4, 1)
LATER = datetime.date(2026, 5, 15)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def scheduled(alice):
    return ReviewFactory(status="scheduled", assignee=alice, recheck_on=WAS, version=3)


@pytest.fixture
def published(alice):
    return ReviewFactory(status="published", assignee=alice, rating="true", explanation="x")


def reload(review: Review) -> Review:
    return Review.objects.get(pk=review.pk)


def page_url(review: Review) -> str:
    return reverse("admin:reviews_review_change", args=[review.pk])


def posted(client, url: str, data: dict) -> list[tuple[str, str]]:
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


# --- review_reschedule -----------------------------------------------------------------------


def test_rescheduling_moves_the_date_keeps_the_status_and_records_it(alice, scheduled):
    services.review_reschedule(review=scheduled, actor=alice, recheck_on=LATER, note="the ministry postponed it")

    review = reload(scheduled)
    assert (review.status, review.recheck_on, review.version, review.assignee) == ("scheduled", LATER, 4, alice)
    assert event_rows(review) == [
        (
            "alice",
            "reschedule",
            "scheduled",
            "scheduled",
            "Re-check date moved to May 15, 2026 (was April 1, 2026): the ministry postponed it",
        )
    ]


def test_an_editor_may_reschedule_a_colleagues_review(erin, scheduled):
    services.review_reschedule(review=scheduled, actor=erin, recheck_on=LATER)

    assert reload(scheduled).recheck_on == LATER
    assert event_rows(scheduled)[-1][:2] == ("erin", "reschedule")


@pytest.mark.parametrize("user", ["bob", "outsider"])
def test_others_may_not_reschedule(request, user, scheduled):
    with pytest.raises(NotAllowedForRole) as refused:
        services.review_reschedule(review=scheduled, actor=request.getfixturevalue(user), recheck_on=LATER)

    assert refused.value.message == {
        "bob": "This review is assigned to alice; only they or an editor may move it.",
        "outsider": "Only fact-checkers and editors may reschedule a review.",
    }[user]
    assert (reload(scheduled).recheck_on, ReviewEvent.objects.count()) == (WAS, 0)


@pytest.mark.parametrize("status", ["new", "researching", "in_review", "published", "dismissed"])
def test_only_a_scheduled_review_is_rescheduled(alice, status):
    review = ReviewFactory(status=status, assignee=alice)

    with pytest.raises(MoveNotAllowed, match=r"Cannot reschedule a review that is .* \(only from: scheduled\)\."):
        services.review_reschedule(review=review, actor=alice, recheck_on=LATER)

    assert (reload(review).status, reload(review).recheck_on) == (status, None)


@pytest.mark.parametrize(
    ("recheck_on", "error", "message"),
    [
        (None, MissingInput, "Give the date on which to re-check the claim."),
        (TODAY, InvalidInput, "The re-check date must be in the future."),
        (datetime.date(2001, 1, 1), InvalidInput, "The re-check date must be in the future."),
        (WAS, InvalidInput, "The re-check date is already 2026-04-01."),
    ],
)
def test_bad_dates_are_refused(alice, scheduled, recheck_on, error, message):
    with pytest.raises(error) as refused:
        services.review_reschedule(review=scheduled, actor=alice, recheck_on=recheck_on)

    assert (refused.value.message, refused.value.field) == (message, "recheck_on")
    assert reload(scheduled).recheck_on == WAS


def test_a_reschedule_on_a_stale_review_loses_the_race(alice, bob, scheduled):
    stale = reload(scheduled)
    services.review_reschedule(review=scheduled, actor=alice, recheck_on=LATER)

    with pytest.raises(ReviewConflict, match="Someone else changed this review first"):
        services.review_reschedule(review=stale, actor=alice, recheck_on=datetime.date(2026, 6, 1))

    assert reload(scheduled).recheck_on == LATER
    assert len(event_rows(scheduled)) == 1


def test_the_repeated_reschedule_is_refused(alice, scheduled):
    services.review_reschedule(review=scheduled, actor=alice, recheck_on=LATER)

    with pytest.raises(InvalidInput, match="already 2026-05-15"):
        services.review_reschedule(review=scheduled, actor=alice, recheck_on=LATER)

    assert len(event_rows(scheduled)) == 1


# --- the re-check date in the admin ----------------------------------------------------------


def reschedule_url(review: Review) -> str:
    return reverse("admin:reviews_review_reschedule", args=[review.pk])


def reschedule_data(review: Review, recheck_on: str, note: str = "", version: int | None = None) -> dict:
    return {
        "reschedule-version": reload(review).version if version is None else version,
        "reschedule-recheck_on": recheck_on,
        "reschedule-note": note,
    }


def test_the_assignee_sees_the_re_check_date_form_filled_in(client, alice, scheduled):
    client.force_login(alice)

    page = client.get(page_url(scheduled)).text

    form = re.search(r'<form method="post" action="([^"]+)" class="review-move" id="reschedule">(.*?)</form>',
                     page, re.S)
    assert form.group(1) == reschedule_url(scheduled)
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    assert 'name="reschedule-recheck_on" value="2026-04-01"' in form.group(2)
    assert 'name="reschedule-version" value="3"' in form.group(2)


@pytest.mark.parametrize("user", ["bob", "erin"])
def test_the_form_is_shown_only_to_those_who_may_use_it(request, client, user, scheduled):
    client.force_login(request.getfixturevalue(user))

    page = client.get(page_url(scheduled)).text

    assert ('id="reschedule"' in page) == (user == "erin")


def test_a_new_review_has_no_re_check_date_form(client, alice):
    client.force_login(alice)

    assert 'id="reschedule"' not in client.get(page_url(ReviewFactory())).text


def test_a_fact_checker_moves_the_date_in_the_admin(client, alice, scheduled):
    client.force_login(alice)

    messages = posted(client, reschedule_url(scheduled), reschedule_data(scheduled, "2026-05-15", "postponed"))

    assert messages == [("success", "The claim will be re-checked on May 15, 2026.")]
    review = reload(scheduled)
    assert (review.status, review.recheck_on) == ("scheduled", LATER)
    assert event_rows(review) == [
        ("alice", "reschedule", "scheduled", "scheduled",
         "Re-check date moved to May 15, 2026 (was April 1, 2026): postponed"),
    ]
    # The repeated post: the form still carries the old version.
    messages = posted(client, reschedule_url(scheduled), reschedule_data(scheduled, "2026-05-15", version=3))
    assert [level for level, _ in messages] == ["warning"]
    assert messages[0][1].startswith("Someone else changed this review after you opened it; nothing was changed.")
    assert len(event_rows(review)) == 1


@pytest.mark.parametrize(
    ("recheck_on", "message"),
    [
        ("2001-01-01", ("error", "The re-check date must be in the future.")),
        ("", ("error", "Give the date on which to re-check the claim.")),
        ("not a date", ("error", "The re-check date was not changed: New re-check date: Enter a valid date.")),
    ],
)
def test_a_bad_date_in_the_admin_says_why(client, alice, scheduled, recheck_on, message):
    client.force_login(alice)

    assert posted(client, reschedule_url(scheduled), reschedule_data(scheduled, recheck_on)) == [message]
    assert (reload(scheduled).recheck_on, ReviewEvent.objects.count()) == (WAS, 0)


def test_a_colleague_is_refused_in_the_admin(client, bob, scheduled):
    client.force_login(bob)

    assert posted(client, reschedule_url(scheduled), reschedule_data(scheduled, "2026-05-15")) == [
        ("error", "This review is assigned to alice; only they or an editor may move it.")
    ]
    assert reload(scheduled).recheck_on == WAS


def test_a_review_moved_since_the_page_opened_is_a_lost_race(client, alice, scheduled):
    client.force_login(alice)
    seen = reload(scheduled).version
    services.review_recheck_now(review=scheduled, actor=alice)  # from another tab

    messages = posted(client, reschedule_url(scheduled), reschedule_data(scheduled, "2026-05-15", version=seen))

    assert [level for level, _ in messages] == ["warning"]
    assert (reload(scheduled).status, reload(scheduled).recheck_on) == ("researching", None)


def test_the_re_check_date_answers_post_only_and_not_to_outsiders(client, alice, outsider, scheduled):
    client.force_login(alice)
    assert client.get(reschedule_url(scheduled)).status_code == 405

    client.force_login(outsider)
    assert client.post(reschedule_url(scheduled), reschedule_data(scheduled, "2026-05-15")).status_code == 403
    assert reload(scheduled).recheck_on == WAS


def test_the_forms_need_the_csrf_token(alice, scheduled):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    assert client.post(reschedule_url(scheduled), reschedule_data(scheduled, "2026-05-15")).status_code == 403
    assert reload(scheduled).recheck_on == WAS


# --- verdict_recheck_set -----------------------------------------------------------------------


def test_an_editor_sets_moves_and_clears_the_check_again_date(erin, frank, published):
    recheck = verdict_recheck_set(review=published, actor=erin, check_again_on=LATER, reason="promised by May")
    assert (recheck.check_again_on, recheck.reason, recheck.set_by) == (LATER, "promised by May", erin)

    verdict_recheck_set(review=published, actor=frank, check_again_on=datetime.date(2026, 6, 1))
    recheck = VerdictRecheck.objects.get(review=published)
    assert (recheck.check_again_on, recheck.reason, recheck.set_by) == (datetime.date(2026, 6, 1), "", frank)

    assert verdict_recheck_set(review=published, actor=erin, check_again_on=None) is None
    assert verdict_recheck_set(review=published, actor=erin, check_again_on=None) is None  # again: nothing to clear
    assert not VerdictRecheck.objects.exists()
    assert reload(published).status == "published"
    assert ReviewEvent.objects.count() == 0


def test_fact_checkers_may_not_set_the_check_again_date(alice, published):
    with pytest.raises(NotAllowedForRole, match="Only editors may set the date a published verdict"):
        verdict_recheck_set(review=published, actor=alice, check_again_on=LATER)

    assert not VerdictRecheck.objects.exists()


@pytest.mark.parametrize("day", [TODAY, datetime.date(2026, 1, 1)])
def test_the_check_again_date_must_be_in_the_future(erin, published, day):
    with pytest.raises(InvalidInput, match="must be in the future") as refused:
        verdict_recheck_set(review=published, actor=erin, check_again_on=day)

    assert refused.value.field == "check_again_on"


def test_an_unpublished_review_has_no_check_again_date(erin, alice):
    review = ReviewFactory(status="researching", assignee=alice)

    with pytest.raises(MoveNotAllowed, match="Only a published verdict"):
        verdict_recheck_set(review=review, actor=erin, check_again_on=LATER)


def test_a_verdict_reopened_since_it_was_read_gets_no_date(erin, frank, published):
    stale = reload(published)
    services.review_reopen(review=published, actor=frank, note="new figures")

    with pytest.raises(MoveNotAllowed):
        verdict_recheck_set(review=stale, actor=erin, check_again_on=LATER)

    assert not VerdictRecheck.objects.exists()


# --- the check-again date in the admin -----------------------------------------------------


def check_again_url(review: Review) -> str:
    return reverse("admin:reviews_review_check_again", args=[review.pk])


def test_an_editor_sets_and_clears_the_check_again_date_in_the_admin(client, erin, published):
    client.force_login(erin)

    messages = posted(
        client, check_again_url(published), {"check_again-check_again_on": "2026-05-15", "check_again-reason": "by May"}
    )

    assert messages == [("success", "The verdict will be checked again on May 15, 2026.")]
    assert VerdictRecheck.objects.filter(review=published).values_list("check_again_on", "reason").get() == (
        LATER,
        "by May",
    )
    page = client.get(page_url(published)).text
    assert re.search(r'<p id="check-again-current">May 15, 2026 · by May</p>', page)
    assert 'name="check_again-check_again_on" value="2026-05-15"' in page

    messages = posted(client, check_again_url(published), {"check_again-check_again_on": "", "check_again-reason": ""})

    assert messages == [("success", "The verdict has no date to be checked again now.")]
    assert not VerdictRecheck.objects.exists()


def test_a_past_check_again_date_is_refused_in_the_admin(client, erin, published):
    client.force_login(erin)

    messages = posted(client, check_again_url(published), {"check_again-check_again_on": "2026-03-10"})

    assert messages == [("error", "The date to check again must be in the future.")]
    assert not VerdictRecheck.objects.exists()


def test_a_fact_checker_sees_the_check_again_date_without_a_form_and_cannot_post_one(client, alice, published):
    VerdictRecheckFactory(review=published, check_again_on=LATER, reason="")
    client.force_login(alice)

    page = client.get(page_url(published)).text

    assert '<p id="check-again-current">May 15, 2026</p>' in page
    assert 'id="check-again-form"' not in page
    assert posted(client, check_again_url(published), {"check_again-check_again_on": "2026-06-01"}) == [
        ("error", "Only editors may set the date a published verdict is checked again.")
    ]
    assert VerdictRecheck.objects.get().check_again_on == LATER


def test_unpublished_reviews_show_no_check_again_date(client, erin, scheduled):
    client.force_login(erin)

    assert 'id="check-again"' not in client.get(page_url(scheduled)).text
