"""Matching in the product: claims' stored signatures, this process's index, ClaimMatch rows.

The index (claims.matching.Matcher) lives in each process. It holds our claims (index id: the
claim's pk) and other fact-checkers' imported verdicts (ExternalVerdict, index id "x<pk>",
signed from their claimReviewed). It is built from the ClaimSignature and
ExternalVerdictSignature rows the first time it is needed (a worker builds it when it starts), and
before each use it catches up with the rows written since, by any process, so claims stored
by another worker are found too. Claims removed since are dropped from results when the
matches are written. Tasks (claims.matching_tasks) call these functions, never the reverse.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.matching import MATCHER_VERSION, Hit, Matcher, Prepared, matching_status
from claims.models import (
    Claim,
    ClaimMatch,
    ClaimSignature,
    ExternalVerdict,
    ExternalVerdictSignature,
    Language,
    MatchingStatus,
    MatchState,
    MatchTier,
)
from reviews.workflow.errors import ReviewConflict
from reviews.workflow.models import Review
from reviews.workflow.services import GROUP_TAKING, review_join_group

log = logging.getLogger(__name__)

_lock = threading.RLock()
_index: Matcher | None = None
_seen_until: datetime.datetime | None = None   # signatures updated up to here are in the index

Progress = Callable[[int, int], None]


def _stored(row: ClaimSignature | Mapping[str, Any]) -> Prepared:
    if not isinstance(row, ClaimSignature):
        return Prepared.from_stored(str(row["claim_id"]), row["claim__language"], row["claim__article__published_on"],
                                    row["signature"], bytes(row["vector"]) if row["vector"] is not None else None)
    return Prepared.from_stored(str(row.claim_id), row.claim.language, row.claim.article.published_on,
                                row.signature, bytes(row.vector) if row.vector is not None else None)


def _embedding_name(m: Matcher) -> str:
    return m.embedder.name if m.embedder is not None else ""


def _fresh(m: Matcher) -> Q:
    """Signatures made by this matcher version with this embedding (or none, when reduced)."""
    return Q(matcher_version=MATCHER_VERSION, embedding=_embedding_name(m))


def signatures_store(claims: Iterable[Claim], m: Matcher) -> list[Prepared]:
    """Prepare the claims for matching and keep what the index needs in their ClaimSignature rows."""
    claims = list(claims)
    prepared = m.prepare_many([(str(c.pk), c.text, c.language, c.article.published_on) for c in claims])
    for claim, p in zip(claims, prepared, strict=True):
        ClaimSignature.objects.update_or_create(
            claim=claim,
            defaults={"vector": p.vector, "embedding": _embedding_name(m), "signature": p.signature_dict(),
                      "matcher_version": MATCHER_VERSION},
        )
    return prepared


# --- other fact-checkers' verdicts in the index ------------------------------------------
EXTERNAL = "x"  # the index id of ExternalVerdict 17 is "x17"
EXTERNAL_ROW = ("verdict_id", "verdict__language", "verdict__published_on", "signature", "vector")
# Verdicts signed at most per catch-up: an import of thousands is signed by the next few uses.
EXTERNAL_SIGN_BATCH = 200


def _external_language(code: str) -> str | None:
    """ClaimReview's inLanguage ("ru", "en-GB", "kk") as one of ours, or None (the matcher copes)."""
    code = (code or "").strip().lower()[:2]
    return code if code in Language.values else None


def _stored_external(row: Mapping[str, Any]) -> Prepared:
    return Prepared.from_stored(f"{EXTERNAL}{row['verdict_id']}", _external_language(row["verdict__language"]),
                                row["verdict__published_on"], row["signature"],
                                bytes(row["vector"]) if row["vector"] is not None else None)


def external_verdicts_sign(m: Matcher, *, limit: int | None = None) -> int:
    """Sign the imported verdicts with no current signature (new, imported again since, or signed
    by another matcher or embedding); returns how many. They reach the index as stored rows."""
    current = ExternalVerdictSignature.objects.filter(_fresh(m), updated_at__gte=F("verdict__updated_at"))
    stale = ExternalVerdict.objects.exclude(signature__in=current).order_by("pk")
    verdicts = list(stale[:limit] if limit is not None else stale)
    prepared = m.prepare_many([(f"{EXTERNAL}{v.pk}", v.claim_reviewed, _external_language(v.language),
                                v.published_on) for v in verdicts])
    for verdict, p in zip(verdicts, prepared, strict=True):
        ExternalVerdictSignature.objects.update_or_create(
            verdict=verdict,
            defaults={"vector": p.vector, "embedding": _embedding_name(m), "signature": p.signature_dict(),
                      "matcher_version": MATCHER_VERSION},
        )
    return len(verdicts)


def _external_rows(m: Matcher, since: datetime.datetime | None = None) -> list[Prepared]:
    rows = ExternalVerdictSignature.objects.filter(_fresh(m))
    if since is not None:
        rows = rows.filter(updated_at__gte=since)
    readable = []
    for row in rows.values(*EXTERNAL_ROW):
        try:
            readable.append(_stored_external(row))
        except (KeyError, TypeError, ValueError):
            # Signed again from its verdict by the next catch-up.
            ExternalVerdictSignature.objects.filter(verdict_id=row["verdict_id"]).update(matcher_version="")
    return readable


