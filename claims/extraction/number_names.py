"""Whether a number names something rather than counts it: a code, a title, a model, a clock.

"«111» нөміріне", "ГРЭС 18", "55 / 12", "COVID-19", "Boeing 737", "«Хабар 24»", "сағат 10-да";
and the other way round, a long run of digits before a unit is an amount, not a phone number.
The number scanner asks a NameReader about each mention it reads.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import words_en
from .tense import kk_verb_tense
from .tokens import DASHES, Tokens
from .units import unit_of

if TYPE_CHECKING:
    from .number_scan import NumberMention

SHORT_QUOTE = re.compile(r"«[^«»]{1,60}»|\"[^\"]{1,60}\"|“[^“”]{1,60}”")
# Words that make the number next to them a name: "нөмірі 99", "«103» нөміріне", "number 7".
NUMBER_NAMED_BEFORE = frozenset({"нөмірі", "нөмір", "номер", "номером", "number", "no", "№"})
NUMBER_NAMED_AFTER = ("нөмір", "номер", "number")
CLOCK_BEFORE = {"kk": frozenset({"сағат"})}
SHORT_TITLE_WORDS = 5
EN_VERBS_AFTER_A_NAME = frozenset(
    ["was", "is", "has", "had", "will", "crashed", "landed", "flew", "took", "made", "entered", "remains", "remained"]
)
# After a quote: a verb of speech, maybe after the speaker ("», — сказал аким", "” the mayor said").
SPEECH_AFTER_QUOTE = re.compile(
    r"\s*[,.]?\s*[-–—]?\s*(?:[^\W\d_][\w-]*\s+){0,3}?"
    r"(?:деді|дейді|деп|деген|сказал\w*|заявил\w*|отметил\w*|сообщил\w*|said|says|told)(?!\w)",
    re.IGNORECASE,
)


class NameReader:
    def __init__(self, tokens: Tokens, language: str, free: list[bool]) -> None:
        self.t = tokens
        self.text = tokens.text
        self.language = language
        self.free = free
        text = tokens.text
        self.short_quotes = (
            [m.span() for m in SHORT_QUOTE.finditer(text)] if "«" in text or '"' in text or "“" in text else []
        )

    def named(self, mention: NumberMention, i: int, j: int) -> NumberMention:
        """A count that names something is a code: "«111» нөміріне", "ГРЭС 18", "55 / 12", "сағат 10-да"."""
        if mention.kind != "count":
            return mention
        t = self.t
        prev = i - 1
        if prev >= 0 and t.words[prev] in DASHES and not t.glued(i):
            prev -= 1  # "COVID – 19"
        prev_word = t.words[prev] if prev >= 0 and t.is_word(prev) else ""
        nxt = t.words[j] if j < len(t) else ""
        if prev_word.lower() in CLOCK_BEFORE.get(self.language, ()):
            mention.kind = "clock"
        elif (
            (len(prev_word) >= 2 and prev_word.isupper() and not mention.unit and not mention.scaled)
            or prev_word.lower() in NUMBER_NAMED_BEFORE
            or (nxt and nxt.lower().startswith(NUMBER_NAMED_AFTER))
            or (nxt == "/" and t.is_digits(j + 1))
            or (i > 1 and t.words[i - 1] == "/" and t.is_digits(i - 2))
            or (len(nxt) == 1 and nxt.isascii() and nxt.isupper() and t.is_word(j))
            or self.fills_short_quote(mention)
            or self._english_model(mention, prev_word, nxt)
        ):
            mention.kind = "code"
        return mention

    def _english_model(self, mention: NumberMention, prev_word: str, nxt: str) -> bool:
        """ "The 737 was grounded": "the" and a bare number that a verb follows names a model."""
        return (
            self.language == "en"
            and prev_word.lower() == "the"
            and not mention.unit
            and not mention.scaled
            and nxt.lower() in EN_VERBS_AFTER_A_NAME
        )

    def fills_short_quote(self, mention: NumberMention) -> bool:
        """A number in a quote of a few words is a title or a name: «100 нақты қадам», «Три мушкетёра»."""
        for start, end in self.short_quotes:
            if start < mention.start and mention.end < end:
                inner = self.text[start + 1 : end - 1]
                if len(inner.split()) > SHORT_TITLE_WORDS or inner.rstrip().endswith((".", "!", "?")):
                    return False
                return not self._is_speech(start, end, inner)
        return False

    def _is_speech(self, start: int, end: int, inner: str) -> bool:
        """A short quote after a colon, before a verb of speech, or ending in a Kazakh verb is speech:
        "Ол: « Биыл 50 мектеп саламыз », – деді"."""
        if self.text[:start].rstrip().endswith(":") or inner.rstrip().endswith(","):
            return True
        if SPEECH_AFTER_QUOTE.match(self.text, end):
            return True
        words = inner.split()
        return self.language == "kk" and bool(words) and kk_verb_tense(words[-1].lower()) is not None

    def amount(self, m: re.Match[str]) -> bool:
        """ "800000000000 теңгеден": a long run of digits with no separator, before a unit, is an amount."""
        if not m.group().isdigit():
            return False
        if m.group().endswith("000"):
            return True  # phone numbers seldom end in three zeros; amounts written out in full do
        following = self.t.at(m.end())
        if self.t.words[following : following + 1] == ["-"] and self.t.is_word(following + 1):
            return True  # "1000000000-таған": a case ending
        return self.t.is_word(following) and unit_of(self.t.words[following], self.language) is not None

    def is_code(self, i: int) -> bool:
        t = self.t
        if t.glued(i) and t.is_word(i - 1):
            return True  # G20
        if t.glued(i) and t.words[i - 1] in DASHES and t.glued(i - 1) and t.is_word(i - 2):
            return True  # COVID-19, ЭКСПО-2017
        if i > 0 and t.words[i - 1] in ("№", "#"):
            return True
        if self.in_quoted_name(i):
            return True
        if i > 0 and t.is_word(i - 1) and self.free[i - 1]:
            prev = t.words[i - 1]  # Boeing 737, Airbus A320
            latin = (
                prev.isascii()
                and prev[0].isupper()
                and prev.lower() not in words_en.NOT_MODEL_NAMES
                and prev not in words_en.CURRENCY_CODES
            )
            return latin and prev.lower() not in words_en.MONTHS and prev.lower() not in words_en.SCALES
        return False

    def in_quoted_name(self, i: int) -> bool:
        """ "«Хабар 24»", "«Боинг 737 МАКС»": a number after a capitalised word inside a short quote."""
        t = self.t
        prev = i - 2 if i > 1 and t.words[i - 1] in DASHES else i - 1
        if prev < 0 or not t.is_word(prev) or not t.words[prev][0].isupper():
            return False
        start = t.starts[i]
        quote = next(((s, e) for s, e in self.short_quotes if s < start < e), None)
        if quote is None:
            return False
        # A name goes on in capitals or ends the quote ("«Хабар 24»", "«Боинг 737 МАКС»"); a number
        # followed by lowercase words is speech ("«Бірақ 2-еуіне де тариф бекітілген»").
        following = self.text[t.ends[i] : quote[1]].split()
        nxt = following[0].lstrip("-") if following else ""
        return not nxt or nxt == "»" or not nxt[:1].islower()

