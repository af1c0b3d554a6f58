"""Tokens of a sentence for the number scanner: runs of digits, runs of letters, other characters."""

from __future__ import annotations

import re

TOKEN = re.compile(r"[0-9]+|[^\W\d_]+|\S")
DASHES = frozenset("-–—")
THIN_SPACES = frozenset({" ", "\u00a0", "\u202f", "\u2009"})


class Tokens:
    """A sentence cut into digit runs, letter runs and single other characters, with offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
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