def index_rebuild(*, progress: Progress | None = None, batch: int = 500) -> Matcher:
    """Build this process's index from the database; claims without a current signature get one first."""
    global _index, _seen_until
    m = Matcher()
    started = timezone.now()
    missing = Claim.objects.filter(~Q(signature__in=ClaimSignature.objects.filter(_fresh(m)))).select_related("article")
    total = missing.count() + ClaimSignature.objects.filter(_fresh(m)).count()
    done = 0
    pending = list(missing.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pending), batch):
        chunk = list(Claim.objects.filter(pk__in=pending[start:start + batch]).select_related("article"))
        signatures_store(chunk, m)
    rows = (ClaimSignature.objects.filter(_fresh(m)).order_by("pk")
            .values("claim_id", "claim__language", "claim__article__published_on", "signature", "vector"))
    chunk_rows: list[Prepared] = []
    unreadable: list[int] = []
    for row in rows.iterator(chunk_size=batch):
        try:
            chunk_rows.append(_stored(row))
        except (KeyError, TypeError, ValueError):
            unreadable.append(row["claim_id"])
            continue
        if len(chunk_rows) >= batch:
            m.add_prepared(chunk_rows)
            done += len(chunk_rows)
            chunk_rows = []
            if progress:
                progress(done, total)
    m.add_prepared(chunk_rows)
    done += len(chunk_rows)
    if unreadable:
        # A signature that cannot be read is made again from its claim, never left out.
        log.warning("matching: %s unreadable signatures signed again", len(unreadable))
        claims = Claim.objects.filter(pk__in=unreadable).select_related("article")
        m.add_prepared(signatures_store(claims, m))
        done += len(unreadable)
    if progress:
        progress(done, total)
    external_verdicts_sign(m)
    m.add_prepared(_external_rows(m))
    with _lock:
        _index, _seen_until = m, started
    log.info("matching index rebuilt: %s claims, %s", len(m), "reduced" if m.reduced else _embedding_name(m))
    return m


def matching_index() -> Matcher:
    """This process's index, built on first use and caught up with signatures written since."""
    global _seen_until
    with _lock:
        if _index is None:
            return index_rebuild()
        m = _index
        since = _seen_until
    now = timezone.now()
    changed = (ClaimSignature.objects.filter(_fresh(m), updated_at__gte=since)
               .values("claim_id", "claim__language", "claim__article__published_on", "signature", "vector"))
    readable, unreadable = [], []
    for row in changed:
        try:
            readable.append(_stored(row))
        except (KeyError, TypeError, ValueError):
            unreadable.append(row["claim_id"])
    m.add_prepared(readable)
    if unreadable:
        m.add_prepared(signatures_store(Claim.objects.filter(pk__in=unreadable).select_related("article"), m))
    external_verdicts_sign(m, limit=EXTERNAL_SIGN_BATCH)
    m.add_prepared(_external_rows(m, since))
    with _lock:
        _seen_until = now
    return m


def index_forget() -> None:
    """Drop this process's index (tests, and a worker told its database changed under it)."""
    global _index, _seen_until
    with _lock:
        _index, _seen_until = None, None


@dataclass(frozen=True)
class Found:
    """A hit: one of our claims (`claim_id`) or another fact-checker's verdict (`external_id`)."""

    hit: Hit
    claim_id: int | None = None
    external_id: int | None = None

    @classmethod
    def of(cls, hit: Hit) -> Found:
        if hit.id.startswith(EXTERNAL):
            return cls(hit, external_id=int(hit.id[len(EXTERNAL):]))
        return cls(hit, claim_id=int(hit.id))


def _search(m: Matcher, text: str, language: str | None, published: datetime.date | None, k: int,
            among: set[str] | None = None, leave_out: str | None = None) -> list[Found]:
    hits = m.search(text, language=language, published=published, k=k + 1, among=among)
    return [Found.of(h) for h in hits if h.id != leave_out][:k]


