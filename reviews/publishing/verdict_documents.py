"""Each published verdict's API JSON, written when the verdict changes, read as text by the list.

Verdicts change rarely and are read by everyone, and building a page of 50 from their rows cost
the list several times the bare query. A document is the verdict as `verdict_data` shows it,
rendered by the API's JSON renderer, with what depends on the caller left as marks: the rating
labels (the caller's language) and the page and API addresses (the caller's host). A page puts
them in over its whole body, a replace per mark.

What a verdict says changes when it is published (again) or when its claim or article is edited;
its state (`updated_at`, `correction_under_way`), last in a verdict's JSON, changes with every
move: a document stops before it, and the page writes it from its own row. A document is used
only while it was written for the verdict's latest publication (the review's `published_at`) by
the code that shapes a verdict now. Publishing, any save of a published review, its revisions,
its claim or the claim's article rewrite the documents before the verdict pages' version moves
(reviews.publishing.verdict_cache). A missing or stale document is built for the page from the
rows and not stored: a read may see rows that a change is replacing, and a document stored from
them would outlive the change.
"""

import functools
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.utils import timezone, translation
from rest_framework.renderers import JSONRenderer

from factcheck.prepared import prepared
from reviews.publishing.code_digest import code_digest
from reviews.publishing.models import VerdictDocument
from reviews.publishing.verdicts import (
    published_verdicts,
    rating_labels,
    verdict_bases,
    verdict_data,
    verdict_rows,
    verdict_state,
)
from reviews.workflow.models import Review

# The columns a page reads: what the cursor, the ETag and Last-Modified need, and the document;
# the publication time only for pages in its order (a timestamp is parsed in Python).
DOCUMENT_COLUMNS = ("id", "version", "status", "rating", "updated_at", "document")

# A mark is rendered as a control character, which the renderer always escapes (\u0001), so no
# verdict's text reads as one unless it holds that character itself. A stored document has its
# marks as \x02<name>\x02, a character the renderer never writes raw: a page is split on it once.
_OPEN, _STORED = "\x01", "\x02"
_PAGE, _API, _RESULTS = f"{_OPEN}P{_OPEN}", f"{_OPEN}A{_OPEN}", f"{_OPEN}R{_OPEN}"
_MARKED_LABELS = {
    value: (f"{_OPEN}L{value}{_OPEN}", number) for value, (_label, number) in rating_labels().items()
}


# The code a document's text comes from: a deploy that changes it leaves the old documents unused.
_SHAPED_BY = ("reviews/publishing/verdicts.py", "reviews/publishing/verdict_documents.py",
              "reviews/workflow/ratings.py", "reviews/workflow/models.py")

_DOCUMENT_SQL = """(
    SELECT d.body FROM reviews_verdictdocument d
    WHERE d.review_id = reviews_review.id
      AND d.published_at = reviews_review.published_at AND d.shape = %s)"""


@functools.cache
def shape() -> str:
    return code_digest(_SHAPED_BY, settings.TIME_ZONE, JSONRenderer.ensure_ascii, JSONRenderer.compact)[:32]


def _render(data: Any) -> str:
    return JSONRenderer().render(data).decode()


def _written(rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str, bool]]:
    """(row, document, whole) for `verdict_rows` rows: each verdict's JSON up to its state, the
    caller's parts marked; `whole` is False when the verdict's own text holds the mark character."""
    written = []
    for row, data in zip(rows, verdict_data(rows, labels=_MARKED_LABELS, bases=(_PAGE, _API)), strict=True):
        for name in verdict_state(row):
            del data[name]
        body = _render(data).removesuffix("}")
        marks = 2 + len(data["earlier_revisions"]) + (2 if data["based_on"] else 0)  # labels and links
        written.append((row, body.replace("\\u0001", _STORED), body.count("\\u0001") == 2 * marks))
    return written


def _rows_of(ids: Iterable[int]) -> list[dict[str, Any]]:
    return list(verdict_rows(published_verdicts(prefetch=False).filter(pk__in=ids)))


