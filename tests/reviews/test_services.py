"""The workflow moves: what each allows, refuses and records."""

import datetime

import pytest
import time_machine
from django.db import transaction

from reviews.models import Review, ReviewEvent, ReviewStatus, VerdictRevision
from reviews.workflow import services
from reviews.workflow.errors import (
    InvalidInput,
    MissingInput,
    MoveNotAllowed,
    NotAllowedForRole,
    ReviewConflict,
    ReviewError,
)
from reviews.workflow.moves import MOVES
from reviews.workflow.signals import review_moved
from tests.factories import ReviewFactory, SourceFactory, UserFactory
from tests.reviews.conftest import event_rows

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def reload(review: Review) -> Review:
    return Review.objects.get(pk=review.pk)


# --- take ----------------------------------------------------------------------------------


def test_take_assigns_the_fact_checker_and_starts_research(alice):
    review = ReviewFactory()

    services.review_take(review=review, actor=alice, note="on it")

    review = reload(review)
    assert (review.status, review.assignee, review.version) == ("researching", alice, 1)
    assert not Review.objects.untouched().filter(pk=review.pk).exists()
    assert event_rows(review) == [("alice", "take", "new", "researching", "on it")]


def test_a_move_stamps_the_time_of_the_change(alice):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.UTC), tick=False):
        review = ReviewFactory()

    services.review_take(review=review, actor=alice)

    assert reload(review).updated_at == datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)


def test_the_second_take_fails_cleanly(alice, bob):
    review = ReviewFactory()
    stale = reload(review)
    services.review_take(review=review, actor=alice)

    with pytest.raises(MoveNotAllowed, match="researching"):
        services.review_take(review=review, actor=bob)  # same instance: it knows the new status
    with pytest.raises(ReviewConflict):
        services.review_take(review=stale, actor=bob)  # read before alice's take

    review = reload(review)
    assert (review.status, review.assignee, review.version) == ("researching", alice, 1)
    assert len(event_rows(review)) == 1


def test_take_is_refused_to_users_without_a_newsroom_role(outsider):
    review = ReviewFactory()

    with pytest.raises(NotAllowedForRole):
        services.review_take(review=review, actor=outsider)

    assert reload(review).status == "new"
    assert event_rows(review) == []


def test_editors_and_superusers_may_take(erin):
    boss = UserFactory(username="boss", is_superuser=True)
    first, second = ReviewFactory(), ReviewFactory()

    services.review_take(review=first, actor=erin)
    services.review_take(review=second, actor=boss)

    assert (reload(first).assignee, reload(second).assignee) == (erin, boss)


def test_an_inactive_fact_checker_may_not_move_anything(alice):
    alice.is_active = False
    alice.save()

    with pytest.raises(NotAllowedForRole):
        services.review_take(review=ReviewFactory(), actor=alice)


# --- assign --------------------------------------------------------------------------------


def test_assigning_a_new_review_starts_its_research(erin, bob):
    review = ReviewFactory()

    services.review_assign(review=review, actor=erin, assignee=bob)

    review = reload(review)
    assert (review.status, review.assignee) == ("researching", bob)
    assert event_rows(review) == [("erin", "assign", "new", "researching", "Assigned to bob")]


def test_reassigning_hands_the_work_over_without_moving_it(erin, alice, bob, in_review):
    services.review_assign(review=in_review, actor=erin, assignee=bob, note="alice is away")

    review = reload(in_review)
    assert (review.status, review.assignee, review.version) == ("in_review", bob, 1)
    assert event_rows(review) == [("erin", "assign", "in_review", "in_review", "alice is away")]


def test_only_editors_assign(alice, bob):
    with pytest.raises(NotAllowedForRole, match="Only editors"):
        services.review_assign(review=ReviewFactory(), actor=alice, assignee=bob)


def test_assign_refuses_someone_without_a_role_and_the_current_assignee(erin, alice, outsider, researching):
    with pytest.raises(InvalidInput) as no_role:
        services.review_assign(review=researching, actor=erin, assignee=outsider)
    with pytest.raises(InvalidInput) as same:
        services.review_assign(review=researching, actor=erin, assignee=alice)

    assert (no_role.value.field, same.value.field) == ("assignee", "assignee")
    assert reload(researching).version == 0


# --- dismiss and restore -------------------------------------------------------------------


