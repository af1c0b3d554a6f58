"""What every part of the number scanner shares: the sentence's tokens, which of them are free
(outside the date phrases), and the mention it builds.

The scanner (numbers._Scanner) is put together from three readers, one subject each:
number_digits (digit runs: separators, decimals, ranges, phones, clocks, codes), number_words
(number words, "one" as a figure, Kazakh decimals) and number_after (what follows a number:
glued endings and suffixes, scale words, percent and currency signs, units). They call one
another through the methods declared here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

from .number_names import NameReader
from .numerals import Numeral
from .tokens import Tokens


@dataclass(slots=True)
class NumberMention:
    start: int
    end: int
    value: float
    kind: str = "count"  # count | ordinal | year | code | duration | phone | clock
    upper: float | None = None
    unit: str | None = None
    ending: str = ""  # the Kazakh case ending on the mention's last word ("ден", "ға")
    scaled: bool = False


class ScanState(ABC):
    t: Tokens
    text: str
    language: str
    read_numeral: Callable[[str], Numeral | None]
    free: list[bool]  # per token: outside every blocked span
    names: NameReader

    def numeral(self, i: int) -> Numeral | None:
        if not (self.t.is_word(i) and self.free[i]):
            return None
        return self.read_numeral(self.t.words[i])

    @abstractmethod
    def _digit_value(self, i: int) -> tuple[float, int]:
        """The value of the digits from token i (number_digits) and the token after them."""

    @abstractmethod
    def _words(self, i: int) -> tuple[NumberMention | None, int]:
        """The number in words from token i (number_words) and the token after it."""

    @abstractmethod
    def _one_counts(self, i: int) -> bool:
        """Whether "one" at token i is a figure (number_words)."""

    @abstractmethod
    def _after_number(self, mention: NumberMention, j: int) -> tuple[NumberMention, int]:
        """The mention with what follows it read (number_after), and the token after that."""
