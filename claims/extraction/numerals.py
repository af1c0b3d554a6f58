"""Number words of each language as (value, role) for the number scanner.

Roles: "unit" and "ten" are summed, "hundred" multiplies what precedes it, "scale"
(thousand, million, ...) closes a group, "half" adds or multiplies by one half.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import words_en, words_kk, words_ru

KK_NOUN_ENDINGS = words_kk.NUMERAL_ENDINGS | words_kk.NOUN_ENDINGS


@dataclass(frozen=True, slots=True)
class Numeral:
    value: float
    role: str  # unit | ten | hundred | hundreds | scale | half_after | half_before | zero
    ordinal: bool = False
    ending: str = ""


def _kk_stems() -> dict[str, list[tuple[str, Numeral]]]:
    stems: dict[str, Numeral] = {}
    stems.update({w: Numeral(v, "unit") for w, v in words_kk.UNITS.items()})
    stems.update({w: Numeral(v, "unit") for w, v in words_kk.COLLECTIVES.items()})
    stems.update({w: Numeral(v, "ten") for w, v in words_kk.TENS.items()})
    stems.update({w: Numeral(v, "hundred" if v == 100 else "scale") for w, v in words_kk.SCALES.items()})
    stems.update({w: Numeral(v, "zero") for w, v in words_kk.ZERO.items()})
    stems["қырқ"] = Numeral(40, "ten")  # "қырқыншы", the ordinal drops the final vowel
    by_prefix: dict[str, list[tuple[str, Numeral]]] = {}
    for stem in sorted(stems, key=len, reverse=True):
        by_prefix.setdefault(stem[:2], []).append((stem, stems[stem]))
    return by_prefix


KK_STEMS = _kk_stems()


def kk_stem_rest(word: str, stem: str, endings: frozenset[str] = KK_NOUN_ENDINGS) -> str | None:
    """The ending after `stem` if `word` is `stem` plus a Kazakh case/possessive ending."""
    if not word.startswith(stem):
        return None
    rest = word[len(stem) :]
    return rest if rest in endings else None


@lru_cache(maxsize=4096)
def kk_numeral(word: str) -> Numeral | None:
    lw = word.lower()
    if lw in words_kk.NOT_NUMERALS:
        return None
    if lw == words_kk.HALF_AFTER:
        return Numeral(0.5, "half_after")
    if lw == words_kk.HALF_BEFORE:
        return Numeral(0.5, "half_before")
    for stem, numeral in KK_STEMS.get(lw[:2], ()):
        rest = kk_stem_rest(lw, stem, words_kk.NUMERAL_ENDINGS)
        if rest is None:
            continue
        if stem == "қырқ" and not words_kk.ORDINAL_ENDING.match(rest):
            continue
        ordinal = bool(rest) and words_kk.ORDINAL_ENDING.match(rest) is not None
        # "бір" alone is as often the article "a" as the figure one.
        role = "one" if stem == "бір" and not ordinal else numeral.role
        return Numeral(numeral.value, role, ordinal, rest)
    return None


@lru_cache(maxsize=4096)
def ru_numeral(word: str) -> Numeral | None:
    lw = word.lower()
    if lw in words_ru.NUMBER_WORDS:
        value = words_ru.NUMBER_WORDS[lw]
        role = "hundreds" if value >= 100 else ("ten" if value >= 10 and value % 10 == 0 else "unit")
        if 10 < value < 20:
            role = "ten"
        return Numeral(value, role)
    found = words_ru.SCALE_WORD.match(lw)
    if found:
        return Numeral(words_ru.SCALES[found.group(1)], "scale")
    if words_ru.HALF.match(lw):
        return Numeral(1.5, "unit")
    if lw in words_ru.ONE:
        return Numeral(1, "one")
    return None


@lru_cache(maxsize=4096)
def en_numeral(word: str) -> Numeral | None:
    lw = word.lower()
    if lw in words_en.NUMBER_WORDS:
        value = words_en.NUMBER_WORDS[lw]
        if lw == "hundred":
            return Numeral(100, "hundred")
        return Numeral(value, "ten" if value >= 10 else "unit")
    if lw in words_en.SCALES:
        return Numeral(words_en.SCALES[lw], "scale")
    if lw in words_en.ONE:
        return Numeral(1, "one")
    return None


NUMERAL_READERS = {"kk": kk_numeral, "ru": ru_numeral, "en": en_numeral}


def _word_starts(words: set[str]) -> str:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    first_letters = re.escape("".join(sorted({w[0] for w in words})))
    # Matched against the lowercased sentence: a case-sensitive search is about twice as fast, and
    # the look-ahead on first letters spares the alternation at most positions.
    return rf"(?<![^\W\d_])(?=[{first_letters}])(?:{alternatives})"


def _candidates(words: set[str]) -> re.Pattern[str]:
    return re.compile(rf"[0-9]+|{_word_starts(words)}")


# Where a number can start: digits, or the first letters of a number word. The scanner
# looks only there, so text without numbers costs one regex pass.
NUMBER_WORDS = {
    "kk": {stem for group in KK_STEMS.values() for stem, _ in group} | {"жарым", "жарты"},
    "ru": set(words_ru.NUMBER_WORDS) | set(words_ru.SCALES) | set(words_ru.ONE) | {"полутор"},
    "en": set(words_en.NUMBER_WORDS) | set(words_en.SCALES) | set(words_en.ONE),
}
NUMBER_STARTS = {language: _candidates(words) for language, words in NUMBER_WORDS.items()}
# The whole lowercased word at each place where a number word can start, for reading it.
NUMBER_WORD_STARTS = {
    language: re.compile(rf"{_word_starts(words)}[^\W\d_]*") for language, words in NUMBER_WORDS.items()
}


class NumberBuilder:
    """Adds numerals left to right ("екі жүз қырық мың" = 240 000); refuses what cannot follow."""

    def __init__(self) -> None:
        self.total = 0.0
        self.current = 0.0
        self.last_scale = float("inf")
        self.count = 0

    @property
    def value(self) -> float:
        return self.total + self.current

    def add(self, numeral: Numeral) -> bool:
        current, v = self.current, numeral.value
        if numeral.role in ("unit", "one", "zero"):
            if current and (current % 10 or (v >= 1 and current < 10)):
                return False
            if numeral.role == "zero" and self.count:
                return False
            self.current = current + v
        elif numeral.role == "ten":
            if current % 100:
                return False
            self.current = current + v
        elif numeral.role == "hundreds":  # "триста", "двести": a whole hundreds word
            if current:
                return False
            self.current = v
        elif numeral.role == "hundred":
            if current >= 10:
                return False
            self.current = (current or 1) * 100
        elif numeral.role == "scale":
            if numeral.value >= self.last_scale:
                return False
            self.total += (current or 1) * numeral.value
            self.current = 0
            self.last_scale = numeral.value
        elif numeral.role == "half_after":
            if not current or current % 1:
                return False
            self.current = current + 0.5
        elif numeral.role == "half_before":
            if self.count:
                return False
            self.current = 0.5
        self.count += 1
        return True
