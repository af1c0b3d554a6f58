"""The moves: one function per move of the table in reviews/workflow/moves.py (the system's
two included, which the re-check sweep makes), and the machinery they share."""

import datetime
from typing import Any, cast

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reviews.workflow.errors import InvalidInput, MissingInput, MoveNotAllowed, NotAllowedForRole, ReviewConflict
from reviews.workflow.models import Review, ReviewEvent, VerdictRevision
from reviews.workflow.moves import MOVES, Move, ReviewStatus, Role
from reviews.workflow.notes import note_values
from reviews.workflow.ratings import Rating
from reviews.workflow.roles import UserLike, is_editor, is_fact_checker
from reviews.workflow.services.basis import basis_for_closing, basis_still_holds, review_may_close_as_checked
from reviews.workflow.signals import review_moved
from reviews.workflow.summary import checked_summary

# --- the shared machinery ----------------------------------------------------------------


def _verb(move: Move) -> str:
    """The move's label as a verb inside a sentence: "Only editors may approve and publish …"."""
    return str(move.label).lower()


def _check_role(review: Review, move: Move, actor: UserLike | None) -> None:
    """Raise NotAllowedForRole unless `actor` may make `move` on `review` (status aside)."""
    if move.role == Role.SYSTEM:
        if actor is not None:
            raise NotAllowedForRole(_("“%(move)s” is made by the system only.") % {"move": move.label})
        return
    if actor is None or not is_fact_checker(actor):
        raise NotAllowedForRole(
            _("Only fact-checkers and editors may %(move)s a review.") % {"move": _verb(move)}
        )
    if move.role == Role.EDITOR and not is_editor(actor):
        raise NotAllowedForRole(_("Only editors may %(move)s a review.") % {"move": _verb(move)})
    if (
        review.assignee_id is not None
        and review.assignee_id != actor.pk
        and not is_editor(actor)
    ):
        raise NotAllowedForRole(
            _("This review is assigned to %(user)s; only they or an editor may move it.")
            % {"user": review.assignee.get_username() if review.assignee else ""}
        )


def _check_status(review: Review, move: Move) -> None:
    if review.status not in move.sources:
        allowed = ", ".join(str(ReviewStatus(s).label) for s in move.paths)
        raise MoveNotAllowed(
            _("Cannot %(move)s a review that is %(status)s (only from: %(allowed)s).")
            % {"move": _verb(move), "status": review.get_status_display(), "allowed": allowed}
        )


def _check(review: Review, move_name: str, actor: UserLike | None) -> Move:
    move = MOVES[move_name]
    # Whether the caller may ever make this move comes first: someone without a newsroom role
    # hears "not for your role" (403), never what status the review is in (409).
    if move.role != Role.SYSTEM and not is_fact_checker(actor):
        _check_role(review, move, actor)
    _check_status(review, move)
    _check_role(review, move, actor)
    return move


def _move(
    review: Review,
    to_status: str,
    actor: UserLike | None,
    note: str = "",
    *,
    move: str = "",
    note_code: str = "",
    note_values: dict[str, str] | None = None,
    **fields: Any,
) -> ReviewEvent:
    """Apply one move: the conditional UPDATE, the event, the on-commit signal.

    Call inside `transaction.atomic` after the checks. `review` is the caller's view of the
    row: the UPDATE matches only its status and version, so if anyone moved the review since
    it was read, nothing changes and ReviewConflict says so. On success `review` is updated
    in place (status, version, `fields`). `actor` None is the system. `note` is what a
    person typed; `note_code` and `note_values` what the system says (reviews.workflow.notes).
    """
    from_status, version = review.status, review.version
    now = timezone.now()
    matched = Review.objects.filter(pk=review.pk, status=from_status, version=version).update(
        status=to_status, version=F("version") + 1, updated_at=now, **fields
    )
    if matched == 0:
        raise ReviewConflict(
            _("Someone else changed this review first; nothing was changed. Reload it and try again.")
        )
    review.status, review.version, review.updated_at = to_status, version + 1, now
    for name, value in fields.items():
        setattr(review, name, value)
    published = review.published_at is not None
    event = ReviewEvent.objects.create(
        review=review, actor=cast(User | None, actor), move=move, from_status=from_status, to_status=to_status,
        note=note, note_code=note_code, note_values=note_values,
    )
    transaction.on_commit(
        lambda: review_moved.send(
            sender=Review,
            review_id=review.pk,
            event_id=event.pk,
            move=move,
            from_status=from_status,
            to_status=to_status,
            actor_id=actor.pk if actor is not None else None,
            published=published,
        )
    )
    return event


