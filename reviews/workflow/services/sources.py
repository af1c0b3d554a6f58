"""Evidence: adding, changing and removing the sources of a review that is still open.

A source is part of the verdict an editor approves, so it changes only while the claim is
being worked on (not once submitted, unless an editor sends it back), under the same rules
whichever way it changes, and every change is a row in the review's history.
"""

import datetime
from typing import Any, cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.models import Article
from reviews.workflow.errors import InvalidInput, MissingInput, MoveNotAllowed, NotAllowedForRole
from reviews.workflow.models import Review, ReviewEvent, Source, Stance
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.notes import note_values
from reviews.workflow.roles import UserLike, is_editor, is_fact_checker

SOURCE_OPEN_STATUSES = frozenset({ReviewStatus.NEW, ReviewStatus.RESEARCHING, ReviewStatus.SCHEDULED})

# What a caller may set on a source (the rest is who added it and when).
SOURCE_FIELDS = (
    "url", "title", "publisher", "accessed_on", "archive_url", "quote", "stance", "primary",
    "withheld_for_safety", "public_description",
)

# The history's move codes for evidence: the status stays, the event says what changed.
SOURCE_ADDED, SOURCE_CHANGED, SOURCE_REMOVED = "source_add", "source_change", "source_remove"


def source_can_add(*, review: Review, actor: UserLike | None) -> None:
    """Raise the reason `actor` may not add, change or remove a source of `review` now, if any."""
    if review.status not in SOURCE_OPEN_STATUSES:
        if review.status == ReviewStatus.PUBLISHED:
            raise MoveNotAllowed(_("Sources cannot be added to a published verdict (reopen it first)."))
        if review.status == ReviewStatus.IN_REVIEW:
            raise MoveNotAllowed(
                _("The verdict is submitted: its sources change only if an editor sends it back.")
            )
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


def source_check(source: Source) -> None:
    """The rules every source meets, whether added or changed."""
    if not source.url and source.article_id is None:
        raise MissingInput("url", _("Give the source's URL."))
    if not source.title.strip():
        raise MissingInput("title", _("Give the source's title."))
    if source.accessed_on is None:
        raise MissingInput("accessed_on", _("Give the date the source was accessed."))
    if source.accessed_on > timezone.localdate():
        raise InvalidInput("accessed_on", _("The date accessed cannot be in the future."))
    if source.stance not in Stance.values:
        raise InvalidInput("stance", _("“%(stance)s” is not a stance.") % {"stance": source.stance})
    if source.withheld_for_safety and not source.public_description.strip():
        raise MissingInput(
            "public_description", _("A source withheld for safety needs a public description.")
        )
    try:
        source.full_clean(exclude=["review", "added_by", "article"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise InvalidInput(field, " ".join(messages)) from error


def _tidy(values: dict[str, Any]) -> dict[str, Any]:
    for name in ("title", "publisher", "public_description"):
        if isinstance(values.get(name), str):
            values[name] = values[name].strip()
    return values


def _event(review: Review, actor: UserLike, move: str, code: str, **values: Any) -> None:
    ReviewEvent.objects.create(
        review=review, actor=cast(User, actor), move=move, from_status=review.status, to_status=review.status,
        note_code=code, note_values=note_values(**values),
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
    article: Article | None = None,
) -> Source:
    """Add a piece of evidence to a review that is still open. `article`: one of our own stored
    articles is the evidence (its text is kept), so it needs no URL."""
    source_can_add(review=review, actor=actor)
    source = Source(
        review=review,
        article=article,
        added_by=cast(User, actor),  # a fact-checker: source_can_add refused anyone else
        **_tidy({
            "url": url, "title": title, "publisher": publisher, "accessed_on": accessed_on,
            "archive_url": archive_url, "quote": quote, "stance": stance, "primary": primary,
            "withheld_for_safety": withheld_for_safety, "public_description": public_description,
        }),
    )
    source_check(source)
    source.save()
    _event(review, actor, SOURCE_ADDED, "source_added", source=source)
    return source


@transaction.atomic
def source_change(*, source: Source, actor: UserLike, **changes: Any) -> Source:
    """Change a source's fields under the rules of `source_add`; the history says which changed."""
    unknown = set(changes) - set(SOURCE_FIELDS)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], _("A source has no field “%(field)s”.") % {"field": sorted(unknown)[0]})
    review = Review.objects.select_related("assignee").get(pk=source.review_id)
    source_can_add(review=review, actor=actor)
    stored = Source.objects.select_for_update().get(pk=source.pk)
    changed = sorted(name for name, value in _tidy(changes).items() if getattr(stored, name) != value)
    if not changed:
        return stored
    for name in changed:
        setattr(stored, name, changes[name])
    source_check(stored)
    stored.save(update_fields=changed)
    _event(review, actor, SOURCE_CHANGED, "source_changed", source=stored, fields=", ".join(changed))
    return stored


@transaction.atomic
def source_remove(*, source: Source, actor: UserLike) -> None:
    """Remove a source from a review that is still open; the history keeps what it was."""
    review = Review.objects.select_related("assignee").get(pk=source.review_id)
    source_can_add(review=review, actor=actor)
    described = str(source)
    Source.objects.filter(pk=source.pk).delete()
    _event(review, actor, SOURCE_REMOVED, "source_removed", source=described)


@transaction.atomic
def review_submit_with_source(
    *, review: Review, actor: UserLike, rating: str, explanation: str, source: dict[str, Any] | None, note: str = "",
    claim_summary: str | None = None,
) -> Review:
    """Add the source typed with the verdict, then submit: both, or (refused) neither."""
    from reviews.workflow.services.moves import review_submit

    if source:
        source_add(review=review, actor=actor, **source)
    return review_submit(
        review=review, actor=actor, rating=rating, explanation=explanation, note=note, claim_summary=claim_summary
    )