def test_dismiss_then_restore(alice):
    review = ReviewFactory()

    services.review_dismiss(review=review, actor=alice, note="opinion, not a fact")
    services.review_restore(review=review, actor=alice)

    assert reload(review).status == "new"
    assert event_rows(review) == [
        ("alice", "dismiss", "new", "dismissed", "opinion, not a fact"),
        ("alice", "restore", "dismissed", "new", ""),
    ]


def test_dismiss_is_refused_to_users_without_a_role(outsider):
    with pytest.raises(NotAllowedForRole):
        services.review_dismiss(review=ReviewFactory(), actor=outsider)


# --- schedule and recheck now --------------------------------------------------------------


def test_schedule_waits_for_a_future_date_and_keeps_the_assignee(alice, researching):
    services.review_schedule(review=researching, actor=alice, recheck_on=datetime.date(2026, 4, 1))

    review = reload(researching)
    assert (review.status, review.recheck_on, review.assignee) == ("scheduled", datetime.date(2026, 4, 1), alice)
    assert event_rows(review) == [("alice", "schedule", "researching", "scheduled", "")]


@pytest.mark.parametrize("recheck_on", [TODAY, TODAY - datetime.timedelta(days=1)])
def test_schedule_refuses_a_date_that_is_not_in_the_future(alice, recheck_on):
    review = ReviewFactory()

    with pytest.raises(InvalidInput) as error:
        services.review_schedule(review=review, actor=alice, recheck_on=recheck_on)

    assert error.value.field == "recheck_on"
    assert reload(review).status == "new"


def test_schedule_needs_a_date(alice):
    with pytest.raises(MissingInput) as error:
        services.review_schedule(review=ReviewFactory(), actor=alice, recheck_on=None)
    assert error.value.field == "recheck_on"


def test_recheck_now_returns_an_assigned_review_to_its_researcher(alice):
    review = ReviewFactory(status="scheduled", assignee=alice)

    services.review_recheck_now(review=review, actor=alice)

    review = reload(review)
    assert (review.status, review.recheck_on) == ("researching", None)


def test_recheck_now_puts_an_unassigned_review_back_in_the_queue(bob):
    review = ReviewFactory(status="scheduled")

    services.review_recheck_now(review=review, actor=bob)

    assert reload(review).status == "new"
    assert event_rows(review) == [("bob", "recheck_now", "scheduled", "new", "")]


# --- submit --------------------------------------------------------------------------------


def test_submit_puts_the_verdict_in_review(alice, researching):
    services.review_submit(review=researching, actor=alice, rating="mostly_false", explanation=" Figures differ. ")

    review = reload(researching)
    assert (review.status, review.rating, review.explanation, review.submitted_by) == (
        "in_review",
        "mostly_false",
        "Figures differ.",
        alice,
    )
    assert event_rows(review) == [("alice", "submit", "researching", "in_review", "")]


@pytest.mark.parametrize(
    ("rating", "explanation", "field", "error"),
    [
        ("", "Figures differ.", "rating", MissingInput),
        ("pants_on_fire", "Figures differ.", "rating", InvalidInput),
        ("false", "   ", "explanation", MissingInput),
    ],
)
def test_submit_refuses_bad_input(alice, researching, rating, explanation, field, error):
    with pytest.raises(error) as raised:
        services.review_submit(review=researching, actor=alice, rating=rating, explanation=explanation)

    assert raised.value.field == field
    assert reload(researching).status == "researching"
    assert event_rows(researching) == []


def test_submit_needs_a_source(alice):
    review = ReviewFactory(status="researching", assignee=alice)

    with pytest.raises(MissingInput) as raised:
        services.review_submit(review=review, actor=alice, rating="false", explanation="No record.")

    assert raised.value.field == "sources"


def test_only_the_assignee_or_an_editor_may_submit(bob, erin, researching):
    with pytest.raises(NotAllowedForRole, match="assigned to alice"):
        services.review_submit(review=researching, actor=bob, rating="false", explanation="x")

    services.review_submit(review=researching, actor=erin, rating="false", explanation="x")
    assert reload(researching).submitted_by == erin


# --- send back -----------------------------------------------------------------------------


def test_an_editor_sends_a_verdict_back_with_a_note(erin, in_review):
    services.review_send_back(review=in_review, actor=erin, note="Cite the ministry's own figure.")

    assert reload(in_review).status == "researching"
    assert event_rows(in_review) == [
        ("erin", "send_back", "in_review", "researching", "Cite the ministry's own figure.")
    ]


def test_send_back_needs_a_note(erin, in_review):
    with pytest.raises(MissingInput) as raised:
        services.review_send_back(review=in_review, actor=erin, note=" ")
    assert raised.value.field == "note"


