"""Numbers in a sentence: digits, separators, multipliers, number words, Kazakh endings.

Each mention says what kind of number it is; only `count` mentions become quantities.
Numbers inside names and codes (ЭКСПО-2017, COVID-19, G20, Boeing 737), years, ordinals,
durations ("екі апта"), clock times and phone numbers are kept apart so they never do.
The scanner walks the tokens and hands each place where a number starts to its readers:
number_digits, number_words and number_after (number_scan says what they share).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .number_after import AfterNumber
from .number_digits import DigitsReader
from .number_names import NameReader
from .number_scan import NumberMention
from .number_words import WordsReader
from .numerals import NUMBER_STARTS, NUMERAL_READERS
from .tokens import Tokens, lowered

__all__ = ["NumberMention", "find_numbers"]


class _Scanner(DigitsReader, WordsReader, AfterNumber):
    """The number mentions of one sentence."""

    def __init__(
        self, text: str, language: str, blocked: list[tuple[int, int]], tokens: Tokens | None = None
    ) -> None:
        self.t = tokens if tokens is not None else Tokens(text, language)
        self.text = text
        self.language = language
        self.read_numeral = NUMERAL_READERS[language]
        self.free = self._free_tokens(blocked)
        self.names = NameReader(self.t, language, self.free)

    def _free_tokens(self, blocked: list[tuple[int, int]]) -> list[bool]:
        free = [True] * len(self.t)
        if not blocked:
            return free
        # A token is blocked when a span holds its start: look up each span's first token rather
        # than walk every token of the sentence.
        starts = self.t.starts
        for span_start, span_end in blocked:
            i = bisect.bisect_left(starts, span_start)
            while i < len(starts) and starts[i] < span_end:
                free[i] = False
                i += 1
        return free

    def scan(self) -> list[NumberMention]:
        """Mentions from each token where a number can start: a digit run or a word that reads as a
        numeral (every such word starts like one of NUMBER_STARTS, so no other token is one)."""
        found: list[NumberMention] = []
        free, read = self.free, self.read_numeral
        done = 0  # tokens before this index belong to a mention already read
        for i, word in enumerate(self.t.words):
            if i < done or not free[i]:
                continue
            if word.isdigit():
                if not word.isascii():
                    continue
                mention, done = self._digits(i)
                found.append(self.names.named(mention, i, done))
            elif (
                word.isalpha()
                and (numeral := read(word)) is not None
                and (numeral.role != "one" or self._one_counts(i))
            ):
                worded, done = self._words(i)
                if worded is not None:
                    found.append(self.names.named(worded, i, done))
        return found


def find_numbers(
    text: str, language: str, blocked: Sequence[tuple[int, int]] = (), tokens: Tokens | None = None
) -> list[NumberMention]:
    """All number mentions in `text` (one sentence), skipping tokens inside `blocked` spans.

    `tokens` is the sentence's token layer when the caller has built it already."""
    # Only a shortcut: the scanner finds nothing where NUMBER_STARTS finds nothing.
    if tokens is None and NUMBER_STARTS[language].search(lowered(text)) is None:
        return []
    return _Scanner(text, language, list(blocked), tokens).scan()
