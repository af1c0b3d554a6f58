"""Digit runs: thousands separators, decimals, ranges ("21-22"), phones, clock times, codes."""

from __future__ import annotations

import re

from .number_scan import NumberMention, ScanState
from .tokens import DASHES

PHONE = re.compile(r"(?:\+?\d{1,3}[\s-]?)?\(?\d{3}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)")
NOT_DIGIT = re.compile(r"\D")
CLOCK = re.compile(r"\d{1,2}:\d{2}(?!\d)")
NEGATIVE = frozenset({"минус", "minus", "−"})


class DigitsReader(ScanState):
    """Reads a number that starts with a digit run."""

    def _digits(self, i: int) -> tuple[NumberMention, int]:
        t, text = self.t, self.text
        start = t.starts[i]
        for special, kind in ((PHONE, "phone"), (CLOCK, "clock")):
            m = special.match(text, start)
            if m and (kind == "clock" or (len(NOT_DIGIT.sub("", m.group())) >= 10 and not self.names.amount(m))):
                j = i
                while j < len(t) and t.ends[j] <= m.end():
                    j += 1
                return NumberMention(start, m.end(), 0, kind), j
        if self.names.is_code(i):
            j = i + 1
            while j < len(t) and t.glued(j) and (t.is_digits(j) or t.is_word(j) or t.words[j] in DASHES):
                j += 1
            return NumberMention(start, t.ends[j - 1], 0, "code"), j
        value, j = self._digit_value(i)
        mention = NumberMention(start, t.ends[j - 1], value)
        if i > 0 and t.words[i - 1].lower() in NEGATIVE and (t.spaced(i) or t.glued(i)) and self.free[i - 1]:
            mention.value, mention.start = -value, t.starts[i - 1]  # "минус 25 градус"
        if j - 1 == i and len(t.words[i]) == 4 and 1900 <= value <= 2100:
            mention.kind = "year"
        # A range "21-22", "56 – 57".
        if j + 1 < len(t) and t.words[j] in DASHES and t.is_digits(j + 1) and self.free[j + 1]:
            upper, k = self._digit_value(j + 1)
            if upper > value:
                mention.upper, mention.end, j = upper, t.ends[k - 1], k
                mention.kind = "count"
        return self._after_number(mention, j)

    def _digit_value(self, i: int) -> tuple[float, int]:
        t = self.t
        digits = t.words[i]
        j = i + 1
        grouped = False
        while j + 1 < len(t) and t.is_digits(j + 1) and len(t.words[j + 1]) == 3 and self.free[j + 1]:
            sep = t.words[j]
            if t.spaced(j) and len(digits) <= 3 + 4 * grouped and not t.glued(j + 1) and sep.isdigit():
                break
            if sep in (",", ".") and t.glued(j) and t.glued(j + 1):
                next_is_group = j + 3 < len(t) and t.words[j + 2] == sep and t.glued(j + 2)
                thousands = grouped or next_is_group or (sep == "," and self.language == "en")
                if not thousands:
                    break
                digits += t.words[j + 1]
                grouped = True
                j += 2
                continue
            break
        # Space-separated thousands: "1 200", "1 200 000".
        while (
            (not grouped or " " in self.text[t.starts[i] : t.ends[j - 1]])
            and j < len(t)
            and (t.is_digits(j) and len(t.words[j]) == 3 and t.spaced(j) and len(t.words[i]) <= 3 and self.free[j])
        ):
            if (
                j + 1 < len(t)
                and t.words[j + 1] in (",", ".")
                and t.glued(j + 1)
                and t.is_digits(j + 2)
                and len(t.words[j + 2]) == 3
            ):
                break
            digits += t.words[j]
            grouped = True
            j += 1
        value = float(digits)
        if j + 1 < len(t) and t.words[j] in (",", ".") and t.glued(j) and t.glued(j + 1) and t.is_digits(j + 1):
            value = float(f"{digits}.{t.words[j + 1]}")
            j += 2
        return value, j
