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
# Chunks (the text between whitespace) recur from sentence to sentence; each is cut once.
REMEMBERED_CHUNKS = 200_000
_CUTS: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}


def _cut(chunk: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The tokens of one chunk and where each starts in it."""
    words = tuple(TOKEN.findall(chunk))
    starts: list[int] = []
    cursor = 0
    for word in words:
        start = chunk.find(word, cursor)
        cursor = start + len(word)
        starts.append(start)
    return words, tuple(starts)


def _tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens with where each starts and ends. No token holds whitespace and TOKEN looks neither
    behind nor ahead, so the tokens of a text are those of its whitespace-separated chunks."""
    if len(_CUTS) > REMEMBERED_CHUNKS:
        _CUTS.clear()
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for chunk in text.split():
        at = text.find(chunk, cursor)
        cursor = at + len(chunk)
        cut = _CUTS.get(chunk)
        if cut is None:
            cut = _CUTS[chunk] = _cut(chunk)
        if len(cut[0]) == 1:
            words.append(chunk)
            starts.append(at)
            ends.append(cursor)
            continue
        for word, start in zip(cut[0], cut[1], strict=True):
            words.append(word)
            starts.append(at + start)
            ends.append(at + start + len(word))
    return words, starts, ends


class Tokens:
    """A sentence cut into digit runs, letter runs and single other characters, with offsets."""

    def __init__(self, text: str, language: str = "en") -> None:
        self.text = text
        self.language = language
        self.words, self.starts, self.ends = _tokens(text)

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
