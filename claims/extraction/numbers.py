"""Numbers in a sentence: digits, separators, multipliers, number words, Kazakh endings.

Each mention says what kind of number it is; only `count` mentions become quantities.
Numbers inside names and codes (ЭКСПО-2017, COVID-19, G20, Boeing 737), years, ordinals,
durations ("екі апта"), clock times and phone numbers are kept apart so they never do.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import words_en, words_kk
from .number_names import NameReader
from .numerals import KK_NOUN_ENDINGS, NUMBER_STARTS, NUMERAL_READERS, NumberBuilder, Numeral
from .tokens import DASHES, Tokens
from .units import UNIT_TABLES, is_time_unit, unit_of

ONE_AFTER_BOUND = {
    "kk": re.compile(r"(?:кемінде|кемі|тек|ең\s+кемі)\s*$"),
    "ru": re.compile(r"(?:не\s+менее|по\s+меньшей\s+мере|менее|более|хотя\s+бы|как\s+минимум)\s*$"),
    "en": re.compile(r"(?:at\s+least|under|more\s+than|less\s+than|over|only|just)\s*$"),
}
PHONE = re.compile(r"(?:\+?\d{1,3}[\s-]?)?\(?\d{3}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)")
NOT_DIGIT = re.compile(r"\D")
CLOCK = re.compile(r"\d{1,2}:\d{2}(?!\d)")
NEGATIVE = frozenset({"минус", "minus", "−"})
RU_ORDINAL_ENDING = re.compile(r"^(?:й|я|е|го|му|м|ю|х|ый|ой|ий|ая|ое|ые|ого|ому|ых)$")
EN_ORDINAL_ENDING = re.compile(r"^(?:st|nd|rd|th)$", re.IGNORECASE)
GLUED_SCALES = {"млн": 1e6, "млрд": 1e9, "трлн": 1e12, "mln": 1e6, "bn": 1e9, "k": 1e3, "m": 1e6}
# Units written in two words ("square kilometres"), in the order of the unit tables.
TWO_WORD_UNITS = {
    language: [(stem, unit) for stem, unit in table.items() if " " in stem] for language, table in UNIT_TABLES.items()
}
# "$2.5m" is money; "5m" alone is five metres.
MONEY_ONLY_SCALES = frozenset({"m"})


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


class _Scanner:
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

    def numeral(self, i: int) -> Numeral | None:
        if not (self.t.is_word(i) and self.free[i]):
            return None
        return self.read_numeral(self.t.words[i])

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
        before = _lowered(self.text[max(0, self.t.starts[i] - 20) : self.t.starts[i]])
        return ONE_AFTER_BOUND[self.language].search(before) is not None

    # Digits --------------------------------------------------------------------------------

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

    # Words ---------------------------------------------------------------------------------

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

    # Percent signs, multipliers, units, endings --------------------------------------------

    def _after_number(self, mention: NumberMention, j: int) -> tuple[NumberMention, int]:
        """Endings, multipliers and units after a number, which may change what kind it is."""
        if mention.kind not in ("count", "year"):
            return mention, j
        j, done = self._glued_suffix(mention, j)
        if done:
            return mention, j
        j = self._scale_words(mention, j)
        j = self._unit(mention, j)
        if mention.kind == "year" and (mention.unit or mention.scaled or mention.ending or self._counts_noun(j)):
            mention.kind = "count"
        return mention, j

    def _glued_suffix(self, mention: NumberMention, j: int) -> tuple[int, bool]:
        """Where the mention ends after letters glued to it, and whether that settles it."""
        t = self.t
        # Letters right after the digits or after a hyphen: "800-ден", "12-hectare", "5th", "2017-нші".
        if not (
            j < len(t)
            and t.glued(j)
            and (t.is_word(j) or (t.words[j] in DASHES and t.is_word(j + 1) and t.glued(j + 1)))
        ):
            return j, False
        k = j if t.is_word(j) else j + 1
        suffix = t.words[k].lower()
        if k == j + 1 and mention.upper is None and self.numeral(k) is not None:
            upper, after = self._words(k)  # "отыз-қырық теңге"
            if upper is not None and upper.kind == "count" and upper.value > mention.value:
                mention.upper, mention.end, mention.unit = upper.value, upper.end, upper.unit
                mention.ending, mention.scaled = upper.ending, upper.scaled
                return after, True
        if self._is_ordinal_suffix(suffix):
            mention.kind = "ordinal"
            mention.end, j = t.ends[k], k + 1
            return j, True
        money = mention.start > 0 and self.text[mention.start - 1] in words_en.CURRENCY_SIGNS
        if suffix in MONEY_ONLY_SCALES and not money and t.is_word(j):
            mention.unit, mention.end = "m", t.ends[k]
            return k + 1, True
        if suffix in GLUED_SCALES and t.is_word(j):
            mention.value *= GLUED_SCALES[suffix]
            mention.scaled, mention.end, j = True, t.ends[k], k + 1
        elif self.language == "kk" and (
            suffix in KK_NOUN_ENDINGS or suffix.startswith(words_kk.DIGIT_SUFFIX_STARTS)
        ):
            mention.ending, mention.end, j = suffix, t.ends[k], k + 1
        elif suffix_unit := unit_of(suffix, self.language):
            mention.unit = suffix_unit[0]
            mention.end, j = t.ends[k], k + 1
            mention.kind = "count"
            return j, True
        elif self.language == "en" and k == j + 1 and suffix.islower():
            # "a 40-storey tower" counts storeys; "a 3-year plan" is a duration.
            mention.kind = "duration" if is_time_unit(suffix, "en") else "count"
            mention.end, j = t.ends[k], k + 1
            return j, True
        else:
            mention.kind = "code"
            mention.end, j = t.ends[k], k + 1
            return j, True
        return j, False

    def _scale_words(self, mention: NumberMention, j: int) -> int:
        t = self.t
        # Number words after digits: "5 мың", "2,3 триллион", "1.2 million", "400 тыс."
        while j < len(t) and not mention.ending and (t.spaced(j)) and self.free[j]:
            numeral = self.numeral(j)
            if numeral is None or numeral.role not in ("scale", "hundred") or numeral.ordinal:
                break
            mention.value *= numeral.value
            if mention.upper is not None:
                mention.upper *= numeral.value  # "7 – 8 миллион": the scale applies to both ends
            mention.scaled, mention.ending, mention.end = True, numeral.ending, t.ends[j]
            mention.kind = "count"
            j += 1
            if (
                j < len(t)
                and t.words[j] == "."
                and t.glued(j)
                and t.words[j - 1].lower() in ("тыс", "млн", "млрд", "трлн")
            ):
                mention.end = t.ends[j]
                j += 1
            j = self._smaller_group(mention, numeral.value, j)
        return j

    def _counts_noun(self, j: int) -> bool:
        """ "2000 адам", "2000 отбасы": in Kazakh a year is followed by "жыл"; before another noun it counts."""
        t = self.t
        if self.language == "kk" and j < len(t) and t.words[j] == "(":
            j = t.skip_aside(j)  # "2000 (іі) дана": past a transcriber's aside
            if j < len(t) and not (t.is_word(j) and self.free[j]):
                return False
            return t.is_word(j) and t.words[j].islower() and not t.lower(j).startswith(words_kk.YEAR_WORD_STARTS)
        if self.language != "kk" or not (t.is_word(j) and t.spaced(j) and self.free[j]):
            return False
        word = t.lower(j)
        return word.islower() and t.words[j].islower() and not word.startswith(words_kk.YEAR_WORD_STARTS)

    def _smaller_group(self, mention: NumberMention, scale: float, j: int) -> int:
        """ "2 миллион 500 мың": digits and a smaller scale after a scale add to the number."""
        t = self.t
        if mention.ending or mention.upper is not None or not (t.is_digits(j) and t.spaced(j) and self.free[j]):
            return j
        value, k = self._digit_value(j)
        smaller = self.numeral(k) if t.spaced(k) else None
        if smaller is None or smaller.role != "scale" or smaller.value >= scale or smaller.ordinal:
            return j
        mention.value += value * smaller.value
        mention.ending, mention.end = smaller.ending, t.ends[k]
        return k + 1

    def _is_ordinal_suffix(self, suffix: str) -> bool:
        pattern = {"kk": words_kk.ORDINAL_ENDING, "ru": RU_ORDINAL_ENDING, "en": EN_ORDINAL_ENDING}[self.language]
        return pattern.match(suffix) is not None

    def _unit(self, mention: NumberMention, j: int) -> int:
        t = self.t
        if j < len(t) and t.words[j] in ("%", "‰") and (t.glued(j) or t.spaced(j)):
            mention.unit, mention.end, mention.kind = "percent", t.ends[j], "count"
            j += 1
            if j + 1 < len(t) and t.words[j] in DASHES and t.glued(j) and t.is_word(j + 1) and t.glued(j + 1):
                mention.ending, mention.end = t.words[j + 1].lower(), t.ends[j + 1]
                j += 2
            return j
        if j < len(t) and t.words[j] in words_en.CURRENCY_SIGNS and (t.glued(j) or t.spaced(j)):
            mention.unit, mention.end = words_en.CURRENCY_SIGNS[t.words[j]], t.ends[j]
            return j + 1
        start = mention.start
        if start > 0 and self.text[start - 1] in words_en.CURRENCY_SIGNS:
            mention.unit, mention.start = words_en.CURRENCY_SIGNS[self.text[start - 1]], start - 1
            mention.kind = "count"
        code = self.text[max(0, start - 4) : start]
        if code[:3] in words_en.CURRENCY_CODES and code[3:] == " " and not mention.unit:
            mention.unit, mention.start, mention.kind = code[:3], start - 4, "count"  # "KZT 2.3 trillion"
        if mention.unit or not (j < len(t) and t.is_word(j) and t.spaced(j) and self.free[j]):
            return j
        word = t.words[j]
        if is_time_unit(word, self.language) and not mention.scaled and not mention.ending:
            if mention.kind == "count":
                mention.kind = "duration"
            return j
        if self.language == "en" and word.lower() == "per" and j + 1 < len(t) and t.words[j + 1].lower() == "cent":
            mention.unit, mention.end = "percent", t.ends[j + 1]
            return j + 2
        if j + 1 < len(t) and t.is_word(j + 1) and t.spaced(j + 1):
            pair = f"{word.lower()} {t.words[j + 1].lower()}"
            for stem, unit in TWO_WORD_UNITS[self.language]:
                if pair.startswith(stem):
                    mention.unit, mention.end = unit, t.ends[j + 1]
                    return j + 2
        word_unit = unit_of(word, self.language)
        if word_unit:
            mention.unit, mention.end = word_unit[0], t.ends[j]
            mention.kind = "count"
            if word_unit[1]:
                mention.ending = word_unit[1]
            return j + 1
        return j


def _lowered(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters ("İ") lowercase to two characters
        lowered = "".join(ch.lower()[:1] or ch for ch in text)
    return lowered


WORD_AT = re.compile(r"[^\W\d_]+")
ASCII_DIGIT = re.compile(r"[0-9]")


def may_hold_numbers(text: str, language: str) -> bool:
    """Digits, or a word that reads as a numeral: "оның" and "бірақ" start like one and are not."""
    # NUMBER_STARTS finds any digit, so a digit settles it without lowercasing or reading words.
    if ASCII_DIGIT.search(text):
        return True
    lowered = _lowered(text)
    read = NUMERAL_READERS[language]
    for candidate in NUMBER_STARTS[language].finditer(lowered):
        if candidate.group()[0].isdigit():
            return True
        word = WORD_AT.match(text, candidate.start())
        if word is not None and read(word.group()) is not None:
            return True
    return False


def find_numbers(
    text: str, language: str, blocked: Sequence[tuple[int, int]] = (), tokens: Tokens | None = None
) -> list[NumberMention]:
    """All number mentions in `text` (one sentence), skipping tokens inside `blocked` spans.

    `tokens` is the sentence's token layer when the caller has built it already."""
    # Only a shortcut: the scanner finds nothing where NUMBER_STARTS finds nothing.
    if tokens is None and NUMBER_STARTS[language].search(_lowered(text)) is None:
        return []
    return _Scanner(text, language, list(blocked), tokens).scan()
