"""What follows a number and may change what it is: letters glued to it ("800-ден", "5th",
"12-hectare"), scale words ("5 мың", "1.2 million"), percent and currency signs, units."""

from __future__ import annotations

import re

from . import words_en, words_kk
from .number_scan import NumberMention, ScanState
from .numerals import KK_NOUN_ENDINGS
from .tokens import DASHES
from .units import UNIT_TABLES, is_time_unit, unit_of

RU_ORDINAL_ENDING = re.compile(r"^(?:й|я|е|го|му|м|ю|х|ый|ой|ий|ая|ое|ые|ого|ому|ых)$")
EN_ORDINAL_ENDING = re.compile(r"^(?:st|nd|rd|th)$", re.IGNORECASE)
GLUED_SCALES = {"млн": 1e6, "млрд": 1e9, "трлн": 1e12, "mln": 1e6, "bn": 1e9, "k": 1e3, "m": 1e6}
# Units written in two words ("square kilometres"), in the order of the unit tables.
TWO_WORD_UNITS = {
    language: [(stem, unit) for stem, unit in table.items() if " " in stem] for language, table in UNIT_TABLES.items()
}
# "$2.5m" is money; "5m" alone is five metres.
MONEY_ONLY_SCALES = frozenset({"m"})


class AfterNumber(ScanState):
    """Reads what follows a number's digits or words."""

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
