"""The counted thing after a number, as written: "340 бейбіт тұрғын" -> "бейбіт тұрғын"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

WORD = re.compile(r"\s*([^\W\d_][\w-]*)")
SKIP = {
    "kk": frozenset(
        {
            "астам",
            "аса",
            "артық",
            "жуық",
            "дейін",
            "шейін",
            "шамасында",
            "кем",
            "емес",
            "аз",
            "тағы",
            "және",
            "мен",
            "деген",
        }
    ),
    "ru": frozenset({"и", "или", "а", "в", "на", "по", "с", "до", "от", "за", "из", "к", "о", "для"}),
    "en": frozenset({"of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "by", "from", "than"}),
}
LEADING = {
    "en": frozenset({"of"}),
    "ru": frozenset(),
    "kk": frozenset({"астам", "аса", "артық", "жуық", "дейін", "шейін", "шамасында"}),
}
VERB_LIKE = {
    "en": re.compile(
        r"^(?:were|was|are|is|have|has|had|will|would|could|may|might|did|do|does|\w+ed|live|lost|fell|said|says|told)$",
        re.I,
    ),
    "ru": re.compile(r"^[а-яё]{3,}(?:ли|ла|ло|лись|лся|ют|ят|ут|ет|ит|ено|ано|ены|аны|ится|ются|ется)$", re.I),
    "kk": re.compile(
        r"^[а-яәғқңөұүһі]{2,}(?:ды|ді|ты|ті|ған|ген|қан|кен|ады|еді|йды|йді|ып|іп|уда|уде|мақ|мек|пақ|пек"
        r"|ға|ге|қа|ке|да|де|та|те|дан|ден|тан|тен|нан|нен|ны|ні|ды|ді)$",
        re.I,
    ),
}


@lru_cache(maxsize=16384)
def _verb_like(word: str, language: str) -> bool:
    # Remembered per word: the Kazakh pattern backtracks through all its endings at every letter.
    return VERB_LIKE[language].match(word) is not None


def subject_after(text: str, at: int, language: str, dates: Sequence[tuple[int, int]] = ()) -> str | None:
    """Up to two words after the number, skipping bound words, stopping at punctuation, verbs and dates."""
    words: list[str] = []
    position = at
    skip, leading = SKIP[language], LEADING[language]
    for _ in range(4):
        found = WORD.match(text, position)
        if not found or (dates and any(s <= found.start(1) < e for s, e in dates)):
            break
        word = found.group(1)
        lower = word.lower()
        position = found.end()
        if not words and lower in leading:
            continue
        if lower in skip or (words and _verb_like(word, language)):
            break
        words.append(word)
        if len(words) == 2:
            break
    return " ".join(words) or None
