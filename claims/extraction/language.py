"""Which of our three languages a sentence is in.

Letters only Kazakh has settle most sentences for free; Latin-only text can only be English
among kk/ru/en; Cyrillic with function words of one language only is that language; the
rest goes to lingua, built once for kk, ru and en only because loading all of its models
costs seconds and hundreds of megabytes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

LANGUAGES = ("kk", "ru", "en")
KAZAKH_ONLY_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
LATIN = re.compile(r"[a-zA-Z]")
# Russian words Kazakh never writes, and Kazakh words without a Kazakh-only letter that Russian
# never writes: with no Kazakh-only letter, one side's words and none of the other's settle it.
RUSSIAN_WORDS = re.compile(
    r"(?<![а-яё])(?:в|во|на|и|что|по|с|со|для|из|от|до|за|к|о|об|при|как|это|года|году|также|или)(?![а-яё])",
    re.IGNORECASE,
)
KAZAKH_WORDS = re.compile(
    r"(?<![а-яё])(?:мен|пен|бен|емес|деп|деді|осы|бар|жоқ|ма|ме|екен|немесе|алайда|жылы|жыл|бойынша|болды|адам)"
    r"(?![а-яё])",
    re.IGNORECASE,
)
# Detecting on a prefix is enough and keeps a pathological one-sentence megabyte cheap.
DETECTION_PREFIX = 600


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH).build()


def detect_language(text: str) -> str | None:
    """The language code of `text`, or None when it has no letters to judge by."""
    if KAZAKH_ONLY_LETTERS.search(text):
        return "kk"
    has_cyrillic = CYRILLIC.search(text) is not None
    if not has_cyrillic:
        return "en" if LATIN.search(text) else None
    prefix = text[:DETECTION_PREFIX]
    russian, kazakh = RUSSIAN_WORDS.search(prefix) is not None, KAZAKH_WORDS.search(prefix) is not None
    if russian != kazakh:
        return "ru" if russian else "kk"
    from lingua import Language

    found = _detector().detect_language_of(text[:DETECTION_PREFIX])
    if found is None:
        return "ru"
    return {Language.KAZAKH: "kk", Language.RUSSIAN: "ru", Language.ENGLISH: "en"}.get(found, "ru")
