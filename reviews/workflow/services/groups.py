"""The same claim from several articles or outlets, worked on once.

When the matcher finds a freshly stored claim the same as a claim still open, the new claim's
review joins that claim's group: it points to the group's lead (`Review.group_lead`). The
queue shows a group as one row, the lead's, with a count of its appearances; the research
(sources, rating, explanation) is the lead's, shown on every member's page; when an editor
approves the lead, the members still open are published with it, each its own verdict for its
own appearance (`review_approve`). A fact-checker takes a claim that is not the same out of
its group, and it is a claim of its own again.

Joining and leaving keep the status but are rows in the history and the same conditional
UPDATE on status and version as a move, so a page opened before either is refused.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reviews.workflow.errors import InvalidInput
from reviews.workflow.models import Review
from reviews.workflow.moves import Move, ReviewStatus, Role
from reviews.workflow.notes import note_values
from reviews.workflow.roles import UserLike
from reviews.workflow.services.moves import _check_role, _check_status, _move

S = ReviewStatus
# A lead in one of these carries its group: its members are worked on there.
GROUP_WORKING = (S.NEW, S.RESEARCHING, S.SCHEDULED, S.IN_REVIEW)
# A claim joins a group whose lead is worked on now: one waiting for its re-check date would
# take a fresh report out of the queue with it ("the talks were held" under "are planned").
GROUP_TAKING = (S.NEW, S.RESEARCHING, S.IN_REVIEW)
# Only a review nobody has touched joins a group by itself: no one's research is hidden.
GROUP_JOINABLE = (S.NEW, S.SCHEDULED)

JOIN = Move("group_join", gettext_lazy("Joined the same claim's group"), {s: s for s in GROUP_JOINABLE}, Role.SYSTEM)
LEAVE = Move("group_leave", gettext_lazy("Taken out of the group"), {s: s for s in GROUP_WORKING},
             Role.FACT_CHECKER)
del S


@transaction.atomic
def review_join_group(*, review_id: int, same_as_id: int) -> Review | None:
    """The system: the review joins the group of `same_as_id` (its lead's, when it is a member).

    None when it may not: the review has been worked on, is in a group or leads one, or the
    other claim is no longer open. Both rows are locked in id order, so two claims found the
    same as each other at once never end up each other's lead.
    """
    lead_id = Review.objects.filter(pk=same_as_id).values_list("group_lead_id", flat=True).first() or same_as_id
    if lead_id == review_id:
        return None
    rows = {r.pk: r for r in Review.objects.select_for_update().filter(pk__in=[review_id, lead_id]).order_by("pk")}
    review, lead = rows.get(review_id), rows.get(lead_id)
    if review is None or lead is None or lead.group_lead_id is not None or lead.status not in GROUP_TAKING:
        return None
    if review.status not in GROUP_JOINABLE or review.version != 0 or review.group_lead_id is not None:
        return None
    if Review.objects.filter(group_lead=review).exists():
        return None
    _move(review, review.status, None, move=JOIN.name, note_code="joined_group",
          note_values=note_values(claim=lead.claim_id), group_lead=lead)
    return review


@transaction.atomic
def review_leave_group(*, review: Review, actor: UserLike, note: str = "") -> Review:
    """Not the same claim after all: the review leaves its group and is worked on by itself."""
    _check_status(review, LEAVE)
    _check_role(review, LEAVE, actor)
    if review.group_lead_id is None:
        raise InvalidInput("group", _("This claim is in no group."))
    lead_claim = Review.objects.filter(pk=review.group_lead_id).values_list("claim_id", flat=True).first()
    _move(review, review.status, actor, note.strip(), move=LEAVE.name, note_code="left_group",
          note_values=note_values(claim=lead_claim), group_lead=None)
    return review