def claim_match(*, claim_id: int) -> list[ClaimMatch]:
    """Match one stored claim against those stored before it and keep the result as ClaimMatch rows.

    Safe to run twice: rows are updated in place, a fact-checker's confirmation or rejection
    is kept, and suggestions no longer found are removed.
    """
    claim = Claim.objects.select_related("article").get(pk=claim_id)
    ClaimSignature.objects.get_or_create(claim=claim)
    ClaimSignature.objects.filter(claim=claim).update(attempts=F("attempts") + 1)
    m = matching_index()
    if not ClaimSignature.objects.filter(_fresh(m), claim=claim).exclude(signature={}).exists():
        m.add_prepared(signatures_store([claim], m))
    found = _search(m, claim.text, claim.language, claim.article.published_on,
                    settings.MATCHING_MATCHES_PER_CLAIM, leave_out=str(claim.pk))
    # Claims and verdicts removed since they were indexed are left out.
    claims = set(Claim.objects.filter(pk__in=[f.claim_id for f in found if f.claim_id]).values_list("pk", flat=True))
    verdicts = set(ExternalVerdict.objects.filter(pk__in=[f.external_id for f in found if f.external_id])
                   .values_list("pk", flat=True))
    found = [f for f in found if f.claim_id in claims or f.external_id in verdicts]
    with transaction.atomic():
        kept = []
        for f in found:
            row, _ = ClaimMatch.objects.update_or_create(
                claim=claim, matched_id=f.claim_id, external_verdict_id=f.external_id,
                defaults={"score": f.hit.score, "tier": MatchTier.SAME if f.hit.same else MatchTier.RELATED,
                          "why": f.hit.why[:500], "conflict": (f.hit.conflict or "")[:300]},
            )
            kept.append(row)
        suggested = ClaimMatch.objects.filter(claim=claim, state=MatchState.SUGGESTED)
        suggested.filter(matched__isnull=False).exclude(matched_id__in=claims).delete()
        suggested.filter(external_verdict__isnull=False).exclude(external_verdict_id__in=verdicts).delete()
        ClaimSignature.objects.filter(claim=claim).update(status=MatchingStatus.DONE, error="",
                                                           matched_at=timezone.now())
    _join_the_same_open_claim(claim, kept)
    return kept


def _join_the_same_open_claim(claim: Claim, kept: list[ClaimMatch]) -> None:
    """A claim the same as one still open is worked on with it, in its group (nobody researches
    it twice); the best such match decides which group."""
    same = [row.matched_id for row in sorted(kept, key=lambda row: (-row.score, row.pk))
            if row.tier == MatchTier.SAME and row.state != MatchState.REJECTED and row.matched_id is not None]
    if not same:
        return
    review_id = Review.objects.filter(claim=claim).values_list("pk", flat=True).first()
    open_reviews = dict(Review.objects.filter(claim_id__in=same, status__in=GROUP_TAKING)
                        .values_list("claim_id", "pk"))
    if review_id is None:
        return
    for claim_id in same:
        if claim_id not in open_reviews:
            continue
        try:
            if review_join_group(review_id=review_id, same_as_id=open_reviews[claim_id]):
                return
        except ReviewConflict:
            return  # someone moved the review meanwhile: it is theirs now, not the group's


def claim_matching_failed(*, claim_id: int, error: str) -> None:
    """Leave the claim unmatched with the reason; the sweep tries again."""
    ClaimSignature.objects.filter(claim_id=claim_id).update(status=MatchingStatus.FAILED, error=error[:5000],
                                                            updated_at=timezone.now())


def claims_to_match(*, limit: int = 500) -> list[int]:
    """Claims the sweep should match: never matched (no signature, or pending a while), or failed."""
    cutoff = timezone.now() - datetime.timedelta(minutes=settings.MATCHING_STALLED_AFTER_MINUTES)
    never = Claim.objects.filter(signature__isnull=True, created_at__lt=cutoff).values_list("pk", flat=True)[:limit]
    stalled = (ClaimSignature.objects.filter(
        Q(status=MatchingStatus.PENDING) | Q(status=MatchingStatus.FAILED), updated_at__lt=cutoff,
        attempts__lt=settings.MATCHING_MAX_ATTEMPTS).order_by("updated_at").values_list("claim_id", flat=True)[:limit])
    return list(dict.fromkeys([*never, *stalled]))[:limit]


def published_claim_ids() -> set[str]:
    from reviews.workflow.moves import ReviewStatus

    return {str(pk) for pk in Claim.objects.filter(review__status=ReviewStatus.PUBLISHED).values_list("pk", flat=True)}


def verdicts_search(*, text: str, language: str | None, k: int = 10) -> list[Found]:
    """Published verdicts whose claim matches `text` (any of kk, ru, en), best first."""
    m = matching_index()
    return _search(m, text, language, timezone.localdate(), k, among=published_claim_ids())


def match_decide(*, match_id: int, user: object, confirmed: bool) -> ClaimMatch:
    """A fact-checker confirms or rejects a suggested match; deciding again changes the decision."""
    state = MatchState.CONFIRMED if confirmed else MatchState.REJECTED
    ClaimMatch.objects.filter(pk=match_id).update(state=state, decided_by=user, decided_at=timezone.now())
    return ClaimMatch.objects.select_related("matched", "external_verdict", "decided_by").get(pk=match_id)


def status() -> dict[str, object]:
    """For the dashboard: whether matching runs on the embedding or is reduced, and its backlog."""
    s = matching_status().to_dict()
    s["unmatched"] = ClaimSignature.objects.exclude(status=MatchingStatus.DONE).count() + Claim.objects.filter(
        signature__isnull=True).count()
    return s


def matching_status_for_clients() -> bool:
    """True when matching runs reduced (words and figures only), as API clients are told."""
    return matching_status().reduced
