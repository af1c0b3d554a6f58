"""Sentences with their character offsets in the article.

Lines are split first (headlines and paragraphs often end without a full stop), then each
line at sentence-final punctuation, but never inside a quote and never after an
abbreviation that ends in a dot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# A quote longer than this is more likely an unclosed mark than a real quotation.
# One level of quotes inside a quote: «… «Бақытты отбасы» бағдарламасы …».
QUOTE = re.compile(
    r"«(?:[^«»\n]|«[^«»\n]{0,200}»){0,1500}»|“[^“”\n]{0,1500}”|„[^„“”\n]{0,1500}[“”]|\"[^\"\n]{0,1500}\""
)
BOUNDARY = re.compile(r"[.!?…]+[\"»”“']?(?=\s+[\"«„“(\-–—]?\s*[0-9A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
# What every BOUNDARY holds, found several times faster: where it is absent, the line is one sentence.
MAY_END = re.compile(r"[.!?…][\"»”“']?\s")
WORD_BEFORE_DOT = re.compile(r"([^\s(«\"“„]+)\.$")


def _abbreviations(*groups: str) -> frozenset[str]:
    return frozenset(word for group in groups for word in group.split())


# Words that end in a dot without ending the sentence, lowercased, without their last dot.
ABBREVIATIONS = _abbreviations(
    "ж жж млн млрд трлн т.б т.с.с б.з.д бб тг ш км см мм",  # kk
    "г гг тыс руб долл т.е т.д т.п им ул обл р ст с н.э проф акад др пр",  # ru
    "u.n u.s u.k e.u mr mrs ms dr prof st no vs etc e.g i.e inc ltd co corp",  # en
    "gen sen rep gov jan feb mar apr jun jul aug sep sept oct nov dec approx est a.m p.m",
)


# Not frozen: one is built per sentence and a frozen dataclass costs several times as much to build.
@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str


def _is_abbreviation(line: str, dot_at: int) -> bool:
    found = WORD_BEFORE_DOT.search(line, max(0, dot_at - 30), dot_at + 1)
    if not found:
        return False
    word = found.group(1).lower()
    # A single capital before a dot is an initial ("А. Смаилов"), not the end of a sentence.
    return word in ABBREVIATIONS or (len(word) == 1 and found.group(1).isupper())


def _split_line(line: str) -> list[tuple[int, str]]:
    """The pieces of one line, each with where it starts in the line."""
    boundaries = list(BOUNDARY.finditer(line)) if MAY_END.search(line) else []
    if not boundaries:
        return [(0, line)]
    quoted = [m.span() for m in QUOTE.finditer(line)]
    pieces: list[tuple[int, str]] = []
    start = 0
    q = 0
    for match in boundaries:
        end = match.end()
        while q < len(quoted) and quoted[q][1] <= match.start():
            q += 1
        if q < len(quoted) and quoted[q][0] < match.start() and end < quoted[q][1]:
            continue
        if line[match.start()] == "." and _is_abbreviation(line, match.start()):
            continue
        pieces.append((start, line[start:end]))
        start = end
    pieces.append((start, line[start:]))
    return pieces


def _lines(text: str) -> list[tuple[int, str]]:
    if "\n" in text or "\r" in text or "\u2028" in text or "\u2029" in text:
        return [(m.start(), m.group()) for m in LINE.finditer(text)]
    return [(0, text)] if text else []  # one line: what LINE would find, without the search


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`, stripped of surrounding whitespace, with `text[start:end] == text`."""
    sentences: list[Sentence] = []
    for offset, line in _lines(text):
        for at, piece in _split_line(line):
            stripped = piece.strip()
            if not stripped:
                continue
            start = offset + at
            if len(stripped) != len(piece):
                start += len(piece) - len(piece.lstrip())
            sentences.append(Sentence(start, start + len(stripped), stripped))
    return sentences
