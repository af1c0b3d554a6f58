"""How much a fact-checker should care about a claim: a transparent, additive score.

Each signal adds a fixed weight and the sum is capped at 1.0, so a reviewer can read off
why a claim ranks where it does:

| signal                                              | weight |
|-----------------------------------------------------|--------|
| a number                                            | 0.20   |
| ... bounded by a comparator (at least, more than...)| +0.10  |
| a date                                              | 0.15   |
| a named source or speaker                           | 0.15   |
| a direct quote                                      | 0.05   |
| a scheduled event (can be settled on check_after)   | 0.15   |
| casualties, money or percent                        | 0.20   |

A bare statement with a speaker scores 0.15 (+0.05 quoted); "кемінде 340 бейбіт тұрғын
мерт болды" with a date scores 0.65.
"""

from __future__ import annotations

from . import words_en, words_kk, words_ru

WEIGHTS = {
    "number": 0.20,
    "comparator": 0.10,
    "date": 0.15,
    "source": 0.15,
    "quote": 0.05,
    "scheduled": 0.15,
    "stakes": 0.20,
}
MONEY_AND_PERCENT = frozenset({"percent", "percentage_point", "KZT", "USD", "EUR", "RUB", "GBP"})
CASUALTY = {"kk": words_kk.CASUALTY, "ru": words_ru.CASUALTY, "en": words_en.CASUALTY}


def mentions_casualties(sentence: str, language: str) -> bool:
    return CASUALTY[language].search(sentence) is not None


def signals(
    *,
    casualties: bool,
    unit: str | None,
    has_number: bool,
    bounded: bool,
    has_date: bool,
    has_source: bool,
    quoted: bool,
    scheduled: bool,
) -> set[str]:
    found = set()
    if has_number:
        found.add("number")
        if bounded:
            found.add("comparator")
    if has_date:
        found.add("date")
    if has_source:
        found.add("source")
    if quoted:
        found.add("quote")
    if scheduled:
        found.add("scheduled")
    if unit in MONEY_AND_PERCENT or casualties:
        found.add("stakes")
    return found


def score(found: set[str]) -> float:
    return round(min(1.0, sum(WEIGHTS[name] for name in found)), 2)
