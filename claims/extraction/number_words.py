"""Numbers in words ("екі жүз қырық мың"), "one" where it is a figure, Kazakh decimals."""

from __future__ import annotations

import copy
import re

from . import words_kk
from .number_scan import NumberMention, ScanState
from .numerals import NumberBuilder, Numeral
from .tokens import DASHES, lowered
from .units import unit_of

ONE_AFTER_BOUND = {
    "kk": re.compile(r"(?:кемінде|кемі|тек|ең\s+кемі)\s*$"),
    "ru": re.compile(r"(?:не\s+менее|по\s+меньшей\s+мере|менее|более|хотя\s+бы|как\s+минимум)\s*$"),
    "en": re.compile(r"(?:at\s+least|under|more\s+than|less\s+than|over|only|just)\s*$"),
}


class WordsReader(ScanState):
    """Reads a number that starts with a number word."""

    def _one_counts(self, i: int) -> bool:
        """ "one"/"a"/"бір" is a figure before a scale or a unit, or after a bound ("at least one")."""
        following = self.numeral(i + 1)
        if following is not None and following.role in ("scale", "hundred", "half_after"):
            return True
        if self.language == "kk" and self.t.lower(i + 1) == words_kk.DECIMAL_WHOLE:
            return True  # "бір бүтін оннан жеті" (1.7)
        word = self.t.words[i].lower()
        if word == "a":
            return False
        if self.language == "kk" and word != "бір" and not self.t.glued(i + 1):
            return True  # "бірі", "біріне", "біреуі": one of them, counted; bare "бір" is often "a"
        if self.language == "kk" and self.t.words[i + 1 : i + 3] == ["-", "ақ"]:
            return True  # "бір-ақ": only one
        nxt = self.t.words[i + 1] if self.t.is_word(i + 1) and self.t.spaced(i + 1) else ""
        if nxt and (unit_of(nxt, self.language) or nxt.lower() in ("percent", "per")):
            return True
        before = lowered(self.text[max(0, self.t.starts[i] - 20) : self.t.starts[i]])
        return ONE_AFTER_BOUND[self.language].search(before) is not None

    def _words(self, i: int) -> tuple[NumberMention | None, int]:
        t = self.t
        after_name = t.glued(i) and t.words[i - 1] in DASHES and t.glued(i - 1) and t.is_word(i - 2)
        if (after_name and self.numeral(i - 2) is None) or self.names.in_quoted_name(i):
            j = i + 1
            while self.numeral(j) is not None and t.spaced(j):
                j += 1
            return NumberMention(t.starts[i], t.ends[j - 1], 0, "code"), j  # "Зейнеткер-екі", "«Хабар жиырма төрт»"
        builder = NumberBuilder()
        last: Numeral | None = None
        j = i
        start = t.starts[i]
        roles: list[str] = []
        while j < len(t):
            numeral = self.numeral(j)
            if numeral is None or (j > i and not (t.spaced(j) or (t.glued(j) and t.words[j - 1] == "-"))):
                following = self.numeral(j + 1) if j > i and t.words[j] == "-" else None
                if following and t.glued(j) and t.glued(j + 1) and copy.copy(builder).add(following):
                    j += 1  # "twenty-five"
                    continue
                break
            if not builder.add(numeral):
                break
            roles.append(numeral.role)
            last = numeral
            j += 1
            if numeral.ending:
                break  # an ending closes the number: "үш жүзден" | "астам"
        if last is None or builder.count == 0:
            return None, i + 1
        if (roles == ["one"] and not self._one_counts(i)) or roles == ["half_before"]:
            return None, j
        value = builder.value
        if self.language == "kk" and not last.ending and not last.ordinal:
            decimal = self._kk_decimal(j)
            if decimal is not None:
                fraction, last, j = decimal
                value += fraction
        end = t.ends[j - 1]
        mention = NumberMention(start, end, value, ending=last.ending)
        if last.ordinal:
            mention.kind = "ordinal"
            return mention, j
        mention.scaled = "scale" in roles
        return self._after_number(mention, j)

    def _kk_decimal(self, j: int) -> tuple[float, Numeral, int] | None:
        """ "бес бүтін оннан үш" (5.3): the fraction after the whole part, its last numeral, where it ends."""
        t = self.t
        if t.lower(j) != words_kk.DECIMAL_WHOLE or t.lower(j + 1) not in words_kk.DECIMAL_PARTS:
            return None
        denominator = words_kk.DECIMAL_PARTS[t.lower(j + 1)]
        builder = NumberBuilder()
        last: Numeral | None = None
        k = j + 2
        while (numeral := self.numeral(k)) is not None and t.spaced(k) and numeral.role not in ("scale", "half_after"):
            if not builder.add(numeral):
                break
            last = numeral
            k += 1
            if numeral.ending:
                break
        if last is None or last.ordinal or builder.value >= denominator:
            return None
        return builder.value / denominator, last, k
