"""Whatever text comes in, extract() returns well-formed claims and never raises."""

import datetime
import math
import string
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims.extraction import extract

# Pieces that reach the number, date and quote rules, mixed with anything at all.
FRAGMENTS = [
    "кемінде 340",
    "800-ден астам",
    "4,5 миллионға жуық",
    "үш жүз қырық",
    "жиырма бесінші",
    "20-сыншы ақпан",
    "21-22 желтоқсанда",
    "наурыздың ортасына",
    "2017-нші жылы",
    "былтырдан бері",
    "мен",
    "аралығында",
    "кеше",
    "не менее",
    "от 100 до 150",
    "с 5 по 7 октября",
    "в конце мая",
    "1,5 тыс.",
    "трехсот",
    "в субботу",
    "at least",
    "between 2 and 3 million",
    "from 5 to 7 October",
    "late May",
    "Monday",
    "next year",
    "$5",
    "ЭКСПО-2017",
    "COVID-19",
    "G20",
    "Boeing 737",
    "+7 (727) 250-15-15",
    "10:30",
    "«",
    "»",
    '"',
    "„",
    "“",
    ":",
    "–",
    "-",
    "—",
    ".",
    "!",
    "?",
    "\n",
    " ",
    "%",
    "0",
    "9",
    "31",
    "2024",
    "1 200",
    "99999999999999999999",
    "февраля 29",
    "29 ақпан",
    "31 сәуір",
    "Q4",
    "H2",
    "деді",
    "делінген",
    "мәліметінше",
    "по данным",
    "said",
    "according to",
    "\u200f",
    "\u202e",
    "🙂",
    "\x00",
    "\x1b",
    "ﷺ",
    "שלום",
    "مرحبا",
    "İ",
    "ǅ",
    "ß",
]
PUBLISHED = st.dates(min_value=datetime.date(1001, 1, 1), max_value=datetime.date(9998, 12, 31))
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
NEWS_LIKE = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(string.printable, max_size=5)), max_size=40).map(
    " ".join
)


def assert_well_formed(text: str, published: datetime.date, language: str | None = None) -> None:
    for claim in extract(text, published=published, language=language):
        data = claim.to_dict()
        assert data["kind"] in ("quantity", "event", "scheduled", "statement")
        assert data["language"] in ("kk", "ru", "en")
        start, end = data["span"]
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == data["text"]
        assert 0.0 <= data["checkworthiness"] <= 1.0
        if data["quantity"]:
            q = data["quantity"]
            assert math.isfinite(q["value"])
            assert q["upper"] is None or (math.isfinite(q["upper"]) and q["comparator"] == "between")
            qs, qe = q["span"]
            assert start <= qs <= qe <= end
        if data["date"]:
            d = data["date"]
            earliest = datetime.date.fromisoformat(d["earliest"])
            latest = datetime.date.fromisoformat(d["latest"])
            assert earliest <= latest
            ds, de = d["span"]
            assert text[ds:de] == d["text"]
        if data["kind"] == "scheduled":
            assert datetime.date.fromisoformat(data["check_after"]) == latest + datetime.timedelta(days=1)
        else:
            assert data["check_after"] is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, published=PUBLISHED)
@example(text="", published=datetime.date(2024, 5, 10))
@example(text=" \t\r\n\x0b\x0c\u2028\u2029\u00a0", published=datetime.date(2024, 5, 10))
@example(text="\x00\x01\x1f\x7f", published=datetime.date(2024, 5, 10))
@example(text="31 желтоқсанда", published=datetime.date(9998, 12, 31))
@example(text="1 қаңтарда", published=datetime.date(1001, 1, 1))
def test_any_text_gives_well_formed_claims(text, published):
    assert_well_formed(text, published)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NEWS_LIKE, published=PUBLISHED, language=st.sampled_from([None, "kk", "ru", "en"]))
def test_news_like_text_gives_well_formed_claims(text, published, language):
    assert_well_formed(text, published, language)


def extract_counting_calls(text: str, published: datetime.date) -> tuple[list, int]:
    """The claims, and how many Python function calls extracting them took: a measure of the
    work done that, unlike a clock, is the same on a busy machine as on an idle one."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        claims = extract(text, published=published)
    finally:
        sys.setprofile(None)
    return claims, calls


@pytest.mark.slow
def test_a_megabyte_article_is_handled_in_work_proportional_to_its_size():
    """A megabyte of news (the Kazakh test file, copy after copy) costs no more work per
    character than a tenth of it: nothing in the extractor grows faster than the text (a scan
    of the whole text per sentence would cost ten times as much per character). Every whole
    copy gives the claims the file gives on its own, so nothing is dropped or run together."""
    published = datetime.date(2024, 5, 10)
    with open(__file__.replace("test_properties.py", "test_kazakh.py"), encoding="utf-8") as fh:
        sample = fh.read()
    text = (sample * (1_000_000 // len(sample) + 1))[:1_000_000]

    claims, calls = extract_counting_calls(text, published)
    _, tenth_calls = extract_counting_calls(text[:100_000], published)

    assert calls / len(text) <= 1.25 * tenth_calls / 100_000, (calls, tenth_calls)
    alone = [claim.to_dict() for claim in extract(sample, published=published)]
    assert len(alone) > 100
    copies: dict[int, list[dict]] = {}
    for claim in claims:
        data = claim.to_dict()
        copy = data["span"][0] // len(sample)
        shift = copy * len(sample)
        data["span"] = [data["span"][0] - shift, data["span"][1] - shift]
        for part in ("quantity", "date"):
            if data[part]:
                data[part]["span"] = [data[part]["span"][0] - shift, data[part]["span"][1] - shift]
        copies.setdefault(copy, []).append(data)
    whole = len(text) // len(sample)
    assert whole == 82
    for copy in range(whole):
        assert copies[copy] == alone, f"copy {copy}"
    assert_well_formed(text[-50_000:], published)


@pytest.mark.slow
@pytest.mark.parametrize("piece", ["a ", "1 ", "«", '"x ', "бір екі ", "12-13 ", "-", "\n"])
def test_long_runs_of_one_piece_are_handled(piece):
    assert_well_formed(piece * (30_000 // len(piece)), datetime.date(2024, 5, 10))
