"""Claims queued for matching after commit: for code below the matcher (the workflow's hand-made,
corrected and split claims), which must not import the matching service built on top of it."""

from collections.abc import Iterable

from django.utils import timezone

from claims.models import ClaimSignature, MatchingStatus
from factcheck.queueing import send_task_on_commit


def claims_queue_matching(claim_ids: Iterable[int]) -> None:
    """Match these claims in the background once the transaction that stored them commits."""
    for claim_id in claim_ids:
        send_task_on_commit("claims.matching_tasks.match_claim", claim_id)


def claims_match_again(claim_ids: Iterable[int]) -> None:
    """A claim's words or figures changed by hand (corrected, split): sign it again and match it
    again after commit. Until its task runs it is pending, so the sweep finds it if the task is lost."""
    claim_ids = list(claim_ids)
    ClaimSignature.objects.filter(claim_id__in=claim_ids).update(
        signature={}, status=MatchingStatus.PENDING, error="", updated_at=timezone.now())
    claims_queue_matching(claim_ids)
