"""Short forms of a claim's quantity and date window, for lists (admin, API, dashboard).

"≥ 340", "> 800", "14.5%", "1,200–1,500 tonne"; "11–20 Mar 2018", "21–22 Dec 2017",
"28 Feb – 3 Mar 2018", "Mar 2018", "2018". Month names are fixed English abbreviations so the
same claim reads the same whatever the request's language.
"""

import calendar
import datetime

from claims.models import Claim, Comparator

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

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
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:g}"


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
        parts.append(MONTHS[date.month - 1])
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
    return quantity_short(
        claim.quantity_value, claim.quantity_comparator, claim.quantity_upper, claim.quantity_unit
    )


def claim_date_short(claim: Claim) -> str:
    return date_window_short(claim.date_earliest, claim.date_latest)


def claim_short(claim: Claim) -> str:
    """What the claim is about in a few characters: its quantity, else its date window."""
    return claim_quantity_short(claim) or claim_date_short(claim)