def test_fact_checkers_cannot_send_back(alice, in_review):
    with pytest.raises(NotAllowedForRole):
        services.review_send_back(review=in_review, actor=alice, note="meh")


# --- approve -------------------------------------------------------------------------------


def test_an_editor_approves_and_publishes_a_revision(erin, in_review):
    services.review_approve(review=in_review, actor=erin)

    review = reload(in_review)
    now = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
    assert (review.status, review.approved_by, review.published_at) == ("published", erin, now)
    revision = VerdictRevision.objects.get()
    source = review.sources.get()
    assert {
        "number": revision.number,
        "rating": revision.rating,
        "explanation": revision.explanation,
        "submitted_by": revision.submitted_by.username,
        "editor": revision.editor.username,
        "published_at": revision.published_at,
        "correction_note": revision.correction_note,
        "sources": revision.sources,
    } == {
        "number": 1,
        "rating": "false",
        "explanation": "No record of it.",
        "submitted_by": "alice",
        "editor": "erin",
        "published_at": now,
        "correction_note": "",
        "sources": [
            {
                "id": source.pk,
                "withheld_for_safety": False,
                "url": source.url,
                "title": "Casualty report",
                "publisher": "UN OHCHR",
                "article_id": None,
                "accessed_on": "2018-03-01",
                "archive_url": "",
                "quote": "",
                "stance": "supports",
                "primary": True,
            }
        ],
    }
    assert event_rows(review) == [("erin", "approve", "in_review", "published", "")]


def test_editor_cannot_approve_own_verdict(erin, frank, alice):
    review = ReviewFactory(status="researching", assignee=alice)
    SourceFactory(review=review)
    services.review_submit(review=review, actor=erin, rating="true", explanation="Matches the census.")

    with pytest.raises(NotAllowedForRole, match="another editor"):
        services.review_approve(review=review, actor=erin)
    assert reload(review).status == "in_review"

    services.review_approve(review=review, actor=frank)
    assert reload(review).status == "published"


def test_four_eyes_binds_superusers_too():
    boss = UserFactory(username="boss", is_superuser=True)
    review = ReviewFactory(status="in_review", submitted_by=boss, rating="true", explanation="x")

    with pytest.raises(NotAllowedForRole):
        services.review_approve(review=review, actor=boss)


def test_fact_checkers_cannot_approve(bob, in_review):
    with pytest.raises(NotAllowedForRole, match="Only editors"):
        services.review_approve(review=in_review, actor=bob)


def test_a_first_publication_takes_no_correction_note(erin, in_review):
    with pytest.raises(InvalidInput) as raised:
        services.review_approve(review=in_review, actor=erin, correction_note="Fixed a typo")
    assert raised.value.field == "correction_note"


def test_a_withheld_source_is_published_by_its_description_only(erin, in_review):
    SourceFactory(
        review=in_review,
        url="https://example.org/whistleblower",
        title="Nurse at Regional Hospital No. 2",
        withheld_for_safety=True,
        public_description="a nurse at a regional hospital",
        primary=False,
    )

    services.review_approve(review=in_review, actor=erin)

    withheld = VerdictRevision.objects.get().sources[1]
    assert withheld == {
        "id": withheld["id"],
        "withheld_for_safety": True,
        "public_description": "a nurse at a regional hospital",
        "stance": "supports",
        "primary": False,
        "accessed_on": "2018-03-01",
    }


# --- reopen and correct --------------------------------------------------------------------


def test_reopen_and_republish_needs_a_correction_note_and_keeps_both_revisions(alice, erin, frank, in_review):
    services.review_approve(review=in_review, actor=erin)
    with pytest.raises(MissingInput):
        services.review_reopen(review=in_review, actor=frank, note="")

    services.review_reopen(review=in_review, actor=frank, note="Reader sent the official table.")
    services.review_submit(review=in_review, actor=alice, rating="half_true", explanation="Revised figures.")
    with pytest.raises(MissingInput) as raised:
        services.review_approve(review=in_review, actor=erin)
    assert raised.value.field == "correction_note"

    services.review_approve(review=in_review, actor=erin, correction_note="Rating changed after new data.")

    revisions = list(VerdictRevision.objects.values_list("number", "rating", "correction_note"))
    assert revisions == [(1, "false", ""), (2, "half_true", "Rating changed after new data.")]
    assert [row[1:4] for row in event_rows(in_review)] == [
        ("approve", "in_review", "published"),
        ("reopen", "published", "researching"),
        ("submit", "researching", "in_review"),
        ("approve", "in_review", "published"),
    ]
    assert reload(in_review).version == 4


