"""One interface to each language's word analyser: `analyse(word, language)` -> NounForm.

Kazakh gets the suffix analyser of morphology_kk (stem, plural, possessive, case). Russian
and English are read thinner: the stem is the word without its commonest inflection, with no
case, which is all the rules need there (verb and unit stems are matched as prefixes).
"""

from __future__ import annotations

from functools import lru_cache

from . import morphology_kk
from .morphology_kk import NounForm

_RU_ENDINGS = "ями ами ого его ому ему ыми ими ая яя ое ее ые ие ой ей ый ий ых их ым им ов ев ах ях ом ем"
_RU_ENDINGS += " а я ы и у ю е о ь"
RU_ENDINGS = tuple(sorted(_RU_ENDINGS.split(" "), key=len, reverse=True))
EN_ENDINGS = ("ies", "ing", "es", "ed", "s")
MIN_STEM = 3


@lru_cache(maxsize=16384)
def _ru(word: str) -> NounForm:
    lw = word.lower()
    for ending in RU_ENDINGS:
        if lw.endswith(ending) and len(lw) - len(ending) >= MIN_STEM:
            return NounForm(lw[: -len(ending)])
    return NounForm(lw)


@lru_cache(maxsize=16384)
def _en(word: str) -> NounForm:
    lw = word.lower()
    for ending in EN_ENDINGS:
        if lw.endswith(ending) and len(lw) - len(ending) >= MIN_STEM:
            return NounForm(lw[: -len(ending)], plural=ending in ("s", "es", "ies"))
    return NounForm(lw)


ANALYSERS = {"kk": morphology_kk.analyse, "ru": _ru, "en": _en}


def analyse(word: str, language: str) -> NounForm:
    return ANALYSERS[language](word)
