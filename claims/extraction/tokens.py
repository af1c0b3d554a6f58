"""The token layer: a sentence cut once into digit runs, letter runs and other characters,
with offsets, and for each word its analysis (stem and endings) in the sentence's language.

Every stage that reads words after the first scan (numbers, comparators, tense) reads them
here rather than scanning the sentence again with patterns of its own.
"""

from __future__ import annotations

import bisect
import re

from .morphology import analyse
from .morphology_kk import NounForm

TOKEN = re.compile(r"[0-9]+|[^\W\d_]+|\S")
DASHES = frozenset("-–—")
THIN_SPACES = frozenset({" ", "\u00a0", "\u202f", "\u2009"})


class Tokens:
    """A sentence cut into digit runs, letter runs and single other characters, with offsets."""

    def __init__(self, text: str, language: str = "en") -> None:
        self.text = text
        self.language = language
        matches = list(TOKEN.finditer(text))
        self.words = [m.group() for m in matches]
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def __len__(self) -> int:
        return len(self.words)

    def glued(self, i: int) -> bool:
        """Token i touches token i-1."""
        return 0 < i < len(self.words) and self.ends[i - 1] == self.starts[i]

    def spaced(self, i: int) -> bool:
        """Token i follows token i-1 after a single space of any width."""
        return 0 < i < len(self.words) and self.text[self.ends[i - 1] : self.starts[i]] in THIN_SPACES

    def is_digits(self, i: int) -> bool:
        return 0 <= i < len(self.words) and self.words[i].isascii() and self.words[i].isdigit()

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.words) and self.words[i].isalpha()

    def lower(self, i: int) -> str:
        return self.words[i].lower() if 0 <= i < len(self.words) else ""

    def analysis(self, i: int) -> NounForm:
        """Stem and endings of word i (cached per word form, so a repeated word costs a lookup)."""
        return analyse(self.words[i], self.language)

    def at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def skip_aside(self, i: int, longest: int = 8) -> int:
        """Past a short parenthesised aside at token i ("400-ге (жу) жуық"), else i itself."""
        if i < len(self.words) and self.words[i] == "(":
            close = self.text.find(")", self.starts[i])
            if 0 < close - self.starts[i] <= longest:
                return self.at(close + 1)
        return i
