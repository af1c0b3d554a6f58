"""Direct quotes and who is quoted or credited ("СІМ мәліметінше", "по данным", "according to").

A speaker is given as written, except that an organisation's acronym stands for it
wherever the text names it ("Қазақстан Сыртқы істер министрлігінің (СІМ)" and
"Қазақстан СІМ" are both "СІМ"), so one source is one speaker in the review queue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import words_en, words_kk, words_ru

# One level of quotes inside a quote: «… «Бақытты отбасы» бағдарламасы …».
QUOTE = re.compile(
    r"«(?:[^«»]|«[^«»]{0,200}»){2,2000}»|“[^“”]{2,2000}”|„[^„“”]{2,2000}[“”]|\"[^\"]{2,2000}\""
)
OPENING = '«“„"'
CLOSING = '»”“"'
ACRONYM = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,8}$")
PARENTHESISED_ACRONYM = re.compile(r"\(([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,8})\)")
NAME = r"[^.,;:!?«»\"“”„()\n]"

KK_COLON = re.compile(rf"^(?P<sp>{NAME}{{2,80}}?)\s*:\s*[{OPENING}]")
KK_AFTER_QUOTE = re.compile(
    rf"^[\s,]*[-–—]?\s*(?:{words_kk.SPEECH_VERBS})\s+(?P<sp>{NAME}{{2,60}}?)\s*(?:[.!?]|$)", re.I
)
KK_QUOTE_IN_DOCUMENT = re.compile(
    rf"^[\s,]*[-–—]?\s*(?:деп\s+)?(?:делінген|айтылған|жазылған)\s+(?P<sp>{NAME}{{2,60}}?)\s+"
    r"(?:хабарлама|мәлімдеме|сайт|жазба|парақша|баспасөз|ақпарат|хат|үндеу)",
    re.I,
)
KK_BEFORE_QUOTE_VERB = re.compile(rf"^[\s,]*[-–—]?\s*(?:{words_kk.SPEECH_VERBS})(?![а-яәғқңөұүһі])", re.I)
KK_CREDIT = re.compile(
    rf"(?<![а-яәғқңөұүһі])(?=[{words_kk.CREDIT_FIRST_LETTERS}])(?:{words_kk.CREDIT_MARKERS})(?![а-яәғқңөұүһі])", re.I
)
# The first word of each credit marker, for a first look at a sentence's chunks (cues.py): where
# no chunk holds one, KK_CREDIT cannot match.
_CREDIT_FIRST_WORDS = {marker.split(r"\s+")[0] for marker in words_kk.CREDIT_MARKERS.split("|")}
KK_CREDIT_FIRST_WORD = re.compile(
    r"(?<![а-яәғқңөұүһі])(?:" + "|".join(sorted(_CREDIT_FIRST_WORDS, key=len, reverse=True)) + ")", re.I
)
KK_ABOUT_THIS_SAID = re.compile(
    rf"^(?:{words_kk.ABOUT_THIS})\s+(?P<sp>{NAME}{{2,120}}?)\s+(?:{words_kk.SAID_AT_END})\s*[.!]?$", re.I
)

RU_AFTER_QUOTE = re.compile(
    rf"^[\s,]*[-–—]\s*(?:{words_ru.SPEECH_VERBS})\s+(?P<sp>{NAME}{{2,60}}?)\s*(?:[.!?,]|$)", re.I
)
RU_CREDIT_AFTER = re.compile(rf"(?:{words_ru.CREDIT_BEFORE})\s+(?P<sp>{NAME}{{2,60}}?)\s*(?:[.,;!?]|$)", re.I)
RU_SAID_IN = re.compile(
    rf"говорится\s+в\s+(?:сообщении|заявлении|пресс-релизе|документе|письме)\s+(?P<sp>{NAME}{{2,60}}?)\s*(?:[.,;!?]|$)",
    re.I,
)
RU_STOP = re.compile(r"\s(?:что|о|об|в|во|на|по|к|с|из|для|за)\s.*$", re.I)

EN_AFTER_QUOTE = re.compile(rf"^[\s,]*(?P<sp>{NAME}{{2,60}}?)\s+(?:{words_en.SPEECH_VERBS})\b", re.I)
EN_AFTER_QUOTE_VERB_FIRST = re.compile(
    rf"^[\s,]*(?:{words_en.SPEECH_VERBS})\s+(?P<sp>{NAME}{{2,60}}?)\s*(?:[.,;!?]|$)", re.I
)
EN_ACCORDING = re.compile(rf"\baccording\s+to\s+(?P<sp>{NAME}{{2,60}}?)\s*(?:[.,;!?]|$)", re.I)
EN_SAID = re.compile(rf"(?:^|[,;]\s+)(?P<sp>{NAME}{{2,60}}?)\s+(?:{words_en.SPEECH_VERBS})\b", re.I)
EN_STOP = re.compile(r"\s(?:that|on|in|at|to|for|with|from|last|this|yesterday|today)\s.*$", re.I)
DAY_WORD = re.compile(r"\bкүні\b", re.I)  # "23 ақпан күні": part of the date, not of the speaker
CLAUSE_START = re.compile(r"[,;:]\s*(?=[^,;:]*$)")


@dataclass(slots=True)  # not frozen: built per sentence, and frozen costs several times as much
class Attribution:
    speaker: str
    quoted: bool  # a direct quote, not only a credited source


def quotes_in(text: str) -> list[tuple[int, int]]:
    if not ("«" in text or '"' in text or "“" in text or "„" in text):
        return []  # every quote opens with one of these: most sentences are spared the search
    return [m.span() for m in QUOTE.finditer(text)]


def normalise_speaker(speaker: str) -> str | None:
    speaker = " ".join(speaker.split()).strip(" -–—,")
    found = PARENTHESISED_ACRONYM.search(speaker)
    if found:
        return found.group(1)
    words = speaker.split()
    # "Қазақстан СІМ" is the СІМ; "глава МВД" is not the МВД.
    if len(words) >= 2 and ACRONYM.match(words[-1]) and all(w[0].isupper() for w in words[:-1]):
        return words[-1]
    if not words or len(words) > 8 or not any(ch.isalpha() for ch in speaker):
        return None
    return speaker


def _kk(
    text: str, quotes: list[tuple[int, int]], drop: list[tuple[int, int]], credited: bool = True
) -> Attribution | None:
    for start, end in quotes:
        colon = KK_COLON.match(text[: start + 1]) if start < 100 else None
        if colon:
            return _attribution(colon.group("sp"), True)
        after = text[end : end + 120]
        for pattern in (KK_QUOTE_IN_DOCUMENT, KK_AFTER_QUOTE):
            found = pattern.match(after)
            if found:
                return _attribution(found.group("sp"), True)
        if KK_BEFORE_QUOTE_VERB.match(after) and start > 0:
            clause = _clause_before(text, start)
            if clause:
                return _attribution(clause, True)
    credit = KK_CREDIT.search(text) if credited else None
    if credit:
        clause = _clause_before(text, credit.start(), drop)
        if clause:
            return _attribution(clause, False)
    said = KK_ABOUT_THIS_SAID.match(text)
    if said:
        clause = _clause_before(text, said.end("sp"), [*drop, (0, said.start("sp"))])
        if clause:
            return _attribution(clause, False)
    return None


def _clause_before(text: str, at: int, drop: Sequence[tuple[int, int]] = ()) -> str | None:
    """The words from the clause's start up to `at`, without date phrases: "СІМ 23 ақпан күні" -> "СІМ"."""
    window = text[max(0, at - 120) : at]
    base = at - len(window)
    cut = CLAUSE_START.search(window)
    begin = cut.end() if cut else 0
    pieces: list[str] = []
    cursor = begin
    for start, end in drop:
        start, end = start - base, end - base
        if end <= begin or start >= len(window):
            continue
        pieces.append(window[cursor : max(cursor, start)])
        cursor = max(cursor, end)
    pieces.append(window[cursor:])
    clause = DAY_WORD.sub(" ", " ".join(pieces))
    words = clause.split()[-8:]
    return " ".join(words) or None