def refresh(review_ids: Iterable[int], *, stale_only: bool = False) -> int:
    """Write the documents of these reviews as they are now (in the caller's transaction), only
    those missing or stale with `stale_only`; remove those of reviews that show no verdict.
    Returns how many were written."""
    ids = set(review_ids)
    if stale_only and ids:
        stale = published_documents().filter(pk__in=ids, document__isnull=True)  # type: ignore[misc]  # an annotation the stubs cannot see
        ids = set(stale.values_list("pk", flat=True))
    if not ids:
        return 0
    kept = [
        VerdictDocument(review_id=row["id"], published_at=row["published_at"], shape=shape(), body=body)
        for row, body, whole in _written(_rows_of(ids)) if whole
    ]
    with transaction.atomic():
        VerdictDocument.objects.filter(review_id__in=ids - {document.review_id for document in kept}).delete()
        VerdictDocument.objects.bulk_create(
            kept, update_conflicts=True, unique_fields=["review"], update_fields=["published_at", "shape", "body"]
        )
    return len(kept)


def refresh_stale(*, everyone: bool = False, batch: int = 1000) -> int:
    """Write the documents that are missing or stale (every one with `everyone`): after a deploy
    that changed their shape, or data loaded around the signals."""
    ids = list(published_documents().order_by("pk").values_list("pk", flat=True))
    return sum(refresh(ids[start:start + batch], stale_only=not everyone) for start in range(0, len(ids), batch))


@functools.cache
def _published_documents(columns: tuple[str, ...]) -> QuerySet[Review, dict[str, Any]]:
    document = RawSQL(_DOCUMENT_SQL, (shape(),), output_field=TextField())  # noqa: S611 (constant SQL)
    return prepared(published_verdicts(prefetch=False).annotate(document=document).values(*columns))


def published_documents(*, with_published_at: bool = False) -> QuerySet[Review, dict[str, Any]]:
    """Published verdicts as DOCUMENT_COLUMNS rows (and `published_at`, if asked); `document` is
    None where none matches the verdict. Built once per process and copied: building it cost a
    tenth of a page."""
    return _published_documents(DOCUMENT_COLUMNS + (("published_at",) if with_published_at else ())).all()


def documents_of(rows: list[dict[str, Any]], request: Any) -> list[tuple[str, bool]]:
    """(document, marked) for a page's rows, in order: those missing or stale are built now,
    and one whose text holds the mark character is built without marks, for this caller."""
    missing = [row["id"] for row in rows if row["document"] is None]
    built: dict[int, tuple[str, bool]] = {}
    if missing:
        for row, body, whole in _written(_rows_of(missing)):
            built[row["id"]] = (body, True) if whole else (_render(verdict_data([row], request)[0]), False)
    return [(row["document"], True) if row["document"] is not None else built[row["id"]] for row in rows]


@functools.lru_cache(maxsize=64)
def _filled(language: str | None, page_base: str, api_base: str) -> dict[str, str]:
    """What each mark reads for callers in `language` on this host, as JSON string content."""
    values = {"P": page_base, "A": api_base}
    for value, (label, _number) in rating_labels().items():
        values[f"L{value}"] = str(label)
    return {name: json.dumps(value, ensure_ascii=False)[1:-1] for name, value in values.items()}


def page_body(head: dict[str, Any], rows: list[dict[str, Any]], documents: list[tuple[str, bool]],
              request: Any) -> bytes:
    """A list page as the JSON renderer writes it: `head` (its links) with "results" the
    documents of `rows`, each ended with its row's state, the marks filled in for the caller."""
    zone = timezone.get_current_timezone()
    results = []
    for row, (body, marked) in zip(rows, documents, strict=True):
        if marked:
            state = verdict_state(row, zone)
            body = (f'{body},"updated_at":"{state["updated_at"]}",'
                    f'"correction_under_way":{"true" if state["correction_under_way"] else "false"}}}')
        results.append(body)  # one built whole for this caller has no raw \x02 in it
    # The results mark is a string in the head, written as json.dumps writes it.
    text = _render({**head, "results": _RESULTS}).replace(json.dumps(_RESULTS), "[" + ",".join(results) + "]")
    parts = text.split(_STORED)
    values = _filled(translation.get_language(), *verdict_bases(request))
    parts[1::2] = [values[name] for name in parts[1::2]]
    return "".join(parts).encode()
