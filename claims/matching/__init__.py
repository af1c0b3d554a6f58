"""Claim matching: has this claim been checked before, in Kazakh, Russian or English? Pure Python.

    from claims.matching import Matcher
    m = Matcher()
    m.add("v17", text, language="kk", published=datetime.date(2018, 2, 23))
    hits = m.search(text, language="en", published=datetime.date(2018, 3, 1), k=5)

The contract is ../shared/docs/matching-contract.md. The pieces: embedding (the optional
multilingual model), translit + words (one Latin spelling, stems and names), places (which
city or country), figures (the extractor's figures and dates, and how two claims' agree),
lexical (idf-weighted shared stems), thresholds (every calibrated number), matcher (the index).
"""

from .embedding import MatchingStatus, matching_status
from .hits import Hit
from .matcher import Matcher, Prepared

# Bumped when what Prepared holds changes, so stored signatures are rebuilt.
MATCHER_VERSION = "1.0.0"

__all__ = ["MATCHER_VERSION", "Hit", "Matcher", "MatchingStatus", "Prepared", "matching_status"]