def test_only_editors_reopen(alice, erin, in_review):
    services.review_approve(review=in_review, actor=erin)

    with pytest.raises(NotAllowedForRole):
        services.review_reopen(review=in_review, actor=alice, note="I found a mistake")


# --- every move, every status it does not start from ------------------------------------------

CALLS = {
    "take": lambda review, actor: services.review_take(review=review, actor=actor),
    "assign": lambda review, actor: services.review_assign(
        review=review, actor=actor, assignee=UserFactory(username="boss")
    ),
    "dismiss": lambda review, actor: services.review_dismiss(review=review, actor=actor),
    "restore": lambda review, actor: services.review_restore(review=review, actor=actor),
    "schedule": lambda review, actor: services.review_schedule(
        review=review, actor=actor, recheck_on=datetime.date(2027, 1, 1)
    ),
    "recheck_now": lambda review, actor: services.review_recheck_now(review=review, actor=actor),
    "submit": lambda review, actor: services.review_submit(
        review=review, actor=actor, rating="true", explanation="x"
    ),
    # The match is checked after role and status: none is needed to be refused for those.
    "close_as_checked": lambda review, actor: services.review_close_as_checked(review=review, actor=actor, match=None),
    "send_back": lambda review, actor: services.review_send_back(review=review, actor=actor, note="n"),
    "approve": lambda review, actor: services.review_approve(review=review, actor=actor),
    "reopen": lambda review, actor: services.review_reopen(review=review, actor=actor, note="n"),
}
WRONG_STATUS = [
    (move, status)
    for move in CALLS
    for status in ReviewStatus.values
    if status not in MOVES[move].sources
]


def test_every_person_facing_move_has_a_service():
    assert set(CALLS) == {name for name, move in MOVES.items() if move.role != "system"}


@pytest.mark.parametrize(("move", "status"), WRONG_STATUS)
def test_a_move_is_refused_from_a_status_it_does_not_start_from(move, status):
    superuser = UserFactory(username="boss", is_superuser=True)
    review = ReviewFactory(status=status)

    with pytest.raises(MoveNotAllowed) as raised:
        CALLS[move](review, superuser)

    assert raised.value.message
    assert reload(review).version == 0
    assert ReviewEvent.objects.count() == 0


def test_every_error_is_a_review_error_with_a_message():
    for error in (MoveNotAllowed, NotAllowedForRole, ReviewConflict):
        assert issubclass(error, ReviewError)
        assert error("why").message == "why"
    assert issubclass(MissingInput, InvalidInput)
    assert issubclass(InvalidInput, ReviewError)


# --- side effects and the record -------------------------------------------------------------


def test_review_moved_is_sent_after_commit_only(alice, django_capture_on_commit_callbacks):
    review = ReviewFactory()
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    review_moved.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.review_take(review=review, actor=alice)
        assert received == []
        for callback in callbacks:
            callback()
    finally:
        review_moved.disconnect(receiver)

    event = ReviewEvent.objects.get()
    assert received == [
        {
            "signal": review_moved,
            "review_id": review.pk,
            "event_id": event.pk,
            "move": "take",
            "from_status": "new",
            "to_status": "researching",
            "actor_id": alice.pk,
            "published": False,
        }
    ]


def test_a_failed_move_inside_a_larger_transaction_leaves_no_trace(alice, researching):
    with pytest.raises(MissingInput), transaction.atomic():
        services.review_submit(review=researching, actor=alice, rating="true", explanation="")

    assert (reload(researching).version, ReviewEvent.objects.count()) == (0, 0)


def test_events_and_revisions_are_never_changed_or_deleted(alice, erin, in_review):
    from reviews.models import AppendOnly

    services.review_approve(review=in_review, actor=erin)
    event, revision = ReviewEvent.objects.get(), VerdictRevision.objects.get()

    for row in (event, revision):
        with pytest.raises(AppendOnly):
            row.save()
        with pytest.raises(AppendOnly):
            row.delete()
    with pytest.raises(AppendOnly):
        ReviewEvent.objects.update(note="rewritten")
    with pytest.raises(AppendOnly):
        VerdictRevision.objects.all().delete()


def test_saving_a_stale_review_does_not_undo_a_move(alice):
    review = ReviewFactory()
    stale = reload(review)
    services.review_take(review=review, actor=alice)

    stale.explanation = "draft"
    stale.save()

    review = reload(review)
    assert (review.status, review.version, review.explanation) == ("researching", 1, "draft")
