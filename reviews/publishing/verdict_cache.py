"""Verdict list pages kept whole in the cache, so a repeated request costs a cache read.

A page is keyed by everything its body depends on: the version of the published verdicts, the
caller's language, the format, the host and scheme (its links are absolute), the path, every
query parameter (sorted, so a filter added to the API later needs nothing here) and the code
and translations that shape it. The version is
a counter in the cache, bumped after every change to what a verdict shows: a move of a review
that has been published (publish, correct, reopen, the check-again sweep), and any save or
delete of a published review, its revisions, its claim or the claim's article. Nothing expires
a page but the version moving on: a page of an old version is never served again, and is
replaced when the page is next built (or leaves after VERDICT_PAGE_CACHE_SECONDS).

Bumps happen twice: at once, for a change made outside a transaction or seen by the code that
made it, and again after the commit, because a page built between the first bump and the commit
read the old rows. A counter that the cache lost starts again from the clock in nanoseconds,
above any value it had, so an old page can never come back under a new version.

Production's cache (Redis) is shared by every process on every machine, so a bump anywhere is
seen everywhere. The local-memory cache of the embedded defaults is one per process: there the
key also carries the SQLite file's change stamp (a commit by the worker or a management command
moves it), and with local memory in front of any other database pages are not kept at all.
"""

import functools
import hashlib
import logging
import os
import time
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation

from claims.models import Article, Claim
from reviews.publishing import verdict_documents
from reviews.publishing.code_digest import code_digest
from reviews.workflow.models import Review, VerdictRevision
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.signals import review_moved

log = logging.getLogger(__name__)

CACHE_ALIAS = "default"
VERSION_KEY = "verdicts:version"
PAGE_PREFIX = "verdicts:page"


def _cache() -> BaseCache:
    return caches[CACHE_ALIAS]


def _fresh_version() -> int:
    return time.time_ns()


def version() -> int:
    """The current version of the published verdicts (a counter in the cache)."""
    cache = _cache()
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        current = cache.get(VERSION_KEY)
    return int(current) if current is not None else _fresh_version()


def _bump_now() -> None:
    cache = _cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no counter yet, or the cache lost it
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)


def bump() -> None:
    """What the published verdicts show has changed (or will when the transaction commits)."""
    _bump_now()
    if connection.in_atomic_block:
        transaction.on_commit(_bump_now)


def _sqlite_stamp() -> tuple[int, ...] | None:
    """The SQLite file's identity, size and modification time (with its WAL's, if any)."""
    name = str(connection.settings_dict.get("NAME") or "")
    stamp: list[int] = []
    for path in (name, f"{name}-wal"):
        try:
            found = os.stat(path)
        except OSError:
            continue
        stamp += [found.st_ino, found.st_size, found.st_mtime_ns]
    return tuple(stamp)


def _process_stamp() -> tuple[int, ...] | None:
    """What a process-local cache adds to the key; None when pages must not be kept."""
    if not isinstance(_cache(), LocMemCache):
        return ()
    if connection.vendor != "sqlite":
        return None  # another process's change would go unseen
    if cast(Any, connection).is_in_memory_db():  # a method of SQLite's connection only
        return ()  # one process (the tests)
    return _sqlite_stamp()


# The code and catalogs a page's body comes from: a deploy that changes how a verdict is shown
# or worded must not be served the pages the old code built (Redis outlives deploys).
_SHAPED_BY = ("reviews/publishing/verdicts.py", "reviews/publishing/verdict_documents.py",
              "reviews/publishing/verdicts_api.py",
              "reviews/publishing/verdict_cache.py", "reviews/workflow/ratings.py", "reviews/workflow/models.py",
              "factcheck/pagination.py")


@functools.cache
def _code_stamp() -> str:
    catalogs = sorted(path for folder in settings.LOCALE_PATHS for path in Path(folder).glob("*/LC_MESSAGES/*.mo"))
    return code_digest([*_SHAPED_BY, *catalogs])[:16]


def page_key(request: Any, fmt: str) -> str | None:
    """The cache key of the list page `request` asks for, or None when it is not to be kept."""
    stamp = _process_stamp()
    if stamp is None:
        return None
    params = sorted((name, sorted(request.query_params.getlist(name))) for name in request.query_params)
    what = (_code_stamp(), fmt, translation.get_language(), request.scheme, request.get_host(), request.path,
            params, stamp)
    return f"{PAGE_PREFIX}:{hashlib.sha256(repr(what).encode()).hexdigest()}"


