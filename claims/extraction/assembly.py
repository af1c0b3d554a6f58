"""From article text to claims: sentences, then per sentence dates, numbers and sources."""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from typing import cast

from . import checkworthiness
from .claim import ClaimKind, Comparator, DateWindow, ExtractedClaim, Quantity
from .comparators import bound_of, pair_between
from .cues import Cues, cues_of
from .dates import DateMention, TenseAt, find_dates
from .language import LANGUAGES, detect_language
from .numbers import NumberMention, find_numbers
from .sentences import Sentence, split_sentences
from .speaker_kinds import speaker_kind_of
from .speakers import Attribution, attribution_of, quotes_in
from .subjects import subject_after
from .tense import tense_of
from .tokens import Tokens
from .windows import Window

# Where one clause ends and the next begins: a comma or semicolon before a space, a spaced dash,
# "а"/"но", "and"/"but" before a new subject, and in Kazakh the quoting verbs "деп"/"деген"
# that close a reported clause.
CLAUSE_BREAK = {
    "kk": re.compile(r"[,;]\s|\s[–—]\s|(?<=\s)(?:деп|деген)(?=\s)", re.I),
    "ru": re.compile(r"[,;]\s|\s[–—]\s|\s(?:а|но)\s"),
    "en": re.compile(r"[,;]\s|\s[–—]\s|\s(?:and|but|while)\s(?=(?:it|he|she|they|we|the|this|that)\s)", re.I),
}


def _clause_at(breaks: list[tuple[int, int]], offset: int, within: tuple[int, int]) -> tuple[int, int]:
    start, end = within
    for brk_start, brk_end in breaks:
        if brk_end <= offset and brk_end > start and brk_start >= within[0]:
            start = brk_end
        elif brk_start >= offset and brk_end <= within[1]:
            end = min(end, brk_start)
            break
    return start, end


def _segment_tense(sentence: str, language: str, quotes: list[tuple[int, int]]) -> TenseAt:
    """The tense at an offset: that of its own clause when the clause has one, else the sentence's.

    Inside a quote the quote's own verbs count; outside it the reporting sentence's do.
    """
    cache: dict[tuple[int, int] | None, str | None] = {}
    breaks: list[tuple[int, int]] = []
    found_breaks = False
    answers: dict[int, str | None] = {}

    def whole(segment: tuple[int, int] | None) -> str | None:
        if segment not in cache:
            if segment is not None:
                cache[segment] = tense_of(sentence[segment[0] : segment[1]], language)
            else:
                cache[segment] = tense_of(_without_quotes(sentence, quotes), language)
        return cache[segment]

    def tense_at(offset: int) -> str | None:
        # Asked by the date reader and again for each claim of the date: answered once.
        if offset not in answers:
            answers[offset] = tense_here(offset)
        return answers[offset]

    def tense_here(offset: int) -> str | None:
        segment = next(((s, e) for s, e in quotes if s <= offset < e), None)
        within = segment or (0, len(sentence))
        nonlocal found_breaks
        if not found_breaks:
            breaks.extend(m.span() for m in CLAUSE_BREAK[language].finditer(sentence))
            found_breaks = True
        clause = _clause_at(breaks, offset, within)
        if clause != within:
            if segment is None and any(s < clause[1] and clause[0] < e for s, e in quotes):
                return whole(None)
            if clause not in cache:
                cache[clause] = tense_of(sentence[clause[0] : clause[1]], language)
            if cache[clause] is not None:
                return cache[clause]
        return whole(segment)

    return tense_at


def _without_quotes(sentence: str, quotes: list[tuple[int, int]]) -> str:
    pieces, cursor = [], 0
    for start, end in quotes:
        pieces.append(sentence[cursor:start])
        cursor = end
    pieces.append(sentence[cursor:])
    return " ".join(pieces)


def _quantities(
    text: str,
    language: str,
    numbers: list[NumberMention],
    date_spans: list[tuple[int, int]],
    tokens: Tokens,
    base: int,
) -> list[Quantity]:
    """The quantities of one sentence, their spans in the article (the sentence starts at `base`)."""
    counts = [n for n in numbers if n.kind == "count" and math.isfinite(n.value)]
    quantities: list[Quantity] = []
    i = 0
    while i < len(counts):
        mention = counts[i]
        if i + 1 < len(counts) and pair_between(text, mention, counts[i + 1], language):
            upper = counts[i + 1]
            value = mention.value
            if upper.scaled and not mention.scaled and value < upper.value:
                value *= upper.value / _unscaled(upper)
            quantities.append(
                Quantity(
                    value,
                    "between",
                    (base + mention.start, base + upper.end),
                    upper=upper.value,
                    unit=upper.unit or mention.unit,
                    subject=subject_after(text, upper.end, language, date_spans),
                )
            )
            i += 2
            continue
        bound = bound_of(text, mention, language, tokens)
        quantities.append(
            Quantity(
                bound.value,
                cast(Comparator, bound.comparator),
                (base + bound.start, base + bound.end),
                upper=bound.upper,
                unit=mention.unit,
                subject=subject_after(text, bound.end, language, date_spans),
            )
        )
        i += 1
    return quantities


