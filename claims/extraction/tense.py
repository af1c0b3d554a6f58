"""Whether a sentence (or the quote holding a date) speaks of the past or of what will happen.

Marker words are matched as whole words; verb endings are checked word by word with
`str.endswith`, which keeps the cost linear in the sentence length.
"""

from __future__ import annotations

import re
from types import ModuleType

from . import words_en, words_kk, words_ru

WORD = re.compile(r"\w+")
LANGUAGE_WORDS: dict[str, ModuleType] = {"kk": words_kk, "ru": words_ru, "en": words_en}
# Endings are only trusted on words long enough to have a stem before them.
MIN_INFLECTED_LENGTH = 4
# The final predicate decides in Kazakh (the verb comes last); these only report.
KK_AUXILIARIES = frozenset({"отыр", "жатыр", "тұр", "жүр"})
KK_REPORTING = frozenset({"деді", "делінген", "деп", "хабарлады", "мәлімдеді", "айтты"})
# After a past participle ("алынған еді", "барған болатын") these make a past perfect.
KK_PAST_AUXILIARIES = frozenset({"еді", "болатын", "болған", "екен"})
KK_PAST_PARTICIPLE = ("ған", "ген", "қан", "кен", "ып", "іп", "п")


def _has_ending(words: list[str], endings: tuple[str, ...], exceptions: frozenset[str] = frozenset()) -> bool:
    return bool(endings) and any(
        len(w) >= MIN_INFLECTED_LENGTH and w.endswith(endings) and w not in exceptions for w in words
    )


def kk_verb_tense(word: str) -> str | None:
    """Tense of a Kazakh final verb from its ending alone: future, past, undecided or None."""
    if len(word) < MIN_INFLECTED_LENGTH:
        return None
    if word in words_kk.KNOWN_PAST:
        return "past"
    if word in words_kk.KNOWN_FUTURE:
        return "future"
    if word.endswith(words_kk.STRONG_FUTURE_ENDINGS):
        return "future"
    if word.endswith(words_kk.AMBIGUOUS_ENDINGS):
        return "past" if len(word) > 4 and word[-5] not in words_kk.VOWELS else "undecided"
    if word.endswith(words_kk.PLAIN_FUTURE_ENDINGS):
        return "future"
    if word.endswith(words_kk.PAST_ENDINGS):
        return "past"
    return None


def _tense(segment: str, words: list[str], table: ModuleType) -> str | None:
    if table.FUTURE_WORDS.search(segment) or _has_ending(words, table.FUTURE_ENDINGS):
        return "future"
    if table.PAST_WORDS.search(segment) or _has_ending(words, table.PAST_ENDINGS, table.NOT_PAST):
        return "past"
    return None


def tense_of(segment: str, language: str) -> str | None:
    table = LANGUAGE_WORDS[language]
    words = WORD.findall(segment.lower())
    if language == "kk":
        return _kk_tense(segment, words)
    return _tense(segment, words, table)


def _kk_tense(segment: str, words: list[str]) -> str | None:
    # Kazakh puts the verb last, maybe followed by an auxiliary ("жоспарлап отыр"); words before
    # it ending in "-ды/-ті" are as often accusative nouns ("экспорттауды") and are not read.
    last = words[-6:]
    predicate = [w for w in last if w not in KK_REPORTING]
    if len(predicate) > 1 and predicate[-1] in KK_PAST_AUXILIARIES and predicate[-2].endswith(KK_PAST_PARTICIPLE):
        return "past"
    if predicate:
        if words_kk.FUTURE_WORDS.search(" ".join(predicate[-2:])):
            return "future"
        tense = kk_verb_tense(predicate[-1])
        if tense is None and predicate[-1] in KK_AUXILIARIES and len(predicate) > 1:
            tense = kk_verb_tense(predicate[-2])
        if tense:
            return None if tense == "undecided" else tense
    if any(w in KK_REPORTING for w in last):
        return "past"  # "министр мәлімдеді": the reporting verb is the predicate
    return "future" if words_kk.FUTURE_WORDS.search(segment) else None
