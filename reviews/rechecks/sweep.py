"""The re-check sweep: scheduled reviews (and published verdicts) whose date has come go back
to reviewers, once, with suggested evidence and a notice.

Dates are columns swept here, never Celery ETAs (design.md, Re-checks). Every opening is the
workflow's system move for a batch (`reviews_open_due`, `reviews_reopen_due`): one conditional
UPDATE per batch of the rows still in the status the move starts from (locked with SKIP LOCKED
on PostgreSQL), so when sweeps overlap exactly one of them moves a review, writes its event and
owes its notice; the others skip it and move on. Events and notices are written in bulk, the
notices queued after the batch commits, and evidence suggested after that.
"""

import datetime
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from reviews.rechecks.evidence import Corpus, claim_matches_since, evidence_index_pending, evidence_suggest_for
from reviews.rechecks.models import NoticeReason, VerdictRecheck
from reviews.rechecks.notices import group_emails, notices_create_for, notices_requeue_unsent
from reviews.workflow.models import Review, ReviewEvent
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.roles import FACT_CHECKERS_GROUP
from reviews.workflow.services import CheckAgain, DueOpening, reviews_open_due, reviews_reopen_due

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


# --- what comes due: scheduled reviews' re-check dates, published verdicts' check-again dates ---


def _due_reviews(today: datetime.date, skipped: set[int], limit: int) -> list[int]:
    # Served by review_recheck_due_idx (partial on status = scheduled).
    return list(
        Review.objects.filter(status=ReviewStatus.SCHEDULED, recheck_on__lte=today)
        .exclude(pk__in=skipped)
        .order_by("recheck_on", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def _open_reviews(ids: list[int], today: datetime.date) -> list[DueOpening]:
    return reviews_open_due(ids=ids, today=today)


def _due_verdicts(today: datetime.date, skipped: set[int], limit: int) -> list[int]:
    # Served by verdict_recheck_due_idx.
    return list(
        VerdictRecheck.objects.filter(check_again_on__lte=today, review__status=ReviewStatus.PUBLISHED)
        .exclude(pk__in=skipped)
        .order_by("check_again_on", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def _reopen_verdicts(ids: list[int], today: datetime.date) -> list[DueOpening]:
    dates = [
        CheckAgain(review_id=review_id, check_again_on=check_again_on, reason=reason)
        for review_id, check_again_on, reason in VerdictRecheck.objects.filter(
            pk__in=ids, check_again_on__lte=today
        ).values_list("review_id", "check_again_on", "reason")
    ]
    openings = reviews_reopen_due(dates=dates)
    # Done with: the event's note keeps the date.
    VerdictRecheck.objects.filter(review_id__in=[opening.review_id for opening in openings]).delete()
    return openings


@dataclass(frozen=True)
class DueDates:
    """One kind of date that comes due: how to find a batch of rows due, how to open a batch."""

    what: str  # for the log
    reason: str  # the NoticeReason of the email owed
    batch: Callable[[datetime.date, set[int], int], list[int]]
    open: Callable[[list[int], datetime.date], list[DueOpening]]


RECHECK_DATES = DueDates("review", NoticeReason.RECHECK_DUE, _due_reviews, _open_reviews)
CHECK_AGAIN_DATES = DueDates("verdict re-check", NoticeReason.VERDICT_DUE, _due_verdicts, _reopen_verdicts)


def due_open_batch(
    dates: DueDates,
    *,
    row_ids: list[int],
    today: datetime.date,
    fact_checkers: Callable[[], list[str]] | None = None,
) -> list[DueOpening]:
    """Open the rows of `row_ids` whose date has come, with the notices they owe, in one
    transaction: the openings this call made (not due any more, or opened by another sweep
    first, is left out)."""
    with transaction.atomic():
        openings = dates.open(row_ids, today)
        notices_create_for(
            openings=openings,
            reason=dates.reason,
            fact_checkers=fact_checkers or (lambda: group_emails(FACT_CHECKERS_GROUP)),
        )
    return openings


def due_open(
    dates: DueDates,
    *,
    row_id: int,
    today: datetime.date,
    fact_checkers: Callable[[], list[str]] | None = None,
) -> ReviewEvent | None:
    """One row of `dates` (`due_open_batch` of one): the event, or None when it was not ours."""
    openings = due_open_batch(dates, row_ids=[row_id], today=today, fact_checkers=fact_checkers)
    return openings[0].event if openings else None


# --- the sweep --------------------------------------------------------------------------------


class _Suggester:
    """Suggests evidence for the reviews a sweep opens; measures the corpus once, when first needed."""

    def __init__(self) -> None:
        self.corpus: Corpus | None = None

    def __call__(self, reviews: list[Review]) -> int:
        """Suggested evidence for reviews just opened; a failure here never undoes the openings.
        The claim matcher's pairs for the whole batch are one query."""
        if self.corpus is None:
            self.corpus = Corpus.measure()
        try:
            matched = claim_matches_since(claims=[review.claim for review in reviews])
        except DatabaseError:
            log.exception("looking up matched claims for %s reviews failed", len(reviews))
            matched = {}
        suggested = 0
        for review in reviews:
            try:
                suggested += len(evidence_suggest_for(review=review, corpus=self.corpus,
                                                      claim_matches=matched.get(review.claim_id, {})))
            except DatabaseError:
                log.exception("suggesting evidence for review %s failed", review.pk)
        return suggested


class _FactCheckers:
    """The Fact-checkers group's addresses, looked up once per sweep."""

    def __init__(self) -> None:
        self.emails: list[str] | None = None

    def __call__(self) -> list[str]:
        if self.emails is None:
            self.emails = group_emails(FACT_CHECKERS_GROUP)
        return self.emails


@dataclass(frozen=True)
class _Run:
    """What every part of one sweep shares."""

    today: datetime.date
    batch_size: int
    deadline: float  # time.monotonic() after which no batch starts
    fact_checkers: _FactCheckers
    suggester: _Suggester | None


@dataclass
class _Pass:
    """One sweep over one kind of date."""

    opened: int = 0
    suggested: int = 0
    finished: bool = True


def _sweep_dates(dates: DueDates, run: _Run) -> _Pass:
    """Open what of `dates` is due, batch by batch, until none is left or the deadline passes.

    A row that was not ours, or failed (a database error), is skipped for the rest of this
    sweep, so a broken row cannot keep the loop busy; the next sweep tries it again.
    """
    done = _Pass()
    skipped: set[int] = set()
    while True:
        if time.monotonic() > run.deadline:
            done.finished = False
            return done
        batch = dates.batch(run.today, skipped, run.batch_size)
        if not batch:
            return done
        try:
            openings = due_open_batch(dates, row_ids=batch, today=run.today, fact_checkers=run.fact_checkers)
        except DatabaseError:
            log.exception("opening a batch of %s %s failed; the next sweep tries again", len(batch), dates.what)
            openings = []
        opened = {opening.review_id for opening in openings}
        done.opened += len(opened)
        # What this sweep did not open (not ours, or failed) is not asked for again in this sweep.
        skipped.update(batch)
        if run.suggester is not None and opened:
            # After the openings commit: a failure here never undoes them.
            done.suggested += run.suggester(list(Review.objects.select_related("claim").filter(pk__in=opened)
                                                 .order_by("pk")))


def recheck_sweep(
    *,
    today: datetime.date | None = None,
    batch_size: int | None = None,
    seconds: float | None = None,
    suggest: bool = True,
) -> SweepResult:
    """Open everything due by `today` (default: today in settings.TIME_ZONE), batch by batch:
    scheduled reviews first, then published verdicts to check again.

    Stops starting batches after `seconds` (settings.RECHECK_SWEEP_SECONDS) so it ends well
    inside the task's time limit; the next sweep carries on.
    """
    suggester = None
    if suggest:
        evidence_index_pending(limit=settings.RECHECK_INDEX_BATCH)
        suggester = _Suggester()
    run = _Run(
        today=today or _today(),
        batch_size=batch_size or settings.RECHECK_BATCH_SIZE,
        deadline=time.monotonic() + (seconds if seconds is not None else settings.RECHECK_SWEEP_SECONDS),
        fact_checkers=_FactCheckers(),
        suggester=suggester,
    )
    result = SweepResult()
    reviews = _sweep_dates(RECHECK_DATES, run)
    result.opened, result.suggested, result.finished = reviews.opened, reviews.suggested, reviews.finished
    if result.finished:
        verdicts = _sweep_dates(CHECK_AGAIN_DATES, run)
        result.reopened, result.finished = verdicts.opened, verdicts.finished
        result.suggested += verdicts.suggested
    result.notices_requeued = notices_requeue_unsent()
    return result
