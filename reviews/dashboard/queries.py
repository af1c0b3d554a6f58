"""The dashboard's figures: eight queries however many claims there are.

Every figure is one query (a GROUP BY, a window function or a bounded list), served by an
index: `review_queue_idx` (status, assignee) for the counts, the waiting verdicts and the
reviewers' loads, `review_recheck_due_idx` for re-checks, and the ones in this app's
migrations for the weekly series, the time in status and each waiting verdict's submission.
tests/dashboard/test_at_scale.py times them at 100,000 claims.
"""

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Lead, TruncWeek
from django.utils import timezone

from claims.models import Claim
from reviews.workflow.models import Review, ReviewEvent
from reviews.workflow.moves import ReviewStatus

WEEKS = 12
WAITING_LIMIT = 25
RECHECKS_LIMIT = 50
# Statuses whose claims still need someone's work.
OPEN_STATUSES = (ReviewStatus.NEW, ReviewStatus.RESEARCHING, ReviewStatus.SCHEDULED, ReviewStatus.IN_REVIEW)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class StatusTime:
    """How long claims stayed in a status, over stays that ended in the window."""

    status: str
    label: str
    stays: int
    median: datetime.timedelta
    p90: datetime.timedelta


@dataclass(frozen=True)
class ReviewerLoad:
    user_id: int
    username: str
    researching: int
    scheduled: int
    in_review: int
    total: int


@dataclass(frozen=True)
class WeekCount:
    week_start: datetime.date  # a Monday, in the site's time zone
    opened: int
    published: int


@dataclass(frozen=True)
class Rechecks:
    due_this_week: int
    overdue: int
    reviews: list[Review]  # oldest date first, at most RECHECKS_LIMIT


@dataclass(frozen=True)
class Dashboard:
    today: datetime.date
    status_counts: list[StatusCount]
    waiting: list[Review]
    rechecks: Rechecks
    time_in_status: list[StatusTime]
    reviewers: list[ReviewerLoad]
    weeks: list[WeekCount]

    @property
    def total(self) -> int:
        return sum(item.count for item in self.status_counts)

    @property
    def waiting_count(self) -> int:
        return next(item.count for item in self.status_counts if item.status == ReviewStatus.IN_REVIEW)