def _apply(
    review: Review, move: Move, actor: UserLike | None, note: str, *, said: tuple[str, dict[str, str]] = ("", {}),
    **fields: Any,
) -> Review:
    """`said`: what the system notes (a code of reviews.workflow.notes and its values)."""
    assigned = fields.get("assignee", review.assignee_id) is not None
    to_status = move.target(review.status, assigned=assigned)
    code, values = said
    _move(review, to_status, actor, note.strip(), move=move.name, note_code=code, note_values=values or None,
          **fields)
    return review


def _require_note(note: str) -> None:
    if not note.strip():
        raise MissingInput("note", _("Say why in a note."))


# --- the moves -----------------------------------------------------------------------------


def review_moves_for(*, review: Review, user: UserLike | None) -> list[Move]:
    """The moves `user` may make on `review` now (inputs aside), in table order."""
    allowed = []
    for move in MOVES.values():
        if move.role == Role.SYSTEM:
            continue
        try:
            _check_status(review, move)
            _check_role(review, move, user)
            if move.name == "approve":
                _check_four_eyes(review, user)
            if move.name == "close_as_checked" and not review_may_close_as_checked(review):
                continue
        except (MoveNotAllowed, NotAllowedForRole):
            continue
        allowed.append(move)
    return allowed


@transaction.atomic
def review_take(*, review: Review, actor: UserLike, note: str = "") -> Review:
    """new → researching, assigned to the actor."""
    move = _check(review, "take", actor)
    return _apply(review, move, actor, note, assignee=actor)


@transaction.atomic
def review_assign(*, review: Review, actor: UserLike, assignee: UserLike, note: str = "") -> Review:
    """Editors hand a review to a fact-checker: a new one starts researching, others stay put."""
    move = _check(review, "assign", actor)
    if assignee is None:
        raise MissingInput("assignee", _("Choose whom to assign the review to."))
    if not is_fact_checker(assignee):
        raise InvalidInput(
            "assignee", _("%(user)s is not a fact-checker or editor.") % {"user": assignee.get_username()}
        )
    if review.assignee_id == assignee.pk:
        raise InvalidInput(
            "assignee", _("The review is already assigned to %(user)s.") % {"user": assignee.get_username()}
        )
    said = ("", {}) if note.strip() else ("assigned", note_values(assignee=assignee.get_username()))
    return _apply(review, move, actor, note, said=said, assignee=assignee)


@transaction.atomic
def review_dismiss(*, review: Review, actor: UserLike, note: str = "") -> Review:
    """new → dismissed: not worth checking."""
    move = _check(review, "dismiss", actor)
    return _apply(review, move, actor, note)


@transaction.atomic
def review_restore(*, review: Review, actor: UserLike, note: str = "") -> Review:
    """dismissed → new."""
    move = _check(review, "restore", actor)
    return _apply(review, move, actor, note)


@transaction.atomic
def review_schedule(
    *, review: Review, actor: UserLike, recheck_on: datetime.date | None, note: str = ""
) -> Review:
    """new/researching → scheduled until `recheck_on` (a future date); the assignee stays."""
    move = _check(review, "schedule", actor)
    if recheck_on is None:
        raise MissingInput("recheck_on", _("Give the date on which to re-check the claim."))
    if recheck_on <= timezone.localdate():
        raise InvalidInput("recheck_on", _("The re-check date must be in the future."))
    return _apply(review, move, actor, note, recheck_on=recheck_on)


@transaction.atomic
def review_recheck_now(*, review: Review, actor: UserLike, note: str = "") -> Review:
    """scheduled → researching (or new when nobody is assigned) before the date comes."""
    move = _check(review, "recheck_now", actor)
    return _apply(review, move, actor, note, recheck_on=None)


@transaction.atomic
def review_submit(
    *, review: Review, actor: UserLike, rating: str, explanation: str, note: str = "",
    claim_summary: str | None = None,
) -> Review:
    """researching → in_review with a rating, an explanation, a claim summary and at least one
    source. `claim_summary` None keeps the one written before (a verdict sent back, reopened)."""
    move = _check(review, "submit", actor)
    if not rating:
        raise MissingInput("rating", _("Choose a rating."))
    if rating not in Rating.values:
        raise InvalidInput("rating", _("“%(rating)s” is not a rating on the scale.") % {"rating": rating})
    explanation = (explanation or "").strip()
    if not explanation:
        raise MissingInput("explanation", _("Explain the verdict."))
    claim = review.claim
    summary = checked_summary(
        review.claim_summary if claim_summary is None else claim_summary, claim.text, claim.get_language_display()
    )
    if not review.sources.exists():
        raise MissingInput("sources", _("Add at least one source before submitting."))
    # A verdict of its own: no longer the one checked before, if it was closed so earlier.
    return _apply(
        review, move, actor, note, rating=rating, explanation=explanation, claim_summary=summary,
        submitted_by=actor, based_on=None,
    )


