"""schema.org ClaimReview of a published verdict (what search engines and aggregators read).

Built from the latest VerdictRevision, the published record, not from the review's working
fields. The rating scale is reviews/workflow/ratings.py: a number from 1 to 5, or for `misleading` and
`unproven` only `alternateName`.
"""

import json
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from reviews.workflow.models import Review, VerdictRevision
from reviews.workflow.ratings import BEST_RATING, WORST_RATING, rating_level

CLAIM_REVIEWED_MAX = 75
ELLIPSIS = "…"

# Escapes that keep JSON inside <script> from closing the element or opening a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def shorten(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """The text in fewer than `limit` characters, cut at a word with an ellipsis if needed."""
    text = " ".join(text.split())
    if len(text) < limit:
        return text
    cut = text[: limit - 2]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def verdict_page_url(review: Review, request: Any = None) -> str:
    path = reverse("verdict-page", args=[review.pk])
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path


def review_rating(rating: str) -> dict[str, Any]:
    level = rating_level(rating)
    if level.number is None:
        return {"@type": "Rating", "alternateName": level.label}
    return {
        "@type": "Rating",
        "ratingValue": level.number,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": level.label,
    }


def claim_review(review: Review, request: Any = None) -> dict[str, Any]:
    """The ClaimReview JSON-LD object of a published review (revisions prefetched or not)."""
    claim, article = review.claim, review.claim.article
    revisions = sorted(review.revisions.all(), key=lambda revision: revision.number)
    current = revisions[-1] if revisions else None
    rating = current.rating if current else review.rating
    first_published = revisions[0].published_at if revisions else review.published_at
    modified = current.published_at if current else review.published_at
    organization = settings.FACTCHECK_ORGANIZATION

    if claim.speaker:
        claim_author: dict[str, Any] = {"@type": "Person", "name": claim.speaker}
    else:
        claim_author = {"@type": "Organization", "name": article.outlet or article.title}
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title,
                                  "datePublished": article.published_on.isoformat()}
    if article.url:
        appearance["url"] = article.url
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}

    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": verdict_page_url(review, request),
        "claimReviewed": shorten(claim.text),
        "reviewRating": review_rating(rating),
        "itemReviewed": {
            "@type": "Claim",
            "author": claim_author,
            "datePublished": article.published_on.isoformat(),
            "appearance": appearance,
        },
        "author": {"@type": "Organization", "name": organization["name"], "url": organization["url"]},
        "datePublished": first_published.isoformat() if first_published else None,
        "dateModified": modified.isoformat() if modified else None,
        "inLanguage": claim.language,
        **earlier_verdict_cited(current, request),
    }


def earlier_verdict_cited(revision: VerdictRevision | None, request: Any = None) -> dict[str, Any]:
    """`isBasedOn` (schema.org CreativeWork: the resource this work is derived from) naming the
    earlier ClaimReview a claim closed as already checked takes its rating from; {} otherwise."""
    if revision is None or revision.based_on_id is None:
        return {}
    path = reverse("verdict-page", args=[revision.based_on_id])
    url = request.build_absolute_uri(path) if request is not None else settings.SITE_URL + path
    return {"isBasedOn": {"@type": "ClaimReview", "url": url}}


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """A <script type="application/ld+json"> element that no text in `data` can break out of."""
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{encoded}</script>')  # noqa: S308 (escaped above)
