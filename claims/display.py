"""Short forms of a claim's quantity and date window, for lists (admin, API, dashboard).

"≥ 340", "> 800", "14.5%", "1,200–1,500 tonne"; "11–20 Mar 2018", "21–22 Dec 2017",
"28 Feb – 3 Mar 2018", "Mar 2018", "2018". Month names and number separators follow the
interface language: "11–20 наурыз 2018", "11–20 марта 2018", "1 200 000" in Kazakh and Russian.
"""

import calendar
import datetime

from django.utils.formats import get_format
from django.utils.translation import pgettext_lazy

from claims.models import Claim, Comparator

# Through the catalogs, in two forms: after a day number ("11 марта") and on its own ("март").
MONTHS_AFTER_DAY = (
    pgettext_lazy("short date, after a day number", "Jan"),
    pgettext_lazy("short date, after a day number", "Feb"),
    pgettext_lazy("short date, after a day number", "Mar"),
    pgettext_lazy("short date, after a day number", "Apr"),
    pgettext_lazy("short date, after a day number", "May"),
    pgettext_lazy("short date, after a day number", "Jun"),
    pgettext_lazy("short date, after a day number", "Jul"),
    pgettext_lazy("short date, after a day number", "Aug"),
    pgettext_lazy("short date, after a day number", "Sep"),
    pgettext_lazy("short date, after a day number", "Oct"),
    pgettext_lazy("short date, after a day number", "Nov"),
    pgettext_lazy("short date, after a day number", "Dec"),
)
MONTHS = (
    pgettext_lazy("short date, month alone", "Jan"),
    pgettext_lazy("short date, month alone", "Feb"),
    pgettext_lazy("short date, month alone", "Mar"),
    pgettext_lazy("short date, month alone", "Apr"),
    pgettext_lazy("short date, month alone", "May"),
    pgettext_lazy("short date, month alone", "Jun"),
    pgettext_lazy("short date, month alone", "Jul"),
    pgettext_lazy("short date, month alone", "Aug"),
    pgettext_lazy("short date, month alone", "Sep"),
    pgettext_lazy("short date, month alone", "Oct"),
    pgettext_lazy("short date, month alone", "Nov"),
    pgettext_lazy("short date, month alone", "Dec"),
)

COMPARATOR_SIGNS = {
    Comparator.AT_LEAST: "≥ ",
    Comparator.MORE_THAN: "> ",
    Comparator.AT_MOST: "≤ ",
    Comparator.LESS_THAN: "< ",
    Comparator.ABOUT: "≈ ",
    Comparator.EXACTLY: "",
    "": "",
}

UNIT_SUFFIXES = {"percent": "%"}


def format_number(value: float) -> str:
    return _local_separators(_english_number(value))


def _english_number(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:g}"


def _local_separators(text: str) -> str:
    """The language's separators: "1 200 000" and "14,5" in Kazakh and Russian."""
    separators = {",": get_format("THOUSAND_SEPARATOR"), ".": get_format("DECIMAL_SEPARATOR")}
    return text.translate(str.maketrans(separators))


def _with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    return number + UNIT_SUFFIXES.get(unit, f" {unit}")


def quantity_short(
    value: float | None, comparator: str = "", upper: float | None = None, unit: str = ""
) -> str:
    if value is None:
        return ""
    if comparator == Comparator.BETWEEN and upper is not None:
        return _with_unit(f"{format_number(value)}–{format_number(upper)}", unit)
    return COMPARATOR_SIGNS.get(comparator, "") + _with_unit(format_number(value), unit)


def _day(date: datetime.date, *, month: bool = True, year: bool = True) -> str:
    parts = [str(date.day)]
    if month:
        parts.append(str(MONTHS_AFTER_DAY[date.month - 1]))
    if year:
        parts.append(str(date.year))
    return " ".join(parts)


def date_window_short(earliest: datetime.date | None, latest: datetime.date | None) -> str:
    if earliest is None:
        return ""
    latest = latest or earliest
    month_end = calendar.monthrange(latest.year, latest.month)[1]
    if (earliest.month, earliest.day, latest.month, latest.day) == (1, 1, 12, 31):
        if earliest.year == latest.year:
            return str(earliest.year)
        return f"{earliest.year}–{latest.year}"
    if earliest.day == 1 and latest.day == month_end:
        if (earliest.year, earliest.month) == (latest.year, latest.month):
            return f"{MONTHS[earliest.month - 1]} {earliest.year}"
        if earliest.year == latest.year:
            return f"{MONTHS[earliest.month - 1]}–{MONTHS[latest.month - 1]} {earliest.year}"
    if earliest == latest:
        return _day(earliest)
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return f"{earliest.day}–{_day(latest)}"
    if earliest.year == latest.year:
        return f"{_day(earliest, year=False)} – {_day(latest)}"
    return f"{_day(earliest)} – {_day(latest)}"


def claim_quantity_short(claim: Claim) -> str:
    """The quantity and what it counts, in the claim's own words: "≥ 340 · бейбіт тұрғын"."""
    short = quantity_short(
        claim.quantity_value, claim.quantity_comparator, claim.quantity_upper, claim.quantity_unit
    )
    if short and claim.quantity_subject:
        return f"{short} · {claim.quantity_subject}"
    return short


def claim_date_short(claim: Claim) -> str:
    return date_window_short(claim.date_earliest, claim.date_latest)


def claim_short(claim: Claim) -> str:
    """What the claim is about in a few characters: its quantity, else its date window."""
    return claim_quantity_short(claim) or claim_date_short(claim)
