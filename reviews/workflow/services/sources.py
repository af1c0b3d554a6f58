"""Evidence: adding sources to a review that is still open."""

import datetime
from typing import cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.workflow.errors import InvalidInput, MissingInput, MoveNotAllowed, NotAllowedForRole
from reviews.workflow.models import Review, Source, Stance
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.roles import UserLike, is_editor, is_fact_checker

SOURCE_OPEN_STATUSES = frozenset(
    {ReviewStatus.NEW, ReviewStatus.RESEARCHING, ReviewStatus.SCHEDULED, ReviewStatus.IN_REVIEW}
)


def source_can_add(*, review: Review, actor: UserLike | None) -> None:
    """Raise the reason `actor` may not add a source to `review` now, if any."""
    if review.status not in SOURCE_OPEN_STATUSES:
        if review.status == ReviewStatus.PUBLISHED:
            raise MoveNotAllowed(_("Sources cannot be added to a published verdict (reopen it first)."))
        raise MoveNotAllowed(
            _("Sources cannot be added to a review that is %(status)s.") % {"status": review.get_status_display()}
        )
    if actor is None or not is_fact_checker(actor):
        raise NotAllowedForRole(_("Only fact-checkers and editors may add sources."))
    if review.assignee_id is not None and review.assignee_id != actor.pk and not is_editor(actor):
        raise NotAllowedForRole(
            _("This review is assigned to %(user)s; only they or an editor may add sources.")
            % {"user": review.assignee.get_username() if review.assignee else ""}
        )


@transaction.atomic
def source_add(
    *,
    review: Review,
    actor: UserLike,
    url: str,
    title: str,
    accessed_on: datetime.date,
    stance: str,
    publisher: str = "",
    archive_url: str = "",
    quote: str = "",
    primary: bool = False,
    withheld_for_safety: bool = False,
    public_description: str = "",
) -> Source:
    """Add a piece of evidence to a review that is still open."""
    source_can_add(review=review, actor=actor)
    if not url:
        raise MissingInput("url", _("Give the source's URL."))
    if not title.strip():
        raise MissingInput("title", _("Give the source's title."))
    if accessed_on is None:
        raise MissingInput("accessed_on", _("Give the date the source was accessed."))
    if accessed_on > timezone.localdate():
        raise InvalidInput("accessed_on", _("The date accessed cannot be in the future."))
    if stance not in Stance.values:
        raise InvalidInput("stance", _("“%(stance)s” is not a stance.") % {"stance": stance})
    if withheld_for_safety and not public_description.strip():
        raise MissingInput(
            "public_description", _("A source withheld for safety needs a public description.")
        )
    source = Source(
        review=review,
        url=url,
        title=title.strip(),
        publisher=publisher.strip(),
        accessed_on=accessed_on,
        archive_url=archive_url,
        quote=quote,
        stance=stance,
        primary=primary,
        withheld_for_safety=withheld_for_safety,
        public_description=public_description.strip(),
        added_by=cast(User, actor),  # a fact-checker: source_can_add refused anyone else
    )
    try:
        source.full_clean(exclude=["review", "added_by"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise InvalidInput(field, " ".join(messages)) from error
    source.save()
    return source
