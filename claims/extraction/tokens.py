"""The token layer: a sentence cut once into digit runs, letter runs and other characters,
with offsets, and for each word its analysis (stem and endings) in the sentence's language.

Every stage that reads words after the first scan (numbers, comparators, tense) reads them
here rather than scanning the sentence again with patterns of its own.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from .morphology import analyse
from .morphology_kk import NounForm

TOKEN = re.compile(r"[0-9]+|[^\W\d_]+|\S")
DASHES = frozenset("-–—")
THIN_SPACES = frozenset({" ", "\u00a0", "\u202f", "\u2009"})
# Chunks (the text between whitespace) that are one token each, remembered: most are ("мың", "2023").
REMEMBERED_CHUNKS = 200_000
_ONE_TOKEN: set[str] = set()
_SEVERAL: set[str] = set()


def lowered(text: str) -> str:
    """`text` lowercased with every character where it was, so offsets into one hold in the other."""
    low = text.lower()
    if len(low) != len(text):  # a few letters ("İ") lowercase to two characters
        low = "".join(ch.lower()[:1] or ch for ch in text)
    return low


def _offsets(text: str, words: list[str]) -> tuple[list[int], list[int]]:
    """Where each token starts and ends. Only whitespace lies between tokens and no token holds
    any, so each one is the first occurrence of its text after the previous one; finding them so
    costs less than a match object per token."""
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for word in words:
        start = text.find(word, cursor)
        cursor = start + len(word)
        starts.append(start)
        ends.append(cursor)
    return starts, ends


def _tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens with where each starts and ends.

    No token holds whitespace and TOKEN looks neither behind nor ahead, so when every chunk
    between whitespace is one token and single spaces part them (text cut into words already),
    the chunks are the tokens and their offsets follow from their lengths."""
    chunks = text.split()
    if chunks and " ".join(chunks) == text and _SEVERAL.isdisjoint(chunks):
        if not _ONE_TOKEN.issuperset(chunks) and not _all_one_token(chunks):
            words = TOKEN.findall(text)
            return (words, *_offsets(text, words))
        starts = list(accumulate([len(chunk) + 1 for chunk in chunks[:-1]], initial=0))
        return chunks, starts, [at + len(chunk) for at, chunk in zip(starts, chunks, strict=True)]
    words = TOKEN.findall(text)
    return (words, *_offsets(text, words))


def _all_one_token(chunks: list[str]) -> bool:
    if len(_ONE_TOKEN) + len(_SEVERAL) > REMEMBERED_CHUNKS:
        _ONE_TOKEN.clear()
        _SEVERAL.clear()
    every = True
    for chunk in set(chunks).difference(_ONE_TOKEN):
        if len(TOKEN.findall(chunk)) == 1:
            _ONE_TOKEN.add(chunk)
        else:
            _SEVERAL.add(chunk)
            every = False
    return every


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
