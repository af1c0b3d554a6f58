"""What closing a claim as already checked rests on: a confirmed match to a published verdict.

Checked when the claim is closed (`review_close_as_checked`) and again when an editor approves
it, since in between the match may have been rejected or the earlier verdict reopened or
corrected. The rows read are locked, so a concurrent rejection or reopening waits for the move.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from claims.models import ClaimMatch, MatchState
from reviews.workflow.errors import InvalidInput, MissingInput, MoveNotAllowed
from reviews.workflow.models import Review, VerdictRevision
from reviews.workflow.moves import ReviewStatus

# How far a chain of verdicts based on verdicts is followed to refuse a loop.
MAX_CHAIN = 50


@dataclass(frozen=True)
class Basis:
    earlier: Review
    revision: VerdictRevision  # the earlier verdict's current publication: its rating and explanation


def _published_revision(earlier: Review | None) -> VerdictRevision:
    if earlier is None or earlier.status != ReviewStatus.PUBLISHED:
        raise InvalidInput("match", _(
            "The verdict checked before is not published now (it may be reopened for correction): "
            "it cannot be cited."))
    revision = VerdictRevision.objects.filter(review=earlier).order_by("-number").first()
    if revision is None:
        raise InvalidInput("match", _("The verdict checked before was never published: it cannot be cited."))
    return revision


def _refuse_a_loop(review: Review, earlier: Review) -> None:
    seen, step = earlier, 0
    while seen.based_on_id is not None and step < MAX_CHAIN:
        if seen.based_on_id == review.pk:
            raise InvalidInput("match", _("The verdict checked before is itself based on this claim's verdict."))
        seen = Review.objects.only("pk", "based_on").get(pk=seen.based_on_id)
        step += 1


def basis_for_closing(*, review: Review, match_id: int | None) -> Basis:
    """The earlier verdict `review` may be closed on, through its claim's match `match_id`."""
    if match_id is None:
        raise MissingInput("match", _("Choose the confirmed match whose verdict the claim repeats."))
    match = ClaimMatch.objects.select_for_update().filter(pk=match_id, claim_id=review.claim_id).first()
    if match is None:
        raise InvalidInput("match", _("This claim has no such match."))
    if match.state != MatchState.CONFIRMED:
        raise InvalidInput("match", _(
            "Confirm the match first: only a confirmed match closes a claim as already checked."))
    if match.matched_id is None:
        raise InvalidInput("match", _(
            "This match is another fact-checker's verdict: add it as a source; only our own published "
            "verdicts close a claim as already checked."))
    earlier = Review.objects.select_for_update().filter(claim_id=match.matched_id).first()
    revision = _published_revision(earlier)
    assert earlier is not None  # _published_revision refused None
    _refuse_a_loop(review, earlier)
    return Basis(earlier, revision)


def basis_still_holds(review: Review) -> None:
    """At approval: the match is still confirmed and the earlier verdict still says the same."""
    if review.based_on_id is None:
        return
    earlier = Review.objects.select_for_update().get(pk=review.based_on_id)  # PROTECT: never gone
    if not ClaimMatch.objects.filter(claim_id=review.claim_id, matched_id=earlier.claim_id,
                                     state=MatchState.CONFIRMED).exists():
        raise MoveNotAllowed(_(
            "The match this verdict rests on is no longer confirmed; send it back to be checked again."))
    revision = _published_revision(earlier)
    if revision.rating != review.rating:
        raise MoveNotAllowed(
            _("The verdict checked before is now rated “%(rating)s”; send this one back to be closed again.")
            % {"rating": revision.get_rating_display()})


def review_may_close_as_checked(review: Review) -> bool:
    """Whether the claim has a confirmed match to a published verdict (what the move needs)."""
    return ClaimMatch.objects.filter(
        claim_id=review.claim_id, state=MatchState.CONFIRMED, matched__review__status=ReviewStatus.PUBLISHED,
    ).exists()


def closing_matches(review: Review) -> list[ClaimMatch]:
    """The confirmed matches to published verdicts, best first: what the claim may be closed on."""
    return list(
        ClaimMatch.objects.filter(
            claim_id=review.claim_id, state=MatchState.CONFIRMED, matched__review__status=ReviewStatus.PUBLISHED,
        ).select_related("matched", "matched__review").order_by("-score", "id")
    )