def _ru(text: str, quotes: list[tuple[int, int]]) -> Attribution | None:
    for start, end in quotes:
        colon = KK_COLON.match(text[: start + 1]) if start < 100 else None
        if colon:
            return _attribution(colon.group("sp"), True)
        after = text[end : end + 160]
        found = RU_SAID_IN.match(after.lstrip(" ,—–-")) or RU_AFTER_QUOTE.match(after)
        if found:
            return _attribution(found.group("sp"), True)
    found = RU_CREDIT_AFTER.search(text)
    if found:
        return _attribution(RU_STOP.sub("", found.group("sp")), False)
    return None


def _en(text: str, quotes: list[tuple[int, int]]) -> Attribution | None:
    for start, end in quotes:
        colon = KK_COLON.match(text[: start + 1]) if start < 100 else None
        if colon:
            return _attribution(colon.group("sp"), True)
        after = text[end : end + 120]
        for pattern in (EN_AFTER_QUOTE_VERB_FIRST, EN_AFTER_QUOTE):
            found = pattern.match(after)
            if found:
                return _attribution(found.group("sp"), True)
    found = EN_ACCORDING.search(text)
    if found:
        return _attribution(EN_STOP.sub("", found.group("sp")), False)
    unquoted = QUOTE.sub(" ", text) if quotes else text
    found = EN_SAID.search(unquoted[:400])
    if found and len(found.group("sp").split()) <= 6:
        return _attribution(found.group("sp"), False)
    return None


def _attribution(raw: str, quoted: bool) -> Attribution | None:
    speaker = normalise_speaker(raw)
    return Attribution(speaker, quoted) if speaker else None


def may_credit(chunk: str, language: str) -> bool:
    """Whether a chunk of a Kazakh sentence may start a credit marker ("мәліметінше", "мәліметі бойынша")."""
    return language == "kk" and KK_CREDIT_FIRST_WORD.search(chunk) is not None


def attribution_of(
    text: str,
    language: str,
    quotes: list[tuple[int, int]],
    dates: list[tuple[int, int]],
    *,
    credited: bool = True,
) -> Attribution | None:
    """Who the sentence quotes or credits, if anyone; `quotes` are the spans of its direct quotes.

    `credited=False` tells that no chunk of a Kazakh sentence may start a credit marker (may_credit)."""
    if language == "kk":
        return _kk(text, quotes, dates, credited)
    if language == "ru":
        return _ru(text, quotes)
    return _en(text, quotes)
