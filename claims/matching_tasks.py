"""Celery tasks of claim matching: thin, take ids, safe to run twice; they call claims.matching_service."""

import logging
from typing import Any

from celery import shared_task
from celery.signals import worker_process_init
from django.db import DatabaseError

from claims.matching_service import claim_match, claim_matching_failed, claims_to_match, index_rebuild
from claims.models import Claim
from factcheck.queueing import send_task

log = logging.getLogger(__name__)


@shared_task(name="claims.matching_tasks.match_claim", bind=True, max_retries=3, retry_backoff=True, acks_late=True)
def match_claim(self: Any, claim_id: int) -> int:
    """Match one claim against those stored before it; returns how many matches it keeps."""
    try:
        return len(claim_match(claim_id=claim_id))
    except Claim.DoesNotExist:
        log.info("claim %s is gone; nothing to match", claim_id)
        return 0
    except DatabaseError as error:
        claim_matching_failed(claim_id=claim_id, error=f"{type(error).__name__}: {error}")
        raise self.retry(exc=error) from error
    except Exception as error:
        # Matching never blocks anything: the claim stays unmatched with the reason, the sweep retries.
        log.exception("matching claim %s failed", claim_id)
        claim_matching_failed(claim_id=claim_id, error=f"{type(error).__name__}: {error}")
        return 0


@shared_task(name="claims.matching_tasks.retry_unmatched_claims", acks_late=True)
def retry_unmatched_claims() -> int:
    """Queue again claims whose matching never ran or failed."""
    queued = 0
    for claim_id in claims_to_match():
        if not send_task("claims.matching_tasks.match_claim", claim_id):
            break
        queued += 1
    return queued


@worker_process_init.connect
def build_index_at_worker_start(**kwargs: Any) -> None:
    """Each worker process builds its index from the database before it takes work."""
    try:
        index_rebuild()
    except DatabaseError:
        log.warning("matching index not built at worker start (database unavailable); built on first use")
