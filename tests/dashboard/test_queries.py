"""The dashboard's figures equal what the data says, worked out by hand."""

import datetime

import pytest
import time_machine

from reviews.dashboard import queries
from tests.dashboard.conftest import T0, at

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def test_it_counts_claims_in_every_status_zeros_included(newsroom, frozen_now):
    reviews = newsroom.open_claims(6, at(0))
    newsroom.take(reviews[0], at(1))
    newsroom.take(reviews[1], at(1))
    newsroom.submit(reviews[1], at(2))
    newsroom.dismiss(reviews[2], at(1))

    counts = {item.status: item.count for item in queries.status_counts()}

    assert counts == {
        "new": 3,
        "researching": 1,
        "scheduled": 0,
        "in_review": 1,
        "published": 0,
        "dismissed": 1,
    }
    assert [item.status for item in queries.status_counts()] == list(counts)


def test_verdicts_waiting_are_listed_longest_waiting_first(newsroom, frozen_now):
    first, second, resubmitted, published = newsroom.open_claims(4, at(0))
    for review in (first, second, resubmitted, published):
        newsroom.take(review, at(1))
    newsroom.submit(resubmitted, at(2))
    newsroom.submit(first, at(3))
    newsroom.submit(second, at(4))
    newsroom.submit(published, at(2))
    newsroom.approve(published, at(5))
    # Sent back and submitted again: it waits from the second submission.
    newsroom.send_back(resubmitted, at(6))
    newsroom.resubmit(resubmitted, at(7))

    waiting = queries.verdicts_waiting()

    assert [(r.pk, r.submitted_at) for r in waiting] == [
        (first.pk, at(3)),
        (second.pk, at(4)),
        (resubmitted.pk, at(7)),
    ]


def test_rechecks_due_this_week_and_overdue_ones_are_listed_by_date(newsroom):
    overdue, today, sunday, next_week, researching = newsroom.open_claims(5, at(0))
    newsroom.schedule(overdue, at(1), datetime.date(2026, 3, 3))
    newsroom.schedule(today, at(1), datetime.date(2026, 3, 4))
    newsroom.schedule(sunday, at(1), datetime.date(2026, 3, 8))
    newsroom.schedule(next_week, at(1), datetime.date(2026, 3, 9))
    newsroom.take(researching, at(1))

    with time_machine.travel(at(days=2), tick=False):  # Wednesday 4 March
        rechecks = queries.rechecks_due(today=datetime.date(2026, 3, 4))

    assert (rechecks.due_this_week, rechecks.overdue) == (2, 1)
    assert [r.pk for r in rechecks.reviews] == [overdue.pk, today.pk, sunday.pk]


def test_time_in_status_is_the_median_and_90th_percentile_of_finished_stays(newsroom, frozen_now):
    a, b, c, d, _still_new = newsroom.open_claims(5, at(0))
    # new: a 1h, b 2h, c 3h, d 4h (e is still new: an unfinished stay does not count)
    newsroom.take(a, at(1))
    newsroom.take(b, at(2))
    newsroom.take(c, at(3))
    newsroom.take(d, at(4))
    # researching: a 4h, b 8h (c and d are still researching)
    newsroom.submit(a, at(5))
    newsroom.submit(b, at(10))
    # in review: a 2h
    newsroom.approve(a, at(7))

    times = {item.status: item for item in queries.time_in_status(since=T0 - HOUR)}

    assert set(times) == {"new", "researching", "in_review"}
    new = times["new"]
    assert (new.stays, new.median, new.p90) == (4, 2.5 * HOUR, 3.7 * HOUR)
    researching = times["researching"]
    assert (researching.stays, researching.median, researching.p90) == (2, 6 * HOUR, 7.6 * HOUR)
    in_review = times["in_review"]
    assert (in_review.stays, in_review.median, in_review.p90) == (1, 2 * HOUR, 2 * HOUR)


