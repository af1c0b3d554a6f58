"""Date phrases in a sentence and their windows, relative to the publication date."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Set
from dataclasses import dataclass

from . import windows, words_en, words_kk, words_ru
from .date_patterns import PATTERNS, triggers_in
from .numerals import NumberBuilder, kk_numeral
from .windows import Window, YearlessWindow

PART_WORDS = {
    "бас": "early",
    "орта": "mid",
    "соң": "late",
    "аяғ": "late",
    "аяқ": "late",
    "начал": "early",
    "середин": "mid",
    "конц": "late",
    "конец": "late",
    "early": "early",
    "beginning": "early",
    "start": "early",
    "mid": "mid",
    "middle": "mid",
    "late": "late",
    "end": "late",
}
REL_OFFSETS = {
    "өткен": -1,
    "осы": 0,
    "биылғы": 0,
    "келесі": 1,
    "келер": 1,
    "алдағы": 1,
    "ағымдағы": 0,
    "үстіміздегі": 0,
    "былтырғы": -1,
    "алдыңғы": -1,
    "минувш": -1,
    "истекш": -1,
    "прошедш": -1,
    "уходящ": 0,
    "наступающ": 1,
    "предстоящ": 1,
    "current": 0,
    "прошл": -1,
    "предыдущ": -1,
    "эт": 0,
    "текущ": 0,
    "нынешн": 0,
    "следующ": 1,
    "будущ": 1,
    "last": -1,
    "previous": -1,
    "this": 0,
    "next": 1,
    "coming": 1,
}
UNITS = {
    "жыл": "year",
    "ай": "month",
    "апта": "week",
    "год": "year",
    "месяц": "month",
    "недел": "week",
    "year": "year",
    "month": "month",
    "week": "week",
}
RELDAYS = {
    "кеше": ("day", -1),
    "бүгін": ("day", 0),
    "ертең": ("day", 1),
    "биыл": ("year", 0),
    "былтыр": ("year", -1),
    "вчера": ("day", -1),
    "позавчера": ("day", -2),
    "сегодня": ("day", 0),
    "завтра": ("day", 1),
    "послезавтра": ("day", 2),
    "yesterday": ("day", -1),
    "today": ("day", 0),
    "tonight": ("day", 0),
    "tomorrow": ("day", 1),
}
RELATIVE_YEARS = {
    "биылғы": 0,
    "осы": 0,
    "былтырғы": -1,
    "өткен": -1,
    "келесі": 1,
    "этого": 0,
    "текущего": 0,
    "прошлого": -1,
    "следующего": 1,
    "this": 0,
    "last": -1,
    "next": 1,
}
ORDINAL_STEMS = {
    "бірінші": 1,
    "екінші": 2,
    "үшінші": 3,
    "төртінші": 4,
    "перв": 1,
    "втор": 2,
    "трет": 3,
    "четверт": 4,
    "четвёрт": 4,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "iv": 4,
    "iii": 3,
    "ii": 2,
    "i": 1,
}
RANGE_BETWEEN = {
    "kk": re.compile(r"^\s*(?:мен|пен|бен|[-–—])\s*$"),
    "ru": re.compile(r"^\s*(?:по|до|[-–—])\s*$"),
    "en": re.compile(r"^\s*(?:to|and|until|till|through|[-–—])\s*$", re.IGNORECASE),
}
RANGE_BEFORE = {
    "ru": re.compile(r"(?:^|\s)(?:с|со)\s*$", re.IGNORECASE),
    "en": re.compile(r"(?:^|\s)(?:from|between)\s*$", re.IGNORECASE),
}
KK_ABLATIVE_END = re.compile(r"(?:дан|ден|тан|тен|нан|нен)$", re.IGNORECASE)
KK_RANGE_AFTER = re.compile(r"^\s*(?:аралығ|дейін|шейін)", re.IGNORECASE)
# Anchoring the month tables keeps "ма" (май) from shadowing "март".
MONTH_STEMS = {
    "kk": sorted(words_kk.MONTHS.items(), key=lambda kv: -len(kv[0])),
    "ru": sorted(words_ru.MONTHS.items(), key=lambda kv: -len(kv[0])),
    "en": sorted(words_en.MONTHS.items(), key=lambda kv: -len(kv[0])),
}
WEEKDAY_STEMS = {"kk": words_kk.WEEKDAYS, "ru": words_ru.WEEKDAYS, "en": words_en.WEEKDAYS}
TenseAt = Callable[[int], "str | None"]


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    fixed: Window | None = None
    yearless: YearlessWindow | None = None
    weekday: int | None = None
    forced_tense: str | None = None
    window: Window | None = None


def _month(word: str, language: str) -> int | None:
    lw = word.lower().rstrip(".")
    for stem, month in MONTH_STEMS[language]:
        if lw.startswith(stem):
            return month
    return None


def _ordinal(word: str) -> int | None:
    lw = word.lower()
    if lw[:1].isdigit():
        return int(lw[0])
    for stem, value in ORDINAL_STEMS.items():
        if lw.startswith(stem):
            return value
    return None


def _kk_words_value(words: str) -> int | None:
    builder = NumberBuilder()
    for word in words.split():
        numeral = kk_numeral(word)
        if numeral is None or not builder.add(numeral):
            return None
    return int(builder.value) if builder.count else None


def _day(groups: dict[str, str], name: str) -> int | None:
    if name in groups:
        return int(groups[name])
    if name + "w" in groups:
        return _kk_words_value(groups[name + "w"])
    return None


@dataclass(slots=True)
class _Parts:
    """The named parts of one matched date phrase, read into numbers."""

    groups: dict[str, str]
    year: int | None
    month: int | None
    month2: int | None
    day: int | None
    day2: int | None
    part: str | None  # early | mid | late


def _parts(g: dict[str, str], language: str, published: datetime.date) -> _Parts | None:
    """`g`: the groups the phrase matched, without the empty ones."""
    year = int(g["year"]) if "year" in g else (int(g["year2"]) if "year2" in g else None)
    if "relyear" in g:  # "биылғы үшінші тоқсан", "третий квартал прошлого года"
        year = published.year + RELATIVE_YEARS[g["relyear"].split()[0].lower()]
    if "yearw" in g:
        year = _kk_words_value(g["yearw"])
        if year is None:
            return None
    month = _month(g["month"], language) if "month" in g else None
    if "monthn" in g:
        month = int(g["monthn"])
    month2 = _month(g["month2"], language) if "month2" in g else None
    part = PART_WORDS.get((g.get("part") or g.get("part2") or "").lower())
    return _Parts(g, year, month, month2, _day(g, "day"), _day(g, "day2"), part)


def _build(match: re.Match[str], language: str, published: datetime.date) -> DateMention | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    mention = DateMention(match.end("lead") if "lead" in groups else match.start(), match.end())
    parts = _parts(groups, language, published)
    if parts is None:
        return None
    if "rel" in parts.groups and (parts.month or parts.part):
        return _relative_month(parts, mention, published)
    return _calendar(parts, mention) or _from_publication(parts, mention, language, published)


def _relative_month(parts: _Parts, mention: DateMention, published: datetime.date) -> DateMention | None:
    """ "next March", "келесі жылдың наурызында", "осы жылдың қаңтар – мамыр айларында", "келесі айдың соңында"."""
    g, month = parts.groups, parts.month
    offset = REL_OFFSETS[g["rel"].lower()]
    if month and "unit" not in g:  # "next March": the tense is in the word
        mention.forced_tense = {"last": "past", "next": "future"}.get(g["rel"].lower())
        return _fixed_or_yearless(mention, parts.year, lambda y: windows.month_window(y, month))
    if month:
        rel_year = published.year + offset
        last = parts.month2
        mention.fixed = (
            windows.month_range_window(rel_year, month, last) if last else windows.month_window(rel_year, month)
        )
        return mention
    if parts.part and UNITS.get(g.get("unit", "").lower()) == "month":
        whole = windows.relative_window(published, "month", offset)
        if whole is not None:
            mention.fixed = windows.month_part_window(whole.earliest.year, whole.earliest.month, parts.part)
        return mention
    return _from_publication(parts, mention, "", published)


def _fixed_or_yearless(mention: DateMention, year: int | None, build: YearlessWindow) -> DateMention:
    if year is not None:
        mention.fixed = build(year)
    else:
        mention.yearless = build
    return mention


def _calendar(parts: _Parts, mention: DateMention) -> DateMention | None:
    """Months, days, quarters, halves and years named in the phrase; None when it names none."""
    g, year, month, month2, day, day2, part = (
        parts.groups, parts.year, parts.month, parts.month2, parts.day, parts.day2, parts.part
    )
    build: YearlessWindow | None = None
    if month and month2 and not day:  # "қаңтар-наурыз", "January to March"
        build = lambda y: windows.month_range_window(y, month, month2)  # noqa: E731
    elif month and day and day2:
        build = lambda y: windows.days_window(y, month, day, day2, month2)  # noqa: E731
    elif month and day:
        build = lambda y: windows.day_window(y, month, day)  # noqa: E731
    elif month and part:
        build = lambda y: windows.month_part_window(y, month, part)  # noqa: E731
    elif month:
        build = lambda y: windows.month_window(y, month)  # noqa: E731
    elif "quarter" in g:
        quarter = _ordinal(g["quarter"]) or 0
        build = lambda y: windows.quarter_window(y, quarter)  # noqa: E731
    elif "half" in g:
        half = _ordinal(g["half"]) or 0
        build = lambda y: windows.half_window(y, half)  # noqa: E731
    if build is not None:
        return _fixed_or_yearless(mention, year, build)
    if year is not None:
        last = int(g["year2"]) if "year2" in g and "year" in g else None
        mention.fixed = windows.year_window(year, last)
        return mention
    return None


def _from_publication(
    parts: _Parts, mention: DateMention, language: str, published: datetime.date
) -> DateMention | None:
    """Periods counted from the publication date: "айдың ортасы", "last week", "кеше", "on Saturday"."""
    g = parts.groups
    if parts.part:  # "айдың ортасы": the part of the publication month
        mention.fixed = windows.month_part_window(published.year, published.month, parts.part)
        return mention
    if "rel" in g:
        unit = UNITS[g["unit"].lower()]
        mention.fixed = windows.relative_window(published, unit, REL_OFFSETS[g["rel"].lower()])
        return mention
    if "relday" in g:
        unit, offset = RELDAYS[g["relday"].lower()]
        mention.fixed = windows.relative_window(published, unit, offset)
        return mention
    weekday_word = (g.get("weekday") or g.get("weekday2") or "").lower()
    for stem, weekday in WEEKDAY_STEMS.get(language, {}).items():
        if weekday_word.startswith(stem):
            mention.weekday = weekday
            return mention
    return None


def _candidates(
    text: str, language: str, published: datetime.date, present: Set[str] | None = None
) -> list[DateMention]:
    found: list[DateMention] = []
    if present is None:
        present = triggers_in(text, language)
    for pattern in PATTERNS[language]:
        if pattern.trigger not in present:
            continue
        for match in pattern.regex.finditer(text):
            mention = _build(match, language, published)
            if mention is not None:
                found.append(mention)
    # Longest first at each position, then drop whatever overlaps an earlier choice.
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[DateMention] = []
    for mention in found:
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen


def _is_range(text: str, language: str, first: DateMention, second: DateMention) -> bool:
    if first.weekday is not None or second.weekday is not None:
        return False
    between = text[first.end : second.start]
    if len(between) > 12:
        return False
    if language == "kk":
        if RANGE_BETWEEN["kk"].match(between) and KK_RANGE_AFTER.match(text[second.end : second.end + 20]):
            return True
        ablative = KK_ABLATIVE_END.search(text[first.start : first.end])
        return bool(ablative) and not between.strip() and bool(KK_RANGE_AFTER.match(text[second.end : second.end + 20]))
    before = text[max(0, first.start - 12) : first.start]
    return bool(RANGE_BETWEEN[language].match(between) and RANGE_BEFORE[language].search(before))


KK_YEAR_OF = re.compile(r"жыл(?:дың|ғы)$", re.IGNORECASE)
# "во вторник, 9 марта", "on Friday, March 3": a weekday right before a date is that date.
WEEKDAY_BEFORE_DATE = re.compile(r"^\s*,?\s*$")
# "June 12 – this year", "12 июня этого года": a year right after a yearless date is its year.
YEAR_AFTER_DATE = re.compile(r"^\s*(?:[-–—,]\s*)?$")
# "екі мың жиырма бірінші жылы Нұр-Сұлтан қаласында маусым айында": a year and then, a few
# words on in the same clause, a month without one.
KK_WORDS_BETWEEN_YEAR_AND_DATE = re.compile(r"^\s+(?:[^\W\d_][\w-]*\s+){1,3}$")


def _whole_year(mention: DateMention) -> int | None:
    window = mention.fixed
    if window and (window.earliest.month, window.earliest.day, window.latest.month, window.latest.day) == (
        1,
        1,
        12,
        31,
    ):
        return window.earliest.year if window.earliest.year == window.latest.year else None
    return None


def _join_year_to_date(text: str, language: str, mentions: list[DateMention]) -> list[DateMention]:
    """The year next to a date without one is its year; a weekday next to a date is that date.

    "екі мың он бесінші жылдың жиырма сегізінші қыркүйегінде", "в декабре прошлого года",
    "in December last year", "былтыр қазан айы", "во вторник, 9 марта".
    """
    joined: list[DateMention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if previous is None:
            joined.append(mention)
            continue
        between = text[previous.end : mention.start]
        if previous.weekday is not None and (mention.fixed or mention.yearless) and WEEKDAY_BEFORE_DATE.match(between):
            mention.start = previous.start
            joined[-1] = mention
            continue
        year = _whole_year(mention)
        if previous.yearless and year is not None and YEAR_AFTER_DATE.match(between):
            previous.fixed = previous.yearless(year)
            previous.yearless, previous.end = None, mention.end
            continue
        if previous.fixed and mention.yearless and _whole_year(previous) is not None and _year_then_date(
            text, language, previous, between
        ):
            mention.fixed = mention.yearless(previous.fixed.earliest.year)
            mention.yearless, mention.start = None, previous.start
            joined[-1] = mention
            continue
        joined.append(mention)
    return joined


def _year_then_date(text: str, language: str, year: DateMention, between: str) -> bool:
    if not between.strip():
        return True
    return (
        language == "kk"
        and KK_YEAR_OF.search(text[year.start : year.end]) is None
        and KK_WORDS_BETWEEN_YEAR_AND_DATE.match(between) is not None
    )


def find_dates(
    text: str, language: str, published: datetime.date, tense_at: TenseAt, triggers: Set[str] | None = None
) -> list[DateMention]:
    """Date mentions of `text` with their windows; `tense_at(offset)` gives the tense there.

    `triggers` are the kinds of date phrase the sentence may hold (date_patterns.triggers_in),
    when the caller has read them already."""
    mentions = _join_year_to_date(text, language, _candidates(text, language, published, triggers))
    resolved: list[DateMention] = []
    for mention in mentions:
        # Only a date without a year or a bare weekday needs the tense to be placed.
        if mention.fixed is not None:
            mention.window = mention.fixed
        elif mention.yearless is not None:
            tense = mention.forced_tense or tense_at(mention.start)
            mention.window = windows.place_in_year(mention.yearless, published, tense)
        elif mention.weekday is not None:
            tense = mention.forced_tense or tense_at(mention.start)
            mention.window = windows.weekday_window(published, mention.weekday, tense)
        resolved.append(mention)
    result: list[DateMention] = []
    for mention in resolved:
        previous = result[-1] if result else None
        if previous and previous.window and mention.window and _is_range(text, language, previous, mention):
            earliest = previous.window.earliest
            if earliest > mention.window.latest:
                try:
                    earliest = earliest.replace(year=earliest.year - 1)
                except ValueError:
                    earliest = earliest.replace(year=earliest.year - 1, day=28)
            result[-1] = DateMention(previous.start, mention.end, window=Window(earliest, mention.window.latest))
            continue
        result.append(mention)
    return [m for m in result if m.window is not None]
