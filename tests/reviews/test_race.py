"""Two people move the same review at the same moment: exactly one wins, nothing is doubled.

Each thread has its own database connection (Django's are per thread) and its own copy of the
review read before the start line, as two browser tabs would have. On PostgreSQL the loser's
conditional UPDATE waits for the winner's row lock, then re-reads the row, matches nothing
and raises ReviewConflict.
"""

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from reviews.models import Review, ReviewEvent, VerdictRevision
from reviews.workflow import services
from reviews.workflow.errors import ReviewConflict
from tests.factories import ReviewFactory, SourceFactory, editor, fact_checker

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*moves: Callable[[Review], object], review_id: int) -> list[object]:
    """Run each move in its own thread on its own copy of the review; return result or error."""
    copies = [Review.objects.get(pk=review_id) for _ in moves]
    start = threading.Barrier(len(moves))
    outcomes: list[object] = [None] * len(moves)

    def run(index: int) -> None:
        try:
            start.wait(timeout=10)
            outcomes[index] = moves[index](copies[index])
        except Exception as error:  # the outcome under test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(moves))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_fact_checkers_take_the_same_claim_and_one_wins(require_postgres):
    alice, bob = fact_checker("alice"), fact_checker("bob")
    review = ReviewFactory()

    outcomes = race(
        lambda r: services.review_take(review=r, actor=alice),
        lambda r: services.review_take(review=r, actor=bob),
        review_id=review.pk,
    )

    winners = [o for o in outcomes if isinstance(o, Review)]
    losers = [o for o in outcomes if isinstance(o, ReviewConflict)]
    assert (len(winners), len(losers)) == (1, 1), outcomes
    review.refresh_from_db()
    assert (review.status, review.version, review.assignee) == ("researching", 1, winners[0].assignee)
    assert ReviewEvent.objects.filter(review=review).count() == 1


def test_a_take_and_a_dismiss_at_once_leave_one_move(require_postgres):
    alice, bob = fact_checker("alice"), fact_checker("bob")
    review = ReviewFactory()

    outcomes = race(
        lambda r: services.review_take(review=r, actor=alice),
        lambda r: services.review_dismiss(review=r, actor=bob),
        review_id=review.pk,
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["Review", "ReviewConflict"], outcomes
    review.refresh_from_db()
    [event] = ReviewEvent.objects.filter(review=review)
    assert (review.version, event.to_status) == (1, review.status)


def test_two_editors_approve_at_once_and_the_verdict_is_published_once(require_postgres):
    alice, erin, frank = fact_checker("alice"), editor("erin"), editor("frank")
    review = ReviewFactory(status="in_review", assignee=alice, submitted_by=alice, rating="true", explanation="x")
    SourceFactory(review=review)

    outcomes = race(
        lambda r: services.review_approve(review=r, actor=erin),
        lambda r: services.review_approve(review=r, actor=frank),
        review_id=review.pk,
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["Review", "ReviewConflict"], outcomes
    assert VerdictRevision.objects.filter(review=review).count() == 1
    assert ReviewEvent.objects.filter(review=review, move="approve").count() == 1


def test_the_loser_waits_for_the_winners_lock_then_matches_nothing(require_postgres):
    """The interleaving made certain: alice's move holds the row until bob's UPDATE is waiting."""
    alice, bob = fact_checker("alice"), fact_checker("bob")
    review = ReviewFactory()
    alice_copy, bob_copy = Review.objects.get(pk=review.pk), Review.objects.get(pk=review.pk)
    alice_moved, bob_waiting = threading.Event(), threading.Event()
    outcomes: dict[str, object] = {}

    def alice_takes() -> None:
        try:
            with transaction.atomic():  # commit only once bob is blocked on the row
                outcomes["alice"] = services.review_take(review=alice_copy, actor=alice)
                alice_moved.set()
                bob_waiting.wait(timeout=10)
                time.sleep(0.3)  # bob's UPDATE is now waiting for this row lock
        finally:
            connection.close()

    def bob_dismisses() -> None:
        try:
            alice_moved.wait(timeout=10)
            bob_waiting.set()
            outcomes["bob"] = services.review_dismiss(review=bob_copy, actor=bob)
        except Exception as error:  # the outcome under test
            outcomes["bob"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=alice_takes), threading.Thread(target=bob_dismisses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert isinstance(outcomes["alice"], Review)
    assert isinstance(outcomes["bob"], ReviewConflict)
    review.refresh_from_db()
    assert (review.status, review.version, review.assignee) == ("researching", 1, alice)
    assert [e.move for e in ReviewEvent.objects.filter(review=review)] == ["take"]


def closable(alice, erin) -> tuple[Review, Review, int]:
    """A published verdict, a new claim that repeats it, and their confirmed match."""
    from claims.models import ClaimMatch

    earlier = ReviewFactory(status="researching", assignee=alice)
    SourceFactory(review=earlier, added_by=alice)
    services.review_submit(review=earlier, actor=alice, rating="false", explanation="No record of it.")
    services.review_approve(review=earlier, actor=erin)
    repeat = ReviewFactory()
    match = ClaimMatch.objects.create(claim=repeat.claim, matched=earlier.claim, score=0.97, tier="same",
                                      state="confirmed", decided_by=alice)
    return earlier, repeat, match.pk


SUMMARY = "The same claim, in short"


def test_two_fact_checkers_close_the_same_claim_as_checked_and_one_wins(require_postgres):
    alice, bob, erin = fact_checker("alice"), fact_checker("bob"), editor("erin")
    earlier, repeat, match = closable(alice, erin)

    outcomes = race(
        lambda r: services.review_close_as_checked(review=r, actor=alice, match=match, claim_summary=SUMMARY),
        lambda r: services.review_close_as_checked(review=r, actor=bob, match=match, claim_summary=SUMMARY),
        review_id=repeat.pk,
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["Review", "ReviewConflict"], outcomes
    assert ReviewEvent.objects.filter(review=repeat, move="close_as_checked").count() == 1
    repeat.refresh_from_db()
    assert (repeat.status, repeat.based_on_id, repeat.version) == ("in_review", earlier.pk, 1)


def test_closing_on_a_verdict_an_editor_reopens_at_that_moment_never_cites_an_unpublished_one(require_postgres):
    from reviews.workflow.errors import InvalidInput

    alice, erin, frank = fact_checker("alice"), editor("erin"), editor("frank")
    earlier, repeat, match = closable(alice, erin)
    seen_earlier = Review.objects.get(pk=earlier.pk)

    outcomes = race(
        lambda r: services.review_close_as_checked(review=r, actor=alice, match=match, claim_summary=SUMMARY),
        lambda r: services.review_reopen(review=seen_earlier, actor=frank, note="New figures"),
        review_id=repeat.pk,
    )

    closed, reopened = outcomes
    assert isinstance(reopened, Review), outcomes   # the reopening never loses: it is another review
    events = list(ReviewEvent.objects.filter(move__in=["close_as_checked", "reopen"]).order_by("id")
                  .values_list("move", flat=True))
    if isinstance(closed, Review):
        assert events == ["close_as_checked", "reopen"]   # closed while it was still published
    else:
        assert isinstance(closed, InvalidInput) and events == ["reopen"], outcomes
