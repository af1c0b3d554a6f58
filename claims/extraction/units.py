"""Units after a number ("пайызға", "километров", "hectares") and the time units of durations."""

from __future__ import annotations

from functools import lru_cache

from . import words_en, words_kk, words_ru
from .numerals import KK_NOUN_ENDINGS, kk_stem_rest

UNIT_TABLES = {"kk": words_kk.UNIT_WORDS, "ru": words_ru.UNIT_WORDS, "en": words_en.UNIT_WORDS}
TIME_UNIT_TABLES = {"kk": words_kk.TIME_UNITS, "ru": words_ru.TIME_UNITS, "en": words_en.TIME_UNITS}


@lru_cache(maxsize=16384)
def unit_of(word: str, language: str) -> tuple[str, str] | None:
    """(unit, ending) when `word` names a unit: "пайызға" -> ("percent", "ға")."""
    lw = word.lower()
    for stem, unit in UNIT_TABLES[language].items():
        if " " in stem or not lw.startswith(stem):
            continue
        rest = lw[len(stem) :]
        if language == "kk" and rest in KK_NOUN_ENDINGS:
            return unit, rest
        if language == "ru" and len(rest) <= 4:
            return unit, ""
        if language == "en" and rest in ("", "s", "es"):
            return unit, ""
    return None


@lru_cache(maxsize=16384)
def is_time_unit(word: str, language: str) -> bool:
    lw = word.lower()
    for stem in TIME_UNIT_TABLES[language]:
        if language == "kk":
            if kk_stem_rest(lw, stem) is not None and lw != "айлық":
                return True
        elif lw.startswith(stem) and len(lw) - len(stem) <= 4:
            return True
    return False
