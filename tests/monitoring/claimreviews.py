"""ClaimReview markup as fact-checkers publish it, and DataFeed files of many."""

import json
from typing import Any


def claimreview(n: int, **overrides: Any) -> dict[str, Any]:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://factcheck.example/checks/{n}",
        "claimReviewed": f"Елде {n} мың жаңа жұмыс орны ашылды",
        "datePublished": "2026-10-0" + str(1 + n % 9),
        "inLanguage": "kk",
        "sdLicense": "https://creativecommons.org/licenses/by/4.0/",
        "author": {"@type": "Organization", "name": "Factcheck.kz", "url": "https://factcheck.example/"},
        "reviewRating": {"@type": "Rating", "ratingValue": "2", "bestRating": "5", "worstRating": "1",
                         "alternateName": "Жартылай жалған"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Министр"},
            "appearance": [{"@type": "CreativeWork", "url": f"https://news.example/{n}"}],
        },
    }
    review.update(overrides)
    return review


def datafeed(items: list[Any]) -> str:
    """A Data Commons DataFeed, one element per item, pretty-printed so items sit on their own lines."""
    return json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "dataFeedElement": [{"@type": "DataFeedItem", "item": [item]} for item in items],
        },
        ensure_ascii=False,
        indent=1,
    )


def page_with_jsonld(*documents: Any) -> str:
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(document, ensure_ascii=False)}</script>'
        for document in documents
    )
    return (f"<!doctype html><html><head><meta charset='utf-8'>{scripts}</head><body><article>"
            "<h1>Тексеру</h1><p>Министр елде 5 мың жаңа жұмыс орны ашылды деді, бірақ деректер "
            "бұны растамайды. Статистика комитеті тек 2 мың орын тіркеді.</p></article></body></html>")
