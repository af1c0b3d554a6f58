"""POST /api/v1/claims/{id}/<move>/: every workflow move through the services, refusals in JSON."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group

from reviews.models import Review, ReviewEvent
from reviews.workflow.roles import EDITORS_GROUP
from tests.api.conftest import logged_in, publish
from tests.factories import ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def move(client, review: Review, name: str, **body):
    return client.post(f"/api/v1/claims/{review.claim_id}/{name}/", body, format="json")


def state(review: Review) -> tuple[str, str | None, int]:
    review.refresh_from_db()
    return review.status, review.assignee.username if review.assignee else None, review.version


@pytest.fixture
def researching(alice):
    review = ReviewFactory(status="researching", assignee=alice)
    SourceFactory(review=review, added_by=alice)
    return review


@pytest.fixture
def in_review(alice):
    review = ReviewFactory(status="in_review", assignee=alice, submitted_by=alice, rating="false",
                           explanation="No record of it.")
    SourceFactory(review=review, added_by=alice)
    return review


def test_take_assigns_the_caller_and_answers_with_the_new_state(as_alice, new_review):
    response = move(as_alice, new_review, "take", note="Mine")

    assert response.status_code == 200
    review = response.json()["review"]
    assert (review["status"], review["assignee"], review["version"]) == ("researching", "alice", 1)
    assert review["moves"] == ["schedule", "submit"]
    assert response.json()["events"][-1] == {
        "id": ReviewEvent.objects.get(review=new_review, move="take").pk, "at": "2026-03-01T14:00:00+05:00",
        "actor": "alice", "move": "take", "from_status": "new", "to_status": "researching", "note": "Mine",
    }


def test_taking_twice_is_a_conflict_that_says_why(as_alice, as_bob, new_review):
    assert move(as_alice, new_review, "take").status_code == 200

    response = move(as_bob, new_review, "take")

    assert response.status_code == 409
    assert response.json() == {
        "error": "move_not_allowed",
        "detail": "Cannot take a review that is researching (only from: new).",
        "field": None,
    }
    assert state(new_review) == ("researching", "alice", 1)


def test_a_move_on_a_version_someone_else_changed_is_a_lost_race(as_alice, as_bob, new_review):
    seen = as_bob.get(f"/api/v1/claims/{new_review.claim_id}/").json()["review"]["version"]
    assert move(as_alice, new_review, "dismiss", version=seen).status_code == 200
    assert move(as_alice, new_review, "restore").status_code == 200  # back to new, version 2

    response = move(as_bob, new_review, "take", version=seen)

    assert response.status_code == 409
    assert response.json()["error"] == "review_conflict"
    assert state(new_review) == ("new", None, 2)


def test_assign_is_for_editors_and_needs_an_assignee(as_alice, as_erin, new_review, bob):
    forbidden = move(as_alice, new_review, "assign", assignee=bob.pk)
    assert forbidden.status_code == 403
    assert forbidden.json() == {"error": "not_allowed_for_role", "detail": "Only editors may assign a review.",
                                "field": None}

    missing = move(as_erin, new_review, "assign")
    assert missing.status_code == 400
    assert missing.json() == {"error": "missing_input", "detail": "Choose whom to assign the review to.",
                              "field": "assignee"}

    assert move(as_erin, new_review, "assign", assignee=bob.pk).status_code == 200
    assert state(new_review) == ("researching", "bob", 1)
    again = move(as_erin, new_review, "assign", assignee=bob.pk)
    assert (again.status_code, again.json()["field"]) == (400, "assignee")


def test_assign_refuses_an_unknown_user(as_erin, new_review):
    response = move(as_erin, new_review, "assign", assignee=999999)

    assert response.status_code == 400
    assert (response.json()["error"], response.json()["field"]) == ("invalid_input", "assignee")


def test_dismiss_and_restore(as_alice, new_review):
    assert move(as_alice, new_review, "dismiss", note="Opinion").status_code == 200
    assert state(new_review)[0] == "dismissed"
    assert move(as_alice, new_review, "dismiss").status_code == 409
    assert move(as_alice, new_review, "restore").status_code == 200
    assert state(new_review)[0] == "new"
    assert move(as_alice, new_review, "restore").status_code == 409


def test_schedule_needs_a_future_date(as_alice, researching):
    missing = move(as_alice, researching, "schedule")
    assert (missing.status_code, missing.json()["error"], missing.json()["field"]) == (
        400, "missing_input", "recheck_on")
    past = move(as_alice, researching, "schedule", recheck_on="2026-02-01")
    assert (past.status_code, past.json()["error"]) == (400, "invalid_input")
    garbled = move(as_alice, researching, "schedule", recheck_on="next week")
    assert (garbled.status_code, garbled.json()["error"], garbled.json()["field"]) == (
        400, "invalid_input", "recheck_on")

    response = move(as_alice, researching, "schedule", recheck_on="2026-04-01")

    assert response.status_code == 200
    assert response.json()["review"]["recheck_on"] == "2026-04-01"
    assert state(researching) == ("scheduled", "alice", 1)


def test_recheck_now_brings_a_scheduled_claim_back(as_alice, alice):
    review = ReviewFactory(status="scheduled", assignee=alice, recheck_on=datetime.date(2026, 4, 1))

    assert move(as_alice, review, "recheck-now").status_code == 200
    assert state(review) == ("researching", "alice", 1)
    assert move(as_alice, review, "recheck-now").status_code == 409


def test_submit_needs_a_rating_and_an_explanation(as_alice, researching):
    no_rating = move(as_alice, researching, "submit", explanation="Because.")
    assert (no_rating.status_code, no_rating.json()["error"], no_rating.json()["field"]) == (
        400, "missing_input", "rating")
    bad_rating = move(as_alice, researching, "submit", rating="pants_on_fire", explanation="Because.")
    assert (bad_rating.status_code, bad_rating.json()["field"]) == (400, "rating")
    no_text = move(as_alice, researching, "submit", rating="false")
    assert (no_text.status_code, no_text.json()["field"]) == (400, "explanation")

    response = move(as_alice, researching, "submit", rating="false", explanation="No such record.")

    assert response.status_code == 200
    assert (response.json()["review"]["rating"], response.json()["review"]["explanation"]) == (
        "false", "No such record.")
    assert state(researching)[0] == "in_review"
    assert move(as_alice, researching, "submit", rating="false", explanation="Again").status_code == 409


def test_submit_needs_a_source(as_alice, alice):
    review = ReviewFactory(status="researching", assignee=alice)

    response = move(as_alice, review, "submit", rating="false", explanation="Because.")

    assert (response.status_code, response.json()["field"]) == (400, "sources")


def test_only_the_assignee_or_an_editor_moves_an_assigned_claim(as_bob, researching):
    response = move(as_bob, researching, "schedule", recheck_on="2026-04-01")

    assert response.status_code == 403
    assert "assigned to alice" in response.json()["detail"]


def test_send_back_is_for_editors_with_a_note(as_alice, as_erin, in_review):
    assert move(as_alice, in_review, "send-back", note="Fix it").status_code == 403
    no_note = move(as_erin, in_review, "send-back")
    assert (no_note.status_code, no_note.json()["field"]) == (400, "note")

    assert move(as_erin, in_review, "send-back", note="Cite the ministry").status_code == 200
    assert state(in_review)[0] == "researching"
    assert move(as_erin, in_review, "send-back", note="Again").status_code == 409


def test_approve_publishes_but_not_by_the_author(alice, in_review, as_frank):
    alice.groups.add(Group.objects.get(name=EDITORS_GROUP))
    as_alice_editor = logged_in(type(alice).objects.get(pk=alice.pk))

    own = move(as_alice_editor, in_review, "approve")
    assert (own.status_code, own.json()["error"]) == (403, "not_allowed_for_role")

    response = move(as_frank, in_review, "approve")
    assert response.status_code == 200
    assert response.json()["review"]["status"] == "published"
    assert [r["number"] for r in response.json()["revisions"]] == [1]
    repeat = move(as_frank, in_review, "approve")
    assert (repeat.status_code, repeat.json()["error"]) == (409, "move_not_allowed")


def test_a_fact_checker_cannot_approve(as_bob, in_review):
    assert move(as_bob, in_review, "approve").status_code == 403
    assert state(in_review)[0] == "in_review"


def test_reopen_then_republish_needs_a_correction_note(as_alice, as_erin, as_frank, alice, erin):
    review = publish(ReviewFactory(), author=alice, editor_user=erin)

    assert move(as_alice, review, "reopen", note="Wrong").status_code == 403
    assert move(as_erin, review, "reopen").status_code == 400
    assert move(as_erin, review, "reopen", note="New figures").status_code == 200
    assert move(as_alice, review, "submit", rating="true", explanation="Recounted.").status_code == 200
    missing = move(as_frank, review, "approve")
    assert (missing.status_code, missing.json()["field"]) == (400, "correction_note")

    response = move(as_frank, review, "approve", correction_note="Rating changed after a recount.")

    assert response.status_code == 200
    assert [(r["number"], r["rating"], r["correction_note"]) for r in response.json()["revisions"]] == [
        (1, "false", ""), (2, "true", "Rating changed after a recount.")]


def test_anonymous_callers_cannot_move(anon, new_review):
    assert move(anon, new_review, "take").status_code == 401
    assert state(new_review) == ("new", None, 0)


def test_callers_without_a_role_cannot_see_or_move_unpublished_claims(reader, writer, new_review):
    assert move(reader, new_review, "take").status_code == 404
    assert move(writer, new_review, "dismiss").status_code == 404
    assert state(new_review) == ("new", None, 0)


def test_callers_without_a_role_may_not_move_a_published_claim(reader, alice, erin):
    review = publish(ReviewFactory(), author=alice, editor_user=erin)

    # Every move, whether or not a published review allows it: the role is checked first.
    for name in ("take", "assign", "dismiss", "restore", "schedule", "recheck-now", "submit", "send-back",
                 "approve", "reopen"):
        response = move(reader, review, name, note="I disagree")
        assert (response.status_code, response.json()["error"]) == (403, "not_allowed_for_role"), name
    review.refresh_from_db()
    assert (review.status, review.version) == ("published", 3)


def test_moves_answer_get_with_405(as_alice, new_review):
    response = as_alice.get(f"/api/v1/claims/{new_review.claim_id}/take/")

    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"


def test_unknown_fields_are_refused_by_name(as_alice, new_review):
    response = move(as_alice, new_review, "take", asignee=3)

    assert response.status_code == 400
    assert (response.json()["error"], response.json()["field"], response.json()["detail"]) == (
        "invalid_input", "asignee", "Unknown field.")
    assert state(new_review) == ("new", None, 0)


def test_submit_needs_a_claim_summary_of_75_characters_at_most(as_alice, alice):
    review = ReviewFactory(status="researching", assignee=alice, claim_summary="")
    SourceFactory(review=review, added_by=alice)

    missing = move(as_alice, review, "submit", rating="false", explanation="No such record.")
    blank = move(as_alice, review, "submit", rating="false", explanation="No such record.", claim_summary="  ")
    too_long = move(as_alice, review, "submit", rating="false", explanation="No such record.", claim_summary="x" * 76)

    for refused in (missing, blank):
        assert (refused.status_code, refused["Content-Type"], refused.json()["error"], refused.json()["field"]) == (
            400, "application/json", "missing_input", "claim_summary")
        assert "at most 75 characters" in refused.json()["detail"]
    assert (too_long.status_code, too_long.json()["field"]) == (400, "claim_summary")
    assert state(review) == ("researching", "alice", 0)

    response = move(as_alice, review, "submit", rating="false", explanation="No such record.",
                    claim_summary="340 civilians were killed")

    assert response.status_code == 200
    assert response.json()["review"]["claim_summary"] == "340 civilians were killed"
    assert state(review)[0] == "in_review"