def page(key: str) -> tuple[int, dict[str, Any] | None]:
    """The current version and the page kept under `key` if it was built at that version.

    One round trip: the page carries the version it was built at, so the version and the page
    are read together. A page built from rows read before a change, stored after it, carries
    the old version and is simply built again."""
    cache = _cache()
    found = cache.get_many([VERSION_KEY, key])
    current = found.get(VERSION_KEY)
    if current is None:
        return version(), None
    kept = found.get(key)
    if kept is None or kept["version"] != current:
        return int(current), None
    return int(current), kept


def keep(key: str, at: int, body: bytes, content_type: str, etag: str, last_modified: float | None) -> dict[str, Any]:
    """Keep a page built from rows read at version `at` (read before the rows were)."""
    kept = {"version": at, "body": body, "content_type": content_type, "etag": etag, "last_modified": last_modified}
    _cache().set(key, kept, timeout=settings.VERDICT_PAGE_CACHE_SECONDS)
    return kept


# --- what moves the version ---------------------------------------------------------------------

# What the verdicts show of a claim and of its article: a save that names none of these in
# update_fields (extraction marking an article done, say) leaves the pages as they are.
CLAIM_FIELDS_SHOWN = frozenset({"text", "kind", "language", "speaker", "article", "article_id"})
ARTICLE_FIELDS_SHOWN = frozenset({"title", "url", "outlet", "published_on"})


def _shown(update_fields: frozenset[str] | None, shown: frozenset[str]) -> bool:
    return update_fields is None or bool(update_fields & shown)


# Each receiver rewrites the verdicts' documents before it moves the version: a page built
# after the version moved must find the new documents.

@receiver(review_moved, dispatch_uid="reviews.publishing.verdict_cache.moved")
def _on_review_moved(sender: Any, *, review_id: int, to_status: str, published: bool = True, **kwargs: Any) -> None:
    if not published:
        return
    # A move changes only the verdict's state, which pages read from the review's row; a
    # publication changes what it says.
    if to_status == ReviewStatus.PUBLISHED:
        try:
            # Most publications wrote it already, with their revision, in their transaction.
            verdict_documents.refresh([review_id], stale_only=True)
        except DatabaseError:
            # After the commit: the move stands. Its old document was written for an earlier
            # publication, so pages build the verdict from its rows until one is written.
            log.exception("the document of verdict %s was not written", review_id)
    bump()


@receiver(post_save, sender=Review, dispatch_uid="reviews.publishing.verdict_cache.review")
def _on_review_saved(sender: Any, instance: Review, **kwargs: Any) -> None:
    if instance.published_at is not None:
        verdict_documents.refresh([instance.pk])
        bump()


@receiver(post_delete, sender=Review, dispatch_uid="reviews.publishing.verdict_cache.review_deleted")
def _on_review_deleted(sender: Any, instance: Review, **kwargs: Any) -> None:
    if instance.published_at is not None:
        bump()


@receiver([post_save, post_delete], sender=VerdictRevision, dispatch_uid="reviews.publishing.verdict_cache.revision")
def _on_revision_saved(sender: Any, instance: VerdictRevision, **kwargs: Any) -> None:
    verdict_documents.refresh([instance.review_id])
    bump()


def _published(reviews: Any) -> list[int]:
    return list(reviews.filter(published_at__isnull=False).values_list("pk", flat=True))


@receiver(post_save, sender=Claim, dispatch_uid="reviews.publishing.verdict_cache.claim")
def _on_claim_saved(sender: Any, instance: Claim, created: bool, update_fields: frozenset[str] | None,
                    **kwargs: Any) -> None:
    if created or not _shown(update_fields, CLAIM_FIELDS_SHOWN):
        return
    if shown := _published(Review.objects.filter(claim_id=instance.pk)):
        verdict_documents.refresh(shown)
        bump()


@receiver(post_save, sender=Article, dispatch_uid="reviews.publishing.verdict_cache.article")
def _on_article_saved(sender: Any, instance: Article, created: bool, update_fields: frozenset[str] | None,
                      **kwargs: Any) -> None:
    if created or not _shown(update_fields, ARTICLE_FIELDS_SHOWN):
        return
    if shown := _published(Review.objects.filter(claim__article_id=instance.pk)):
        verdict_documents.refresh(shown)
        bump()
