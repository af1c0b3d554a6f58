"""Claim extraction: article text in, checkable claims out. Pure Python, no Django.

    from claims.extraction import extract
    claims = extract(text, published=datetime.date(2018, 2, 23), language=None)

The contract is ../shared/docs/extraction-contract.md.
"""

from .assembly import extract
from .claim import DateWindow, ExtractedClaim, Quantity
from .language import LANGUAGES

# Stored on each article so claims can be re-extracted when the rules change.
EXTRACTOR_VERSION = "1.0.0"

__all__ = ["EXTRACTOR_VERSION", "LANGUAGES", "DateWindow", "ExtractedClaim", "Quantity", "extract"]
