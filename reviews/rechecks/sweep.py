"""The re-check sweep: scheduled reviews (and published verdicts) whose date has come go back
to reviewers, once, with suggested evidence and a notice.

Dates are columns swept here, never Celery ETAs (design.md, Re-checks). Every opening goes
through the workflow's own move machinery (`reviews.workflow.services._move`): a conditional UPDATE
matching the status and version just read, so when two sweeps overlap exactly one of them
moves a review, writes its event and owes its notice; the other matches no row and moves on.
"""

import datetime
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.rechecks.evidence import Corpus, evidence_index_pending, evidence_suggest_for
from reviews.rechecks.models import NoticeReason, VerdictRecheck
from reviews.rechecks.notices import group_emails, notice_create, notices_requeue_unsent, recheck_recipients
from reviews.workflow.errors import InvalidInput, MoveNotAllowed, NotAllowedForRole, ReviewConflict
from reviews.workflow.models import Review, ReviewEvent
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.roles import FACT_CHECKERS_GROUP, UserLike, is_editor
from reviews.workflow.services import _check, _move

log = logging.getLogger(__name__)


@dataclass
class SweepResult:
    opened: int = 0
    reopened: int = 0
    suggested: int = 0
    notices_requeued: int = 0
    finished: bool = True

    def as_dict(self) -> dict[str, int | bool]:
        return {
            "opened": self.opened,
            "reopened": self.reopened,
            "suggested": self.suggested,
            "notices_requeued": self.notices_requeued,
            "finished": self.finished,
        }


def _today() -> datetime.date:
    # localdate() is the date in settings.TIME_ZONE: a claim due on 21 March opens at midnight
    # in Almaty, not at midnight UTC.
    return timezone.localdate()


def review_open_due_event(
    *, review_id: int, today: datetime.date, fact_checkers: Callable[[], list[str]] | None = None
) -> ReviewEvent | None:
    """Open one scheduled review whose date has come; the event, or None if it was not ours.

    None: not scheduled any more, not due, or another sweep opened it first.
    """
    with transaction.atomic():
        review = (
            Review.objects.select_related("assignee", "claim")
            .filter(pk=review_id, status=ReviewStatus.SCHEDULED, recheck_on__lte=today)
            .first()
        )
        if review is None:
            return None
        move = _check(review, "open_due", None)
        arrived = review.recheck_on
        to_status = move.target(review.status, assigned=review.assignee_id is not None)
        try:
            # recheck_on is cleared as "re-check now" clears it; the event's note keeps the date.
            event = _move(
                review, to_status, None, f"Re-check date {arrived.isoformat()} arrived", move=move.name,
                recheck_on=None,
            )
        except ReviewConflict:
            return None
        notice_create(
            review=review,
            event=event,
            reason=NoticeReason.RECHECK_DUE,
            recipients=recheck_recipients(review, fact_checkers=fact_checkers),
        )
    return event


def review_open_due(*, review_id: int, today: datetime.date) -> bool:
    """scheduled → researching (new when unassigned) if its re-check date is `today` or earlier."""
    return review_open_due_event(review_id=review_id, today=today) is not None


def verdict_reopen_due_event(
    *, verdict_recheck_id: int, today: datetime.date, fact_checkers: Callable[[], list[str]] | None = None
) -> ReviewEvent | None:
    """Reopen a published verdict whose check-again date has come, for a correction review."""
    with transaction.atomic():
        due = (
            VerdictRecheck.objects.select_related("review__assignee", "review__claim")
            .filter(pk=verdict_recheck_id, check_again_on__lte=today, review__status=ReviewStatus.PUBLISHED)
            .first()
        )
        if due is None:
            return None
        review = due.review
        move = _check(review, "reopen_due", None)
        to_status = move.target(review.status, assigned=review.assignee_id is not None)
        note = f"Check-again date {due.check_again_on.isoformat()} arrived"
        if due.reason:
            note += f" ({due.reason})"
        try:
            event = _move(review, to_status, None, note, move=move.name)
        except ReviewConflict:
            return None
        VerdictRecheck.objects.filter(pk=due.pk).delete()
        notice_create(
            review=review,
            event=event,
            reason=NoticeReason.VERDICT_DUE,
            recipients=recheck_recipients(review, fact_checkers=fact_checkers),
        )
    return event