@transaction.atomic
def review_close_as_checked(
    *, review: Review, actor: UserLike, match: int | None, explanation: str = "", note: str = "",
    claim_summary: str | None = None,
) -> Review:
    """new/researching → in_review as already checked: the verdict of a confirmed match (`match`,
    a ClaimMatch id of this claim) is published, and still is; this claim takes its rating and,
    unless one is typed, its explanation, and cites it. An editor approves it as any verdict.
    The claim summary is this claim's own, in its language, as for any submitted verdict."""
    move = _check(review, "close_as_checked", actor)
    basis = basis_for_closing(review=review, match_id=match)
    claim = review.claim
    summary = checked_summary(
        review.claim_summary if claim_summary is None else claim_summary, claim.text, claim.get_language_display()
    )
    explanation = (explanation or "").strip() or basis.revision.explanation
    said = ("closed_as_checked", note_values(verdict=basis.earlier.pk, rating=basis.revision.rating))
    return _apply(
        review, move, actor, note, said=said, rating=basis.revision.rating, explanation=explanation,
        claim_summary=summary, submitted_by=actor, based_on=basis.earlier, assignee=review.assignee or actor,
    )


@transaction.atomic
def review_send_back(*, review: Review, actor: UserLike, note: str) -> Review:
    """in_review → researching, by an editor, with a note saying what to fix."""
    move = _check(review, "send_back", actor)
    _require_note(note)
    return _apply(review, move, actor, note)


def _check_four_eyes(review: Review, actor: UserLike | None) -> None:
    # Superusers included: a verdict is published by someone other than its author.
    if actor is not None and review.submitted_by_id is not None and review.submitted_by_id == actor.pk:
        raise NotAllowedForRole(_("You submitted this verdict; another editor must approve it."))


@transaction.atomic
def review_approve(*, review: Review, actor: UserLike, correction_note: str = "", note: str = "") -> Review:
    """in_review → published by an editor other than the submitter; records a VerdictRevision.

    Publishing again after a reopen is a correction and needs `correction_note`.
    """
    move = _check(review, "approve", actor)
    _check_four_eyes(review, actor)
    # Whether this is a correction depends on the revisions as of the version the editor saw:
    # lock that version first, so an editor who lost the race hears of the conflict rather
    # than being asked for a correction note.
    if not Review.objects.select_for_update().filter(
        pk=review.pk, status=review.status, version=review.version
    ).exists():
        raise ReviewConflict(
            _("Someone else changed this review first; nothing was changed. Reload it and try again.")
        )
    previous = VerdictRevision.objects.filter(review=review).order_by("-number").values_list(
        "number", flat=True
    ).first()
    correction_note = correction_note.strip()
    if previous is not None and not correction_note:
        raise MissingInput(
            "correction_note", _("This verdict was published before: say what the correction changes.")
        )
    if previous is None and correction_note:
        raise InvalidInput("correction_note", _("A first publication is not a correction."))
    basis_still_holds(review)
    now = timezone.now()
    _apply(review, move, actor, note, approved_by=actor, published_at=now)
    revision = VerdictRevision.objects.create(
        review=review,
        number=(previous or 0) + 1,
        rating=review.rating,
        explanation=review.explanation,
        sources=[source.snapshot() for source in review.sources.all()],
        submitted_by_id=review.submitted_by_id,
        editor=cast(User, actor),  # an editor: _check refused anyone else
        published_at=now,
        correction_note=correction_note,
        based_on_id=review.based_on_id,
        claim_summary=review.claim_summary,
    )
    _publish_members(review, revision)
    return review


# Not in the move table: made by an editor's approval of a group's lead, never by itself. A
# member never published before is published with the lead's first publication (or a later
# one); a member published with the lead gets each correction of it.
PUBLISH_WITH_LEAD = Move(
    "publish_with_lead",
    gettext_lazy("Published with the group's lead"),
    {ReviewStatus.NEW: ReviewStatus.PUBLISHED, ReviewStatus.RESEARCHING: ReviewStatus.PUBLISHED,
     ReviewStatus.SCHEDULED: ReviewStatus.PUBLISHED, ReviewStatus.PUBLISHED: ReviewStatus.PUBLISHED},
    Role.EDITOR,
)


