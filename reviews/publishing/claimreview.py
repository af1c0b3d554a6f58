"""schema.org ClaimReview of a published verdict (what search engines and aggregators read).

Built from the latest VerdictRevision, the published record, not from the review's working
fields. The rating scale is reviews/workflow/ratings.py: a number from 1 to 5, or for `misleading` and
`unproven` only `alternateName`. The whole ClaimReview is in the claim's language (`inLanguage`),
whoever reads it: its rating's name is never the visitor's language.

Each part of it is a function of its own (the claim's author, where the claim appeared, the
newsroom, the rating), and `claim_review` puts them together.
"""

import json
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from claims.models import Article, Claim, SpeakerKind
from reviews.workflow.models import Review, VerdictRevision
from reviews.workflow.ratings import BEST_RATING, WORST_RATING, rating_level
from reviews.workflow.summary import suggested_summary

# The blind cut, kept under its old name: what verdicts published before summaries were written show.
shorten = suggested_summary

SCHEMA_TYPES: dict[str, str] = {SpeakerKind.PERSON: "Person", SpeakerKind.ORGANISATION: "Organization"}

# Escapes that keep JSON inside <script> from closing the element or opening a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def verdict_page_url(review: Review, request: Any = None) -> str:
    path = reverse("verdict-page", args=[review.pk])
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path


def review_rating(rating: str, language: str | None = None) -> dict[str, Any]:
    """The Rating, its name in `language` (the claim's), or in the active language if None."""
    level = rating_level(rating)
    if language:
        with translation.override(language):
            name = level.label
    else:
        name = level.label
    if level.number is None:
        return {"@type": "Rating", "alternateName": name}
    return {
        "@type": "Rating",
        "ratingValue": level.number,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": name,
    }


def claim_reviewed(claim: Claim, current: VerdictRevision | None) -> str:
    """The fact-checker's summary; the blind cut for verdicts published before summaries."""
    return (current.claim_summary if current else "") or shorten(claim.text)


def claim_author(claim: Claim, article: Article) -> dict[str, Any] | None:
    """Who made the claim: the speaker as the person or organisation they are, else the outlet
    that published it; None when neither is known (never the article's headline)."""
    if claim.speaker:
        kind = SCHEMA_TYPES.get(claim.speaker_kind)
        return {"@type": kind, "name": claim.speaker} if kind else None
    if article.outlet:
        return {"@type": "Organization", "name": article.outlet}
    return None


def _creative_work(article: Article) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title,
                            "datePublished": article.published_on.isoformat()}
    if article.url:
        work["url"] = article.url
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet}
    return work


def claim_appearances(article: Article) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(the first appearance: the article the claim was found in; every appearance: it and the
    copies of its story found since, those with an address)."""
    first = _creative_work(article)
    copies = article.near_duplicates.exclude(url=None).exclude(url="").order_by("published_on", "id")
    return first, [first, *(_creative_work(copy) for copy in copies.only("title", "url", "outlet", "published_on"))]


def fact_checker(request: Any = None) -> dict[str, Any]:
    """The newsroom as the review's author: its name and home page from settings, else the
    site's own address (never a development address: SITE_URL has none in production)."""
    organization = settings.FACTCHECK_ORGANIZATION
    url = organization.get("url") or (request.build_absolute_uri("/") if request is not None else "")
    author: dict[str, Any] = {"@type": "Organization", "name": organization["name"]}
    if url:
        author["url"] = url
    return author


def claim_review(review: Review, request: Any = None) -> dict[str, Any]:
    """The ClaimReview JSON-LD object of a published review (revisions prefetched or not)."""
    claim, article = review.claim, review.claim.article
    revisions = sorted(review.revisions.all(), key=lambda revision: revision.number)
    current = revisions[-1] if revisions else None
    rating = current.rating if current else review.rating
    first_published = revisions[0].published_at if revisions else review.published_at
    modified = current.published_at if current else review.published_at
    first_appearance, appearances = claim_appearances(article)

    item_reviewed: dict[str, Any] = {
        "@type": "Claim",
        "datePublished": article.published_on.isoformat(),
        "firstAppearance": first_appearance,
        "appearance": appearances,
    }
    author = claim_author(claim, article)
    if author is not None:
        item_reviewed["author"] = author
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": verdict_page_url(review, request),
        "claimReviewed": claim_reviewed(claim, current),
        "reviewRating": review_rating(rating, claim.language),
        "itemReviewed": item_reviewed,
        "author": fact_checker(request),
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