def dashboard_figures(*, now: datetime.datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    today = timezone.localdate(now)
    first_week = week_start(today) - datetime.timedelta(weeks=WEEKS - 1)
    since = local_midnight(first_week)
    return Dashboard(
        today=today,
        status_counts=status_counts(),
        waiting=verdicts_waiting(),
        rechecks=rechecks_due(today=today),
        time_in_status=time_in_status(since=since),
        reviewers=reviewer_loads(),
        weeks=weekly_counts(first_week=first_week),
    )


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def status_counts() -> list[StatusCount]:
    """Every status with its number of claims, zeros included, in workflow order (1 query)."""
    counted = dict(Review.objects.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return [StatusCount(status.value, str(status.label), counted.get(status.value, 0)) for status in ReviewStatus]


def verdicts_waiting(*, limit: int = WAITING_LIMIT) -> list[Review]:
    """Verdicts waiting for an editor, longest waiting first (1 query).

    `submitted_at` is when the review last entered in_review (its latest event there): a
    verdict sent back and submitted again waits from the new submission.
    """
    entered = (
        ReviewEvent.objects.filter(review=OuterRef("pk"), to_status=ReviewStatus.IN_REVIEW)
        .order_by("-at", "-id")
        .values("at")[:1]
    )
    longest_waiting = F("submitted_at").asc(nulls_first=True), "id"
    # The first `limit` ids alone, then their claims: joining claims before the limit would
    # read every waiting review's claim to sort them.
    first_ids = (
        Review.objects.filter(status=ReviewStatus.IN_REVIEW)
        .annotate(submitted_at=Subquery(entered))
        .order_by(*longest_waiting)
        .values("pk")[:limit]
    )
    return list(
        Review.objects.filter(pk__in=Subquery(first_ids))
        .annotate(submitted_at=Subquery(entered))
        .select_related("claim", "submitted_by")
        .order_by(*longest_waiting)
    )


def rechecks_due(*, today: datetime.date, limit: int = RECHECKS_LIMIT) -> Rechecks:
    """Scheduled claims whose re-check date falls this week (to Sunday) or has passed (2 queries).

    Overdue ones are those the beat sweep should already have opened: a list that stays
    non-empty says the sweep is not running.
    """
    week_end = week_start(today) + datetime.timedelta(days=6)
    due = Review.objects.filter(status=ReviewStatus.SCHEDULED, recheck_on__lte=week_end)
    counts = due.aggregate(
        overdue=Count("id", filter=Q(recheck_on__lt=today)),
        due_this_week=Count("id", filter=Q(recheck_on__gte=today)),
    )
    reviews = list(due.select_related("claim", "assignee").order_by("recheck_on", "id")[:limit])
    return Rechecks(due_this_week=counts["due_this_week"], overdue=counts["overdue"], reviews=reviews)


def stays_ended_since(since: datetime.datetime) -> QuerySet:
    """(status, entered, left) for every stay in a status that ended at or after `since`.

    A stay runs from the event that entered the status to the review's next event (LEAD over
    each review's events). Only reviews that moved since `since` are read: the inner filter
    runs before the window, the one on `left` after it (Django wraps the query).
    """
    moved = ReviewEvent.objects.filter(at__gte=since).values("review_id")
    return (
        ReviewEvent.objects.filter(review_id__in=moved)
        .annotate(left=Window(Lead("at"), partition_by=[F("review_id")], order_by=[F("at").asc(), F("id").asc()]))
        .filter(left__gte=since)
        .order_by()
        .values_list("to_status", "at", "left")
    )


# PostgreSQL reduces the stays to three figures a status itself (percentile_cont), so tens of
# thousands of stays never leave the database; elsewhere (SQLite) Python does the same sums.
STAY_PERCENTILES_SQL = """
SELECT status, COUNT(*),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("left" - entered))),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("left" - entered)))
FROM ({stays}) AS stays (status, entered, "left")
GROUP BY status
"""


def time_in_status(*, since: datetime.datetime) -> list[StatusTime]:
    """Median and 90th percentile of the stays in each status that ended since `since` (1 query)."""
    stays = stays_ended_since(since)
    figures: dict[str, tuple[int, float, float]] = {}
    if connection.vendor == "postgresql":
        sql, params = stays.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(STAY_PERCENTILES_SQL.format(stays=sql), params)
            figures = {status: (count, median, p90) for status, count, median, p90 in cursor.fetchall()}
    else:
        durations: dict[str, list[float]] = defaultdict(list)
        for status, entered, left in stays:
            durations[status].append((left - entered).total_seconds())
        for status, values in durations.items():
            values.sort()
            figures[status] = (len(values), percentile(values, 0.5), percentile(values, 0.9))
    return [
        StatusTime(
            status=status.value,
            label=str(status.label),
            stays=figures[status.value][0],
            median=_seconds(figures[status.value][1]),
            p90=_seconds(figures[status.value][2]),
        )
        for status in ReviewStatus
        if status.value in figures
    ]


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks: PostgreSQL's percentile_cont."""
    position = fraction * (len(sorted_values) - 1)
    lower, upper = math.floor(position), math.ceil(position)
    low, high = sorted_values[lower], sorted_values[upper]
    return low + (high - low) * (position - lower)


def _seconds(value: float) -> datetime.timedelta:
    return datetime.timedelta(seconds=round(value))


def reviewer_loads() -> list[ReviewerLoad]:
    """Each reviewer's open claims by status, busiest first (1 query)."""
    rows = (
        Review.objects.filter(status__in=OPEN_STATUSES, assignee__isnull=False)
        .values("assignee_id", "assignee__username")
        .annotate(
            researching=Count("id", filter=Q(status=ReviewStatus.RESEARCHING)),
            scheduled=Count("id", filter=Q(status=ReviewStatus.SCHEDULED)),
            in_review=Count("id", filter=Q(status=ReviewStatus.IN_REVIEW)),
            total=Count("id"),
        )
        .order_by("-total", "assignee__username")
    )
    return [
        ReviewerLoad(
            user_id=row["assignee_id"],
            username=row["assignee__username"],
            researching=row["researching"],
            scheduled=row["scheduled"],
            in_review=row["in_review"],
            total=row["total"],
        )
        for row in rows
    ]


def weekly_counts(*, first_week: datetime.date, weeks: int = WEEKS) -> list[WeekCount]:
    """Claims opened and claims published in each week from `first_week` on (2 queries).

    A claim counts as published in a week when it was published then, a correction
    included; twice in one week counts once.
    """
    since = local_midnight(first_week)
    opened = _by_week(
        Claim.objects.filter(created_at__gte=since)
        .annotate(week=TruncWeek("created_at"))
        .order_by()
        .values("week")
        .annotate(n=Count("id"))
        .values_list("week", "n")
    )
    published = _by_week(
        ReviewEvent.objects.filter(to_status=ReviewStatus.PUBLISHED, at__gte=since)
        .annotate(week=TruncWeek("at"))
        .order_by()
        .values("week")
        .annotate(n=Count("review_id", distinct=True))
        .values_list("week", "n")
    )
    starts = [first_week + datetime.timedelta(weeks=i) for i in range(weeks)]
    return [WeekCount(start, opened.get(start, 0), published.get(start, 0)) for start in starts]


def _by_week(rows: Iterable[tuple[datetime.datetime | datetime.date, int]]) -> dict[datetime.date, int]:
    counts: dict[datetime.date, int] = {}
    for week, n in rows:
        if isinstance(week, datetime.datetime):
            week = timezone.localtime(week).date() if timezone.is_aware(week) else week.date()
        counts[week] = counts.get(week, 0) + n
    return counts
