"""Whether a sentence (or the quote holding a date) speaks of the past or of what will happen."""

from __future__ import annotations

import re

from . import words_en, words_kk, words_ru

Tense = str | None  # "future" | "past" | None
FUTURE = {"kk": words_kk.FUTURE, "ru": words_ru.FUTURE, "en": words_en.FUTURE}
PAST = {"kk": words_kk.PAST, "ru": words_ru.PAST, "en": words_en.PAST}
LAST_WORDS = re.compile(r"(?:\w+\W*){1,3}$")
# The final predicate decides in Kazakh (the verb comes last); these only report.
KK_REPORTING = re.compile(r"(?:,?\s*[-–—]?\s*(?:деді|делінген|деп\s+\w+|хабарлады|мәлімдеді)\W*)+$")


def tense_of(segment: str, language: str) -> Tense:
    segment = segment[-2000:]
    if language == "kk":
        tail_source = KK_REPORTING.sub("", segment.rstrip(' .!?»"”')) or segment
        tail_match = LAST_WORDS.search(tail_source[-200:])
        tail = tail_match.group() if tail_match else ""
        if FUTURE["kk"].search(tail):
            return "future"
        if PAST["kk"].search(tail):
            return "past"
    if FUTURE[language].search(segment):
        return "future"
    if PAST[language].search(segment):
        return "past"
    return None
