"""Published verdicts as data: what the verdicts API, the public page and the webhooks show.

A verdict is a review with at least one VerdictRevision; what it says comes from its revisions
(the published record), never from the review's working fields or status, so a verdict being
corrected stays public, unchanged, until the correction is approved, and every earlier rating
stays visible with its correction note.
"""

import datetime
import functools
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Exists, JSONField, OuterRef, Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from reviews.workflow.models import Review, VerdictRevision, public_source
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.ratings import SCALE

# "Has a revision" as a scalar subquery on PostgreSQL, which the planner keeps a test per row:
# EXISTS became a merge semi join that read the revisions index from the newest end down to the
# cursor, so a page 90,000 verdicts deep read 90,000 index entries (45 ms); per row in id order
# it reads 51 at any depth (0.4 ms).
_HAS_REVISION_SQL = {
    "postgresql": "(SELECT true FROM reviews_verdictrevision p WHERE p.review_id = reviews_review.id LIMIT 1)",
}


def published_verdicts(*, prefetch: bool = True) -> QuerySet[Review]:
    """Reviews published at least once: a reopened one keeps its last publication online."""
    if connection.vendor in _HAS_REVISION_SQL:
        has_revision = RawSQL(_HAS_REVISION_SQL[connection.vendor], (), output_field=BooleanField())  # noqa: S611
        verdicts = Review.objects.filter(has_revision)
    else:
        verdicts = Review.objects.filter(Exists(VerdictRevision.objects.filter(review=OuterRef("pk"))))
    if not prefetch:
        return verdicts
    return (
        verdicts.select_related("claim", "claim__article")
        .defer("claim__article__body")
        .prefetch_related(Prefetch("revisions", queryset=VerdictRevision.objects.order_by("number")))
    )


# What a verdict reads from the review, its claim and article, and, as one JSON array, its
# revisions (the published record: rating, explanation, sources): one query per page. The
# array is built by the database (a correlated subquery on the (review, number) index), as
# raw SQL per vendor: Django compiles it at no cost, where ORM subqueries or a second query
# for the revisions cost more than the whole bare page.
VERDICT_COLUMNS = (
    "id", "version", "status", "rating", "published_at", "updated_at", "claim_id", "claim__text", "claim__kind",
    "claim__language", "claim__speaker", "claim__article_id", "claim__article__title", "claim__article__url",
    "claim__article__outlet", "claim__article__published_on", "revisions_json",
)
_REVISIONS_SQL = {
    "postgresql": """(
        SELECT json_agg(json_build_object(
            'number', r.number, 'rating', r.rating, 'explanation', r.explanation, 'sources', r.sources,
            'published_at', r.published_at, 'correction_note', r.correction_note, 'based_on', r.based_on_id)
            ORDER BY r.number)::text
        FROM reviews_verdictrevision r WHERE r.review_id = reviews_review.id)""",
    "sqlite": """(
        SELECT json_group_array(json_object(
            'number', r.number, 'rating', r.rating, 'explanation', r.explanation, 'sources', json(r.sources),
            'published_at', r.published_at, 'correction_note', r.correction_note, 'based_on', r.based_on_id))
        FROM (SELECT * FROM reviews_verdictrevision WHERE review_id = reviews_review.id ORDER BY number) r)""",
}


def verdict_rows(queryset: QuerySet[Review]) -> QuerySet[Review, dict[str, Any]]:
    """`queryset` as VERDICT_COLUMNS rows (dicts), for `verdict_data`."""
    revisions = RawSQL(_REVISIONS_SQL[connection.vendor], (), output_field=JSONField())  # noqa: S611 (constant SQL)
    return queryset.annotate(revisions_json=revisions).values(*VERDICT_COLUMNS)


def _instant(value: str) -> datetime.datetime:
    """A timestamp from the revisions JSON: ISO with an offset (PostgreSQL), or naive UTC (SQLite)."""
    instant = datetime.datetime.fromisoformat(value)
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=datetime.UTC)


