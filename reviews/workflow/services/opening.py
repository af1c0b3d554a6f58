"""Opening reviews for freshly extracted claims (called by claims.services' extraction storage)."""

from collections.abc import Sequence

from django.db import transaction

from claims.models import Claim, ClaimKind
from reviews.workflow.models import Review, ReviewEvent
from reviews.workflow.moves import ReviewStatus

EXTRACTED_NOTE = "extracted"  # a code of reviews.workflow.notes


def reviews_open_for_claims(*, claims: Sequence[Claim]) -> list[Review]:
    """Create the Review of each claim that has none, with its first event; return the new ones.

    A claim about the future (`kind == scheduled` with `check_after`) starts `scheduled` with
    `recheck_on = check_after`, everything else `new`. Three queries however many claims.

    Call it in the transaction that stores the claims: until it commits nobody else sees them,
    so no other caller can open the same reviews at once (the OneToOne would refuse it anyway).
    """
    claims = [claim for claim in claims if claim.pk is not None]
    if not claims:
        return []
    with transaction.atomic():
        have_review = set(
            Review.objects.filter(claim__in=claims).values_list("claim_id", flat=True)
        )
        reviews = []
        for claim in claims:
            if claim.pk in have_review:
                continue
            have_review.add(claim.pk)  # the same claim twice in the input
            if claim.kind == ClaimKind.SCHEDULED and claim.check_after is not None:
                reviews.append(
                    Review(claim=claim, status=ReviewStatus.SCHEDULED, recheck_on=claim.check_after)
                )
            else:
                reviews.append(Review(claim=claim, status=ReviewStatus.NEW))
        Review.objects.bulk_create(reviews)
        ReviewEvent.objects.bulk_create(
            ReviewEvent(review=review, actor=None, from_status="", to_status=review.status, note_code=EXTRACTED_NOTE)
            for review in reviews
        )
    return reviews
