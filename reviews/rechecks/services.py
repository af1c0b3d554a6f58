"""The re-checks' own service: the date a published verdict is looked at again."""

import datetime
from typing import cast

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.rechecks.models import VerdictRecheck
from reviews.workflow.errors import InvalidInput, MoveNotAllowed, NotAllowedForRole
from reviews.workflow.models import Review
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.roles import UserLike, is_editor


@transaction.atomic
def verdict_recheck_set(
    *, review: Review, actor: UserLike, check_again_on: datetime.date | None, reason: str = ""
) -> VerdictRecheck | None:
    """Set, move or (with None) clear the date a published verdict is looked at again. Editors only."""
    if not is_editor(actor):
        raise NotAllowedForRole(_("Only editors may set the date a published verdict is checked again."))
    # The row lock orders this after a sweep reopening the verdict right now: then it is no
    # longer published and the date is refused instead of left behind on a verdict under review.
    status = Review.objects.select_for_update().filter(pk=review.pk).values_list("status", flat=True).first()
    if status != ReviewStatus.PUBLISHED:
        raise MoveNotAllowed(_("Only a published verdict has a date to be checked again."))
    if check_again_on is None:
        VerdictRecheck.objects.filter(review_id=review.pk).delete()
        return None
    if check_again_on <= timezone.localdate():
        raise InvalidInput("check_again_on", _("The date to check again must be in the future."))
    recheck, _created = VerdictRecheck.objects.update_or_create(
        review_id=review.pk,
        defaults={"check_again_on": check_again_on, "reason": reason.strip()[:300], "set_by": cast(User, actor)},
    )
    return recheck
