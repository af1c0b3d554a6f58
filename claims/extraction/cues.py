"""A first look at a sentence: may it hold a number, and which kinds of date phrase may it hold.

Read once per sentence, before any stage scans it, so that the many sentences with no digit,
no number word and no date word cost one split and a few dictionary look-ups. The patterns
that decide (numerals.NUMBER_STARTS, date_patterns.WORD_STARTS, the four-digit year) never
match across whitespace and look only one character behind, which is whitespace at the start
of a chunk, so what they find in a sentence is what they find in its whitespace-separated
chunks one by one. Chunks recur from article to article ("жылы", "мың", "2023"), so each
chunk is read once and remembered.
"""

from __future__ import annotations

from dataclasses import dataclass

from .checkworthiness import mentions_casualties
from .date_patterns import date_kinds
from .numerals import NUMBER_WORD_STARTS, NUMERAL_READERS
from .speakers import may_credit
from .tokens import lowered

# Enough for the vocabulary of a newsroom's stream; past it the memory is dropped and refilled.
REMEMBERED_CHUNKS = 200_000
NO_KINDS: frozenset[str] = frozenset()


@dataclass(slots=True)  # not frozen: built per sentence, and frozen costs several times as much
class Cues:
    """What a sentence may hold, judged from its chunks."""

    numbers: bool  # a digit, or a word that reads as a numeral
    date_kinds: frozenset[str]  # the kinds of date phrase (date_patterns.TRIGGER_KINDS, "digit")
    casualties: bool  # checkworthiness.mentions_casualties
    credited: bool  # a Kazakh credit marker may start in it (speakers.may_credit); always so in ru/en


_ChunkCues = tuple[bool, frozenset[str], bool, bool]  # numbers, date kinds, casualties, credited


class _Memory:
    """The chunks read so far in one language: all of them, and what the telling ones hold."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.telling: dict[str, _ChunkCues] = {}
        self.telling_chunks: set[str] = set()

    def learn(self, chunks: set[str], language: str) -> None:
        # What a chunk tells is stored before the chunk counts as seen, so a reader in another
        # thread never meets a seen, telling chunk it cannot look up.
        for chunk in chunks:
            found = _read_chunk(chunk, language)
            if found[0] or found[1] or found[2] or found[3]:
                self.telling[chunk] = found
                self.telling_chunks.add(chunk)
        self.seen |= chunks


_MEMORY = {language: _Memory() for language in ("kk", "ru", "en")}


def _read_chunk(chunk: str, language: str) -> _ChunkCues:
    if any("0" <= ch <= "9" for ch in chunk):
        numbers = True
    else:
        read = NUMERAL_READERS[language]
        numbers = any(read(word) is not None for word in NUMBER_WORD_STARTS[language].findall(lowered(chunk)))
    return numbers, date_kinds(chunk, language), mentions_casualties(chunk, language), may_credit(chunk, language)


def cues_of(text: str, language: str) -> Cues:
    memory = _MEMORY[language]
    if len(memory.seen) > REMEMBERED_CHUNKS:
        # A fresh memory rather than emptying this one, which another thread may be reading.
        memory = _MEMORY[language] = _Memory()
    chunks = text.split()
    # Set operations in C: most sentences hold only chunks seen before, most of which tell nothing.
    if not memory.seen.issuperset(chunks):
        memory.learn(set(chunks) - memory.seen, language)
    if memory.telling_chunks.isdisjoint(chunks):
        return Cues(False, NO_KINDS, False, language != "kk")
    numbers = casualties = False
    credited = language != "kk"
    kinds: frozenset[str] = NO_KINDS
    for chunk in memory.telling_chunks.intersection(chunks):
        found = memory.telling[chunk]
        numbers = numbers or found[0]
        if found[1]:
            kinds = kinds | found[1]
        casualties = casualties or found[2]
        credited = credited or found[3]
    return Cues(numbers, kinds, casualties, credited)
