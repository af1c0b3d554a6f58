"""The system's moves for many reviews at once: the dates that came due for a batch.

One batch is one transaction and one conditional UPDATE: the rows it moves are the rows still
in the status the move starts from. On PostgreSQL they are first locked with SKIP LOCKED, so
two sweeps over the same batch split it instead of waiting on each other; a row another sweep
holds or already moved is simply not returned, and its event is written by whoever moved it.
SQLite runs the same code without the lock clause (it has a single writer anyway).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case, F, QuerySet, Value, When
from django.utils import timezone

from reviews.workflow.models import Review, ReviewEvent
from reviews.workflow.moves import MOVES, Move, ReviewStatus
from reviews.workflow.notes import note_values
from reviews.workflow.signals import review_moved


@dataclass(frozen=True)
class DueOpening:
    """One review a batch move opened: its event (a notice is owed for it) and its assignee."""

    review_id: int
    assignee_id: int | None
    event: ReviewEvent


@dataclass(frozen=True)
class CheckAgain:
    """A published verdict's check-again date, as the caller found it due."""

    review_id: int
    check_again_on: datetime.date
    reason: str = ""


def _locked(rows: QuerySet[Review]) -> QuerySet[Review]:
    if connection.features.has_select_for_update_skip_locked:
        return rows.select_for_update(skip_locked=True, of=("self",))
    return rows


# Per review id: its assignee's id, the event's note code and note values.
Found = dict[int, tuple[int | None, str, dict[str, str]]]


def _apply(move: Move, found: Found, **fields: object) -> list[DueOpening]:
    """The UPDATE of the rows `found`, their events, the on-commit signals. Call inside the
    batch's transaction, the rows locked by this transaction."""
    if not found:
        return []
    (from_status,) = move.sources
    to_assigned = move.target(from_status, assigned=True)
    to_unassigned = move.target(from_status, assigned=False)
    moved = Review.objects.filter(pk__in=list(found), status=from_status).update(
        status=Case(When(assignee__isnull=True, then=Value(to_unassigned)), default=Value(to_assigned)),
        version=F("version") + 1,
        updated_at=timezone.now(),
        **fields,
    )
    # The rows are locked by this transaction (PostgreSQL) or this is the only writer (SQLite).
    assert moved == len(found), (moved, len(found))
    events = ReviewEvent.objects.bulk_create(
        ReviewEvent(
            review_id=review_id,
            actor=None,
            move=move.name,
            from_status=from_status,
            to_status=to_unassigned if assignee_id is None else to_assigned,
            note_code=code,
            note_values=values,
        )
        for review_id, (assignee_id, code, values) in found.items()
    )
    # Whether each review has a published verdict (its moves change what the verdicts show).
    if from_status == ReviewStatus.PUBLISHED:
        published = set(found)
    else:
        published = set(
            Review.objects.filter(pk__in=list(found), published_at__isnull=False).values_list("pk", flat=True)
        )
    openings = [
        DueOpening(review_id=event.review_id, assignee_id=found[event.review_id][0], event=event) for event in events
    ]

    def signal() -> None:
        for opening in openings:
            review_moved.send(
                sender=Review,
                review_id=opening.review_id,
                event_id=opening.event.pk,
                move=move.name,
                from_status=from_status,
                to_status=opening.event.to_status,
                actor_id=None,
                published=opening.review_id in published,
            )

    transaction.on_commit(signal)
    return openings


def reviews_open_due(*, ids: Sequence[int], today: datetime.date) -> list[DueOpening]:
    """scheduled → researching (new when nobody is assigned) for those of `ids` still scheduled
    and due by `today`; the openings this call made, each with its event.

    Call inside a transaction (the caller adds the notices to it). What another sweep holds
    or moved first is left out: each review is opened by exactly one caller.
    """
    move = MOVES["open_due"]
    rows = _locked(
        Review.objects.filter(pk__in=list(ids), status=ReviewStatus.SCHEDULED, recheck_on__lte=today)
    ).values_list("pk", "assignee_id", "recheck_on")
    found: Found = {
        pk: (assignee_id, "recheck_due", note_values(date=recheck_on))
        for pk, assignee_id, recheck_on in rows.order_by("pk")
    }
    # recheck_on is cleared as "re-check now" clears it; the event's note keeps the date.
    return _apply(move, found, recheck_on=None)


def reviews_reopen_due(*, dates: Sequence[CheckAgain]) -> list[DueOpening]:
    """published → researching (new when nobody is assigned), a correction review, for the
    verdicts of `dates` still published; the openings this call made. Call inside a transaction."""
    move = MOVES["reopen_due"]
    by_review = {due.review_id: due for due in dates}
    rows = _locked(
        Review.objects.filter(pk__in=list(by_review), status=ReviewStatus.PUBLISHED)
    ).values_list("pk", "assignee_id")
    found: Found = {}
    for pk, assignee_id in rows.order_by("pk"):
        due = by_review[pk]
        if due.reason:
            code, values = "check_again_due_because", note_values(date=due.check_again_on, reason=due.reason)
        else:
            code, values = "check_again_due", note_values(date=due.check_again_on)
        found[pk] = (assignee_id, code, values)
    return _apply(move, found)
