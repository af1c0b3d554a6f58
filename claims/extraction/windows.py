"""Date windows and how a phrase without a year is placed relative to the publication date."""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass

MIN_YEAR, MAX_YEAR = 1000, 9998


@dataclass(slots=True)  # not frozen: built per date phrase, and frozen costs several times as much
class Window:
    earliest: datetime.date
    latest: datetime.date


YearlessWindow = Callable[[int], "Window | None"]


def _valid_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def last_day(year: int, month: int) -> int:
    return _stdlib_calendar.monthrange(year, month)[1]


def day_window(year: int, month: int, day: int) -> Window | None:
    if not _valid_year(year) or not 1 <= month <= 12 or not 1 <= day <= last_day(year, month):
        return None
    d = datetime.date(year, month, day)
    return Window(d, d)


def days_window(year: int, month: int, first: int, last: int, month_of_last: int | None = None) -> Window | None:
    start = day_window(year, month, first)
    end = day_window(year, month_of_last or month, last)
    if start is None or end is None or end.latest < start.earliest:
        return None
    return Window(start.earliest, end.latest)


def month_window(year: int, month: int) -> Window | None:
    if not _valid_year(year) or not 1 <= month <= 12:
        return None
    return Window(datetime.date(year, month, 1), datetime.date(year, month, last_day(year, month)))


MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def month_part_window(year: int, month: int, part: str) -> Window | None:
    whole = month_window(year, month)
    if whole is None:
        return None
    first, last = MONTH_PARTS[part]
    return Window(whole.earliest.replace(day=first), whole.earliest.replace(day=min(last, whole.latest.day)))


def year_window(year: int, last_year: int | None = None) -> Window | None:
    last_year = last_year or year
    if not (_valid_year(year) and _valid_year(last_year)) or last_year < year:
        return None
    return Window(datetime.date(year, 1, 1), datetime.date(last_year, 12, 31))


def months_window(year: int, first_month: int, last_month: int) -> Window | None:
    start, end = month_window(year, first_month), month_window(year, last_month)
    if start is None or end is None:
        return None
    return Window(start.earliest, end.latest)


def month_range_window(year: int, first_month: int, last_month: int) -> Window | None:
    """From the first month to the last, into the next year when it wraps ("December-February")."""
    start = month_window(year, first_month)
    end = month_window(year + (last_month < first_month), last_month)
    if start is None or end is None:
        return None
    return Window(start.earliest, end.latest)


def quarter_window(year: int, quarter: int) -> Window | None:
    return months_window(year, 3 * quarter - 2, 3 * quarter) if 1 <= quarter <= 4 else None


def half_window(year: int, half: int) -> Window | None:
    return months_window(year, 6 * half - 5, 6 * half) if half in (1, 2) else None


def relative_window(published: datetime.date, unit: str, offset: int) -> Window | None:
    """The day, week (Monday to Sunday), month or year `offset` periods from publication."""
    try:
        if unit == "day":
            d = published + datetime.timedelta(days=offset)
            return Window(d, d)
        if unit == "week":
            monday = published - datetime.timedelta(days=published.weekday()) + datetime.timedelta(weeks=offset)
            return Window(monday, monday + datetime.timedelta(days=6))
        if unit == "month":
            index = published.year * 12 + published.month - 1 + offset
            return month_window(index // 12, index % 12 + 1)
        if unit == "year":
            return year_window(published.year + offset)
    except OverflowError:
        return None
    return None


def weekday_window(published: datetime.date, weekday: int, tense: str | None) -> Window | None:
    """The nearest such weekday: after publication for the future, before it otherwise."""
    try:
        if tense == "future":
            ahead = (weekday - published.weekday()) % 7 or 7
            d = published + datetime.timedelta(days=ahead)
        else:
            back = (published.weekday() - weekday) % 7 or 7
            d = published - datetime.timedelta(days=back)
    except OverflowError:
        return None
    return Window(d, d)


def _distance(window: Window, published: datetime.date) -> int:
    if window.earliest <= published <= window.latest:
        return 0
    return min(abs((window.earliest - published).days), abs((window.latest - published).days))


def place_in_year(build: YearlessWindow, published: datetime.date, tense: str | None) -> Window | None:
    """The window nearest publication among last, this and next year, unless tense says otherwise."""
    candidates = [w for y in (published.year - 1, published.year, published.year + 1) if (w := build(y))]
    if tense == "future":
        pool = [w for w in candidates if w.latest >= published]
    elif tense == "past":
        pool = [w for w in candidates if w.earliest <= published]
    else:
        pool = candidates
    pool = pool or candidates
    if not pool:
        return None
    # On a tie, news reports the past more often than it announces.
    return min(pool, key=lambda w: (_distance(w, published), w.earliest > published))
