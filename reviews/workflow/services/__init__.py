"""Every change of a review's status goes through here (admin, API and tasks alike).

Each move runs in one transaction: check the actor's role and the review's status against
the move table (reviews/workflow/moves.py), apply a conditional UPDATE that matches only the
status and version the caller saw, write the ReviewEvent, and send `review_moved` on commit. A
move whose UPDATE matches no row lost a race: it raises ReviewConflict and changes nothing.

The package: `opening` (reviews for new claims), `moves` (one function per move, the system's
`review_open_due` and `review_reopen_due` included, and `review_reschedule`: a new re-check
date, same status), `due` (the system's two moves for a whole batch, one UPDATE each, as the
re-check sweep makes them), `sources` (evidence: add, change, remove), `claims` (a claim by
hand, corrected, split, merged), `basis` (what closing a claim as already checked rests on: a
confirmed match to a published verdict), `groups` (the same claim from several outlets, worked
on once). Import from here.
"""

from reviews.workflow.moves import MOVES
from reviews.workflow.services.basis import closing_matches
from reviews.workflow.services.claims import (
    CLAIM_MOVES,
    CORRECTABLE,
    claim_add_by_hand,
    claim_correct,
    claim_merge,
    claim_moves_for,
    claim_split,
)
from reviews.workflow.services.due import CheckAgain, DueOpening, reviews_open_due, reviews_reopen_due
from reviews.workflow.services.groups import (
    GROUP_JOINABLE,
    GROUP_TAKING,
    GROUP_WORKING,
    JOIN,
    LEAVE,
    review_join_group,
    review_leave_group,
)
from reviews.workflow.services.moves import (
    PUBLISH_WITH_LEAD,
    RESCHEDULE,
    review_approve,
    review_assign,
    review_close_as_checked,
    review_dismiss,
    review_may_reschedule,
    review_moves_for,
    review_open_due,
    review_recheck_now,
    review_reopen,
    review_reopen_due,
    review_reschedule,
    review_restore,
    review_schedule,
    review_send_back,
    review_submit,
    review_take,
)
from reviews.workflow.services.opening import EXTRACTED_NOTE, reviews_open_for_claims
from reviews.workflow.services.sources import (
    SOURCE_ADDED,
    SOURCE_CHANGED,
    SOURCE_FIELDS,
    SOURCE_OPEN_STATUSES,
    SOURCE_REMOVED,
    review_submit_with_source,
    source_add,
    source_can_add,
    source_change,
    source_check,
    source_remove,
)

__all__ = [
    "CLAIM_MOVES",
    "CORRECTABLE",
    "EXTRACTED_NOTE",
    "GROUP_JOINABLE",
    "GROUP_TAKING",
    "GROUP_WORKING",
    "JOIN",
    "LEAVE",
    "MOVES",
    "PUBLISH_WITH_LEAD",
    "RESCHEDULE",
    "SOURCE_ADDED",
    "SOURCE_CHANGED",
    "SOURCE_FIELDS",
    "SOURCE_OPEN_STATUSES",
    "SOURCE_REMOVED",
    "CheckAgain",
    "DueOpening",
    "claim_add_by_hand",
    "claim_correct",
    "claim_merge",
    "claim_moves_for",
    "claim_split",
    "closing_matches",
    "review_approve",
    "review_assign",
    "review_close_as_checked",
    "review_dismiss",
    "review_join_group",
    "review_leave_group",
    "review_may_reschedule",
    "review_moves_for",
    "review_open_due",
    "review_recheck_now",
    "review_reopen",
    "review_reopen_due",
    "review_reschedule",
    "review_restore",
    "review_schedule",
    "review_send_back",
    "review_submit",
    "review_submit_with_source",
    "review_take",
    "reviews_open_due",
    "reviews_open_for_claims",
    "reviews_reopen_due",
    "source_add",
    "source_can_add",
    "source_change",
    "source_check",
    "source_remove",
]
