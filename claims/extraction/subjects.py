"""The counted thing after a number, as written: "340 бейбіт тұрғын" -> "бейбіт тұрғын"."""

from __future__ import annotations

import re

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
EN_VERBS = re.compile(r"^(?:were|was|are|is|have|has|had|will|would|could|may|might|did|do|does|\w+ed)$", re.I)


def subject_after(text: str, at: int, language: str) -> str | None:
    """Up to two words after the number, skipping bound words, stopping at punctuation."""
    words: list[str] = []
    position = at
    for _ in range(4):
        found = WORD.match(text, position)
        if not found:
            break
        word = found.group(1)
        position = found.end()
        if not words and word.lower() in LEADING[language]:
            continue
        if word.lower() in SKIP[language] or (language == "en" and EN_VERBS.match(word)):
            break
        words.append(word)
        if len(words) == 2:
            break
    return " ".join(words) or None