def _publish_members(lead: Review, revision: VerdictRevision) -> int:
    """The lead's verdict, as just approved, for each member of its group: its own revision of
    it and an event (its assignee and status checks are the lead's, made by the approval)."""
    members = Review.objects.select_for_update(of=("self",)).select_related("claim").filter(
        group_lead=lead, status__in=PUBLISH_WITH_LEAD.sources)
    published = 0
    for member in members.order_by("pk"):
        previous = VerdictRevision.objects.filter(review=member).order_by("-number").values_list(
            "number", flat=True).first()
        first = previous is None and member.status != ReviewStatus.PUBLISHED
        correction = previous is not None and member.status == ReviewStatus.PUBLISHED and bool(revision.correction_note)
        if not (first or correction):
            continue  # worked on by itself since (reopened, say): it stays as it is
        # The lead's summary is in the lead's language: a member in another keeps its own (or,
        # with none, ClaimReview's suggested cut of its claim).
        summary = member.claim_summary or (
            revision.claim_summary if member.claim.language == lead.claim.language else "")
        _move(member, ReviewStatus.PUBLISHED, revision.editor, move=PUBLISH_WITH_LEAD.name,
              note_code="published_with_lead", note_values=note_values(claim=lead.claim_id),
              rating=revision.rating, explanation=revision.explanation, submitted_by_id=revision.submitted_by_id,
              approved_by=revision.editor, published_at=revision.published_at, recheck_on=None,
              claim_summary=summary, based_on_id=revision.based_on_id)
        VerdictRevision.objects.create(
            review=member, number=(previous or 0) + 1, rating=revision.rating, explanation=revision.explanation,
            sources=revision.sources, submitted_by_id=revision.submitted_by_id, editor=revision.editor,
            published_at=revision.published_at, correction_note=revision.correction_note if previous else "",
            claim_summary=summary, based_on_id=revision.based_on_id,
        )
        published += 1
    return published


@transaction.atomic
def review_reopen(*, review: Review, actor: UserLike, note: str) -> Review:
    """published → researching for a correction; the published revisions stay as they are."""
    move = _check(review, "reopen", actor)
    _require_note(note)
    return _apply(review, move, actor, note)


# --- the system's moves (no actor: the re-check sweep) ----------------------------------------


@transaction.atomic
def review_open_due(*, review: Review) -> ReviewEvent:
    """scheduled → researching (new when nobody is assigned): its re-check date has come.

    Returns the event (a notice is owed for it); ReviewConflict when someone moved the review
    first, such as an overlapping sweep. The caller decides what is due.
    """
    move = _check(review, "open_due", None)
    arrived = review.recheck_on
    assert arrived is not None  # a scheduled review has one (review_scheduled_has_recheck_on)
    to_status = move.target(review.status, assigned=review.assignee_id is not None)
    # recheck_on is cleared as "re-check now" clears it; the event's note keeps the date.
    return _move(review, to_status, None, move=move.name, note_code="recheck_due",
                 note_values=note_values(date=arrived), recheck_on=None)


@transaction.atomic
def review_reopen_due(*, review: Review, check_again_on: datetime.date, reason: str = "") -> ReviewEvent:
    """published → researching (new when nobody is assigned) for a correction review: the
    verdict's check-again date has come. The event, or ReviewConflict as for `review_open_due`."""
    move = _check(review, "reopen_due", None)
    if reason:
        code, values = "check_again_due_because", note_values(date=check_again_on, reason=reason)
    else:
        code, values = "check_again_due", note_values(date=check_again_on)
    to_status = move.target(review.status, assigned=review.assignee_id is not None)
    return _move(review, to_status, None, move=move.name, note_code=code, note_values=values)


# Not in the move table: the status stays `scheduled`, only its date moves. It is still a row in
# the history and a conditional UPDATE on status and version, so it loses races like a move.
RESCHEDULE = Move(
    "reschedule",
    gettext_lazy("Reschedule"),
    {ReviewStatus.SCHEDULED: ReviewStatus.SCHEDULED},
    Role.FACT_CHECKER,
    needs=("recheck_on",),
)


def review_may_reschedule(*, review: Review, user: UserLike | None) -> bool:
    try:
        _check_status(review, RESCHEDULE)
        _check_role(review, RESCHEDULE, user)
    except (MoveNotAllowed, NotAllowedForRole):
        return False
    return True


@transaction.atomic
def review_reschedule(
    *, review: Review, actor: UserLike, recheck_on: datetime.date | None, note: str = ""
) -> Review:
    """Move a scheduled review's re-check date (a future date); it stays scheduled."""
    _check_status(review, RESCHEDULE)
    _check_role(review, RESCHEDULE, actor)
    if recheck_on is None:
        raise MissingInput("recheck_on", _("Give the date on which to re-check the claim."))
    if recheck_on <= timezone.localdate():
        raise InvalidInput("recheck_on", _("The re-check date must be in the future."))
    if recheck_on == review.recheck_on:
        raise InvalidInput(
            "recheck_on", _("The re-check date is already %(date)s.") % {"date": recheck_on.isoformat()}
        )
    if review.recheck_on is None:
        code, values = "rescheduled", note_values(date=recheck_on)
    else:
        code, values = "rescheduled_from", note_values(date=recheck_on, was=review.recheck_on)
    _move(review, ReviewStatus.SCHEDULED, actor, note.strip(), move=RESCHEDULE.name, note_code=code,
          note_values=values, recheck_on=recheck_on)
    return review