@transaction.atomic
def verdict_recheck_set(
    *, review: Review, actor: UserLike, check_again_on: datetime.date | None, reason: str = ""
) -> VerdictRecheck | None:
    """Set, move or (with None) clear the date a published verdict is looked at again. Editors only."""
    if not is_editor(actor):
        raise NotAllowedForRole(_("Only editors may set the date a published verdict is checked again."))
    # The row lock orders this after a sweep reopening the verdict right now: then it is no
    # longer published and the date is refused instead of left behind on a verdict under review.
    status = Review.objects.select_for_update().filter(pk=review.pk).values_list("status", flat=True).first()
    if status != ReviewStatus.PUBLISHED:
        raise MoveNotAllowed(_("Only a published verdict has a date to be checked again."))
    if check_again_on is None:
        VerdictRecheck.objects.filter(review_id=review.pk).delete()
        return None
    if check_again_on <= _today():
        raise InvalidInput("check_again_on", _("The date to check again must be in the future."))
    recheck, _created = VerdictRecheck.objects.update_or_create(
        review_id=review.pk,
        defaults={"check_again_on": check_again_on, "reason": reason.strip()[:300], "set_by": actor},
    )
    return recheck


class _Suggester:
    """Suggests evidence for the reviews a sweep opens; measures the corpus once, when first needed."""

    def __init__(self) -> None:
        self.corpus: Corpus | None = None

    def __call__(self, review: Review) -> int:
        """Suggested evidence for a review just opened; a failure here never undoes the opening."""
        if self.corpus is None:
            self.corpus = Corpus.measure()
        try:
            return len(evidence_suggest_for(review=review, corpus=self.corpus))
        except DatabaseError:
            log.exception("suggesting evidence for review %s failed", review.pk)
            return 0


class _FactCheckers:
    """The Fact-checkers group's addresses, looked up once per sweep."""

    def __init__(self) -> None:
        self.emails: list[str] | None = None

    def __call__(self) -> list[str]:
        if self.emails is None:
            self.emails = group_emails(FACT_CHECKERS_GROUP)
        return self.emails


def recheck_sweep(
    *,
    today: datetime.date | None = None,
    batch_size: int | None = None,
    seconds: float | None = None,
    suggest: bool = True,
) -> SweepResult:
    """Open everything due by `today` (default: today in settings.TIME_ZONE), batch by batch.

    Stops starting batches after `seconds` (settings.RECHECK_SWEEP_SECONDS) so it ends well
    inside the task's time limit; the next sweep carries on.
    """
    today = today or _today()
    batch_size = batch_size or settings.RECHECK_BATCH_SIZE
    deadline = time.monotonic() + (seconds if seconds is not None else settings.RECHECK_SWEEP_SECONDS)
    result = SweepResult()
    fact_checkers = _FactCheckers()
    suggester = None
    if suggest:
        evidence_index_pending(limit=settings.RECHECK_INDEX_BATCH)
        suggester = _Suggester()

    # Reviews that failed for a reason other than a lost race are skipped for this sweep, so a
    # broken row cannot keep the loop busy. Opened ones leave the partial index by themselves.
    skipped: set[int] = set()
    while True:
        if time.monotonic() > deadline:
            result.finished = False
            break
        # Served by review_recheck_due_idx (partial on status = scheduled).
        due = list(
            Review.objects.filter(status=ReviewStatus.SCHEDULED, recheck_on__lte=today)
            .exclude(pk__in=skipped)
            .order_by("recheck_on", "pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not due:
            break
        for review_id in due:
            try:
                event = review_open_due_event(review_id=review_id, today=today, fact_checkers=fact_checkers)
            except DatabaseError:
                log.exception("opening review %s failed; the next sweep tries again", review_id)
                skipped.add(review_id)
                continue
            if event is not None:
                result.opened += 1
                if suggester is not None:
                    result.suggested += suggester(event.review)

    skipped_verdicts: set[int] = set()
    while result.finished:
        if time.monotonic() > deadline:
            result.finished = False
            break
        # Served by verdict_recheck_due_idx.
        due = list(
            VerdictRecheck.objects.filter(check_again_on__lte=today, review__status=ReviewStatus.PUBLISHED)
            .exclude(pk__in=skipped_verdicts)
            .order_by("check_again_on", "pk")
            .values_list("pk", "review_id")[:batch_size]
        )
        if not due:
            break
        for verdict_recheck_id, review_id in due:
            try:
                event = verdict_reopen_due_event(
                    verdict_recheck_id=verdict_recheck_id, today=today, fact_checkers=fact_checkers
                )
            except DatabaseError:
                log.exception("reopening review %s failed; the next sweep tries again", review_id)
                skipped_verdicts.add(verdict_recheck_id)
                continue
            if event is None:
                # Lost to another sweep, or no longer published: not ours to retry now.
                skipped_verdicts.add(verdict_recheck_id)
                continue
            result.reopened += 1
            if suggester is not None:
                result.suggested += suggester(event.review)

    result.notices_requeued = notices_requeue_unsent()
    return result
