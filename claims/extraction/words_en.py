"""English word lists: numerals, months, units, tense and source markers."""

from __future__ import annotations

import re


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A capitalised word before a number names a model ("Boeing 737") unless it is one of these.
NOT_MODEL_NAMES = _word_set(
    """
    a an the in on at by of for and or about over some almost nearly around between from to up than only
    just another exactly roughly approximately more less fewer under all since until during after before
    with without least most some another total reached killed injured
    """
)
NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
# "one" alone is usually a pronoun ("one of the"); it counts only before a scale word.
ONE = frozenset({"one", "a"})
SCALES = {
    "thousand": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bln": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Month names must be capitalised: "may" and "march" are also a verb.
MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

UNIT_WORDS = {
    "percent": "percent",
    "per cent": "percent",
    "percentage point": "percentage_point",
    "tenge": "KZT",
    "dollar": "USD",
    "euro": "EUR",
    "rouble": "RUB",
    "ruble": "RUB",
    "tonne": "tonne",
    "ton": "tonne",
    "kilometre": "km",
    "kilometer": "km",
    "km": "km",
    "mile": "mile",
    "metre": "m",
    "meter": "m",
    "hectare": "hectare",
    "litre": "litre",
    "liter": "litre",
    "kilogram": "kg",
    "kg": "kg",
    "degree": "degree",
    "barrel": "barrel",
    "megawatt": "MW",
    "millimetre": "mm",
    "millimeter": "mm",
}
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₸": "KZT", "₽": "RUB"}
CURRENCY_CODES = frozenset({"KZT", "USD", "EUR", "RUB", "GBP", "CNY"})
TIME_UNITS = ("year", "month", "week", "day", "hour", "minute", "second", "decade", "centur")

FUTURE_WORDS = re.compile(
    r"\b(?:will|shall|won't|'ll|going\s+to|is\s+(?:scheduled|planned|expected|due|set)|"
    r"are\s+(?:scheduled|planned|expected|due|set)|plans?\s+to|could|(?-i:may)|might|expects?\s+to|"
    r"scheduled|intends?\s+to|aims?\s+to|(?:is|are)\s+to\s+\w+)\b",
    re.IGNORECASE,
)
PAST_WORDS = re.compile(
    r"\b(?:was|were|had|did|has|have|ago|took|held|met|said|fell|rose|grew|came|went|began|won|lost|saw|made"
    r"|gave|left|built|hit|spent|sent|told|brought|became|ran|paid|sold|bought|fought|struck|shot|found|led"
    r"|kept|broke|chose|drew|flew|froze|hid|knew|meant|stood|thought|wrote|spoke|drove|rode)\b",
    re.IGNORECASE,
)
PAST_ENDINGS = ("ed",)
NOT_PAST = frozenset({"need", "speed", "seed", "feed", "bed", "red", "shed", "hundred", "indeed", "united", "based"})
FUTURE_ENDINGS: tuple[str, ...] = ()
SPEECH_VERBS = r"said|says|told|added|stated|announced|noted|declared"
CASUALTY = re.compile(r"\b(?:killed|dead|died|deaths?|injured|wounded|casualt\w+|victims?)\b", re.IGNORECASE)