def test_time_in_status_counts_only_stays_that_ended_in_the_window(newsroom, frozen_now):
    old, recent = newsroom.open_claims(2, at(0))
    newsroom.take(old, at(1))  # ended before the window: left out
    newsroom.take(recent, at(10))  # entered before the window, ended in it: counted whole

    times = {item.status: item for item in queries.time_in_status(since=at(5))}

    assert (times["new"].stays, times["new"].median) == (1, 10 * HOUR)


def test_each_reviewers_open_claims_busiest_first(newsroom, frozen_now):
    reviews = newsroom.open_claims(6, at(0))
    for review in reviews[:4]:
        newsroom.take(review, at(1))
    newsroom.take(reviews[4], at(1), actor=newsroom.other_checker)
    newsroom.submit(reviews[0], at(2))
    newsroom.schedule(reviews[1], at(2), datetime.date(2026, 4, 1))
    newsroom.submit(reviews[2], at(2))
    newsroom.approve(reviews[2], at(3))  # published: no longer open

    loads = queries.reviewer_loads()

    assert [(x.username, x.researching, x.scheduled, x.in_review, x.total) for x in loads] == [
        ("aigerim", 1, 1, 1, 3),
        ("daniyar", 1, 0, 0, 1),
    ]


def test_claims_opened_and_published_per_week(newsroom):
    # Weeks start on Monday in Almaty: 2 March, 9 March, 16 March.
    week1 = newsroom.open_claims(3, at(0))
    week2 = newsroom.open_claims(2, at(days=7))
    for review in week1:
        newsroom.take(review, at(1))
        newsroom.submit(review, at(2))
    newsroom.approve(week1[0], at(3))  # week 1
    newsroom.approve(week1[1], at(days=8))  # week 2
    newsroom.approve(week1[2], at(days=14))  # week 3

    with time_machine.travel(at(days=15), tick=False):
        weeks = queries.weekly_counts(first_week=datetime.date(2026, 2, 23), weeks=4)

    assert [(w.week_start, w.opened, w.published) for w in weeks] == [
        (datetime.date(2026, 2, 23), 0, 0),
        (datetime.date(2026, 3, 2), 3, 1),
        (datetime.date(2026, 3, 9), 2, 1),
        (datetime.date(2026, 3, 16), 0, 1),
    ]
    assert len(week2) == 2


def test_a_week_starts_at_midnight_in_almaty_not_utc(newsroom):
    # Sunday 8 March 20:00 UTC is Monday 9 March 01:00 in Almaty.
    newsroom.open_claims(1, datetime.datetime(2026, 3, 8, 20, 0, tzinfo=datetime.UTC))

    weeks = queries.weekly_counts(first_week=datetime.date(2026, 3, 2), weeks=2)

    assert [(w.week_start, w.opened) for w in weeks] == [
        (datetime.date(2026, 3, 2), 0),
        (datetime.date(2026, 3, 9), 1),
    ]


def test_the_dashboard_covers_the_last_twelve_weeks_to_this_one(newsroom):
    newsroom.open_claims(2, at(0))

    figures = queries.dashboard_figures(now=at(days=3))

    assert len(figures.weeks) == 12
    assert figures.weeks[0].week_start == datetime.date(2025, 12, 15)
    assert (figures.weeks[-1].week_start, figures.weeks[-1].opened) == (datetime.date(2026, 3, 2), 2)
    assert (figures.total, figures.waiting_count) == (2, 0)


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([7.0], 0.5, 7.0),
        ([7.0], 0.9, 7.0),
        ([1.0, 2.0], 0.5, 1.5),
        ([1.0, 2.0, 3.0, 4.0], 0.9, 3.7),
        ([1.0, 2.0, 3.0, 4.0, 100.0], 0.5, 3.0),
    ],
)
def test_percentile_interpolates_like_percentile_cont(values, fraction, expected):
    assert queries.percentile(values, fraction) == pytest.approx(expected)