def _unscaled(mention: NumberMention) -> float:
    # The bare first number of "between 2 and 3 million" shares the second one's scale.
    for scale in (1e12, 1e9, 1e6, 1e3):
        if mention.value >= scale and (mention.value / scale) < 1000:
            return mention.value / scale
    return mention.value


def _is_scheduled(window: Window, published: datetime.date, tense: str | None) -> bool:
    """Settled later: the window ends after publication and the sentence speaks of the future.

    Without a tense either way, a window wholly after publication still counts ("Выборы 19
    марта"); one that holds the publication date ("this year") needs a future verb.
    """
    if window.latest <= published:
        return False
    return tense == "future" or (tense is None and window.earliest > published)


def _nearest_date(dates: list[DateMention], at: int) -> DateMention | None:
    before = [d for d in dates if d.start <= at]
    return before[-1] if before else (dates[0] if dates else None)


def _may_hold_claims(text: str, language: str, quotes: list[tuple[int, int]], cues: Cues) -> bool:
    """Cheap searches first: most sentences hold no number, no date word and no source."""
    if quotes or cues.numbers or cues.date_kinds:
        return True
    return attribution_of(text, language, quotes, [], credited=cues.credited) is not None


@dataclass(slots=True)  # not frozen: built per sentence, and frozen costs several times as much
class _SentenceFindings:
    """What one sentence holds, from which each of its claims is put together."""

    sentence: Sentence
    language: str
    published: datetime.date
    tense_at: TenseAt
    attribution: Attribution | None
    casualties: bool


def _claim(found: _SentenceFindings, quantity: Quantity | None, date: DateMention | None) -> ExtractedClaim:
    """One claim: a quantity and/or a date of the sentence, with its source; offsets in the article."""
    text, base = found.sentence.text, found.sentence.start
    window = None
    scheduled = False
    if date is not None and date.window is not None:
        window = DateWindow(
            date.window.earliest, date.window.latest, text[date.start : date.end], (base + date.start, base + date.end)
        )
        # Most dates lie before publication: they are settled without reading the tense.
        scheduled = date.window.latest > found.published and _is_scheduled(
            date.window, found.published, found.tense_at(date.start)
        )
    attribution = found.attribution
    kind = "scheduled" if scheduled else "quantity" if quantity else "event" if window else "statement"
    signals = checkworthiness.signals(
        casualties=found.casualties,
        unit=quantity.unit if quantity else None,
        has_number=quantity is not None,
        bounded=bool(quantity and quantity.comparator != "exactly"),
        has_date=window is not None,
        has_source=attribution is not None,
        quoted=bool(attribution and attribution.quoted),
        scheduled=scheduled,
    )
    check_after = (
        window.latest + datetime.timedelta(days=1)
        if scheduled and window is not None and window.latest < datetime.date.max
        else None
    )
    return ExtractedClaim(
        kind=cast(ClaimKind, kind),
        text=text,
        span=(found.sentence.start, found.sentence.end),
        language=found.language,
        quantity=quantity,
        date=window,
        speaker=attribution.speaker if attribution else None,
        check_after=check_after,
        checkworthiness=checkworthiness.score(signals),
        speaker_kind=speaker_kind_of(attribution.speaker, found.language) if attribution else None,
    )


def _claims_of(sentence: Sentence, language: str, published: datetime.date) -> list[ExtractedClaim]:
    text = sentence.text
    quotes = quotes_in(text)
    cues = cues_of(text, language)
    if not _may_hold_claims(text, language, quotes, cues):
        return []
    tense_at = _segment_tense(text, language, quotes)
    dates = find_dates(text, language, published, tense_at, cues.date_kinds) if cues.date_kinds else []
    date_spans = [(d.start, d.end) for d in dates]
    quantities: list[Quantity] = []
    if cues.numbers:
        tokens = Tokens(text, language)
        numbers = find_numbers(text, language, date_spans, tokens)
        quantities = _quantities(text, language, numbers, date_spans, tokens, sentence.start)
    attribution = attribution_of(text, language, quotes, date_spans, credited=cues.credited)
    if not quantities and not dates and attribution is None:
        return []
    found = _SentenceFindings(sentence, language, published, tense_at, attribution, cues.casualties)
    # Each quantity takes the date before it (or the first one); dates left over stand alone.
    claims: list[ExtractedClaim] = []
    used_dates: set[int] = set()
    for quantity in quantities:
        date = _nearest_date(dates, quantity.span[0] - sentence.start)
        if date is not None:
            used_dates.add(id(date))
        claims.append(_claim(found, quantity, date))
    claims.extend(_claim(found, None, date) for date in dates if id(date) not in used_dates)
    if not claims and found.attribution is not None:
        claims.append(_claim(found, None, None))
    return claims


def extract(text: str, *, published: datetime.date, language: str | None = None) -> list[ExtractedClaim]:
    """Checkable claims of an article, in reading order."""
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    claims: list[ExtractedClaim] = []
    fallback: str | None = None
    for sentence in split_sentences(text):
        sentence_language = language or detect_language(sentence.text) or fallback
        if sentence_language is None:
            sentence_language = detect_language(text[:5000]) or "en"
        fallback = sentence_language
        claims.extend(_claims_of(sentence, sentence_language, published))
    return claims
