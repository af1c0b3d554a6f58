"""Claim extraction: article text in, checkable claims out. Pure Python, no Django.

    from claims.extraction import extract
    claims = extract(text, published=datetime.date(2018, 2, 23), language=None)

The contract is ../shared/docs/extraction-contract.md. The pieces, in the order they run:
sentences (offsets, quotes kept whole), language (per sentence), cues (a first look at each
sentence's chunks: may it hold a number, a date word, a casualty, a credit marker), dates + date_patterns +
windows + tense (phrases and their windows relative to publication, tense per clause),
tokens (the token layer: each word with its analysis from morphology, which is the Kazakh
suffix analyser of morphology_kk and thinner Russian and English ones), numbers (the scanner,
from number_scan, number_digits, number_words and number_after) + numerals + number_names +
units (digits, number words, Kazakh endings, what names rather than counts),
comparators (bounds, read in Kazakh on the last word of the counted phrase), subjects,
speakers and speaker_kinds (who is quoted, and whether a person or an organisation: an
internal attribute kept beside the contract's fields, `to_record()`), checkworthiness, and
assembly, which puts one claim together per quantity or date.
words_kk, words_ru and words_en hold the per-language word lists.
"""

from .assembly import extract
from .claim import DateWindow, ExtractedClaim, Quantity
from .language import LANGUAGES

# Stored on each article so claims can be re-extracted when the rules change.
EXTRACTOR_VERSION = "1.1.0"

__all__ = ["EXTRACTOR_VERSION", "LANGUAGES", "DateWindow", "ExtractedClaim", "Quantity", "extract"]