def revisions_in(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The verdict's revisions, oldest first."""
    return [
        {**revision, "published_at": _instant(revision["published_at"])} for revision in row["revisions_json"] or []
    ]


def when(value: datetime.datetime | None, zone: datetime.tzinfo | None = None) -> str | None:
    """As DRF's DateTimeField writes it (the current time zone, ISO 8601), at a tenth of the cost.
    A page passes `zone` once: looking the current zone up cost more than the rest."""
    if value is None:
        return None
    text = value.astimezone(zone or timezone.get_current_timezone()).isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def rating_labels() -> dict[str, tuple[str, int | None]]:
    return {"": ("", None), **{str(level.value): (level.label, level.number) for level in SCALE}}


def revision_data(
    row: dict[str, Any], labels: dict[str, tuple[str, int | None]], zone: datetime.tzinfo | None = None
) -> dict[str, Any]:
    label, number = labels[row["rating"]]
    return {
        "number": row["number"], "rating": row["rating"], "rating_label": label, "rating_value": number,
        "explanation": row["explanation"], "sources": [public_source(source) for source in row["sources"] or []],
        "published_at": when(row["published_at"], zone), "correction_note": row["correction_note"],
    }


def based_on_data(earlier_id: int | None, page_base: str, api_base: str) -> dict[str, Any] | None:
    """The earlier verdict this one cites when the claim was closed as already checked."""
    if earlier_id is None:
        return None
    return {"id": earlier_id, "page_url": f"{page_base}{earlier_id}/", "api_url": f"{api_base}{earlier_id}/"}


@functools.cache
def _verdict_paths() -> tuple[str, str]:
    page, api = reverse("verdict-page", args=[0]), reverse("verdict-detail", args=[0])
    return page.removesuffix("0/"), api.removesuffix("0/")


def verdict_bases(request: Any = None) -> tuple[str, str]:
    """The addresses a verdict's page and API links start with: the caller's host, else the site's."""
    page_path, api_path = _verdict_paths()
    if request is None:
        return settings.SITE_URL + page_path, settings.SITE_URL + api_path
    return request.build_absolute_uri(page_path), request.build_absolute_uri(api_path)


def verdict_data(
    rows: list[dict[str, Any]], request: Any = None, *,
    labels: dict[str, tuple[str, int | None]] | None = None, bases: tuple[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Verdicts as the API shows them, from `verdict_rows` rows: the labels in the current
    language and the links on the caller's host, unless `labels` and `bases` are given."""
    labels = labels or rating_labels()
    zone = timezone.get_current_timezone()
    page_base, api_base = bases or verdict_bases(request)
    verdicts = []
    for row in rows:
        published = revisions_in(row)
        # A published review always has a revision (approve writes it); the review's own
        # rating is only a fallback.
        current = published[-1] if published else None
        rating = current["rating"] if current else row["rating"]
        label, number = labels[rating]
        verdicts.append({
            "id": row["id"],
            "claim": {"id": row["claim_id"], "text": row["claim__text"], "kind": row["claim__kind"],
                      "language": row["claim__language"], "speaker": row["claim__speaker"]},
            "rating": rating,
            "rating_label": label,
            "rating_value": number,
            "explanation": current["explanation"] if current else "",
            "sources": [public_source(source) for source in current["sources"] or []] if current else [],
            "article": {"id": row["claim__article_id"], "title": row["claim__article__title"],
                        "url": row["claim__article__url"], "outlet": row["claim__article__outlet"],
                        "published_on": row["claim__article__published_on"].isoformat()},
            "revision": current["number"] if current else 0,
            "correction_note": current["correction_note"] if current else "",
            "first_published_at": when(published[0]["published_at"], zone) if published else None,
            "published_at": when(current["published_at"] if current else row["published_at"], zone),
            "earlier_revisions": [revision_data(revision, labels, zone) for revision in reversed(published[:-1])],
            "page_url": f"{page_base}{row['id']}/",
            "based_on": based_on_data(current.get("based_on") if current else None, page_base, api_base),
            # Last, as what changes with every move: a stored document ends before them
            # (reviews.publishing.verdict_documents).
            **verdict_state(row, zone),
        })
    return verdicts


def verdict_state(row: dict[str, Any], zone: datetime.tzinfo | None = None) -> dict[str, Any]:
    """What a verdict's moves change: its update time and whether a correction is under way."""
    return {"updated_at": when(row["updated_at"], zone),
            "correction_under_way": row["status"] != ReviewStatus.PUBLISHED}


def verdict_of(review_id: int, request: Any = None) -> dict[str, Any] | None:
    rows = list(verdict_rows(published_verdicts(prefetch=False).filter(pk=review_id)))
    return verdict_data(rows, request)[0] if rows else None
