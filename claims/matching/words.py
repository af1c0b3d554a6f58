"""Words of a claim for the lexical side of matching: stems and names, in one Latin spelling."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .translit import latin_key

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
# Where a new clause starts, a capital letter says nothing about a name.
_CLAUSE_START = re.compile(r"(?:^|[.!?:;«»\"“”„()—–-])\s*$")
# Stems this long survive case endings (Алматыда/Алматы, Kazakhstan's/Kazakhstan).
STEM = 5
_SHORT = 3


@dataclass(frozen=True)
class Words:
    stems: frozenset[str]
    names: frozenset[str]         # latin keys of capitalised words inside a clause
    capitalised: frozenset[str]   # latin keys of every capitalised word (places start sentences too)
    count: int


def stem_of(word: str) -> str:
    return latin_key(word)[:STEM]


def words_of(text: str) -> Words:
    stems: set[str] = set()
    names: set[str] = set()
    capitalised: set[str] = set()
    count = 0
    for m in _WORD.finditer(text):
        word = m.group()
        count += 1
        key = latin_key(word)
        if word[0].isupper() or word.isupper():
            capitalised.add(key)
            if not _CLAUSE_START.search(text[max(0, m.start() - 3): m.start()]):
                names.add(key)
        if len(key) < _SHORT:
            continue
        stems.add(key[:STEM])
    return Words(frozenset(stems), frozenset(names), frozenset(capitalised), count)


def same_name(a: str, b: str) -> bool:
    """Two name keys are one name when they share a stem (inflection, transliteration)."""
    n = min(len(a), len(b), 4)
    return a[:n] == b[:n]
