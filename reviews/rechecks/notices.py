"""Emails: a re-check notice to whoever picks the claim up, a submitted verdict to the editors.

Every email is owed for one event and recorded as a `Notice` row (unique per event)
before anything is sent. Sending claims the row with a conditional UPDATE, so a task that
runs twice (acks_late redelivery, the sweep re-queuing an unsent notice) sends once.
"""

import datetime
import logging
from collections.abc import Callable, Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from factcheck.models import languages_of
from factcheck.queueing import send_task, send_task_on_commit
from reviews.rechecks.models import Notice, NoticeReason
from reviews.workflow.models import Review, ReviewEvent
from reviews.workflow.roles import EDITORS_GROUP, FACT_CHECKERS_GROUP
from reviews.workflow.services import DueOpening
from reviews.workflow.signals import review_moved

log = logging.getLogger(__name__)

# A claim older than the task's hard time limit belongs to a worker that died mid-send.
NOTICE_LEASE = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
# Sends tried by the task's own retries and by later sweeps before a notice is given up.
NOTICE_MAX_ATTEMPTS = 12
# An unsent notice this old was never queued (broker down) or its retries ran out.
NOTICE_REQUEUE_AFTER = datetime.timedelta(minutes=10)
# The task that sends one notice (reviews/rechecks/tasks.py), sent by name.
SEND_NOTICE_TASK = "reviews.tasks.send_recheck_notice"
# The task that queues a batch of them, one message per batch the sweep opens.
SEND_NOTICES_TASK = "reviews.tasks.send_recheck_notices"


def group_emails(group_name: str, *, exclude_user_id: int | None = None) -> list[str]:
    users = get_user_model().objects.filter(groups__name=group_name, is_active=True).exclude(email="")
    if exclude_user_id is not None:
        users = users.exclude(pk=exclude_user_id)
    return sorted(set(users.values_list("email", flat=True)))


def recheck_recipients(review: Review, *, fact_checkers: Callable[[], list[str]] | None = None) -> list[str]:
    """The assignee, or every fact-checker when nobody is assigned (or the assignee has no email).

    `fact_checkers` lets a sweep look the group up once for all the reviews it opens.
    """
    assignee = review.assignee
    if assignee is not None and assignee.is_active and assignee.email:
        return [assignee.email]
    return fact_checkers() if fact_checkers is not None else group_emails(FACT_CHECKERS_GROUP)


def notice_create(*, review: Review, event: ReviewEvent, reason: str, recipients: list[str]) -> Notice:
    """Record the email owed for `event` and queue it after commit. Call inside the move's transaction."""
    notice = Notice.objects.create(review=review, event=event, reason=reason, recipients=recipients)
    send_task_on_commit(SEND_NOTICE_TASK, notice.pk)
    return notice


def notices_create_for(
    *, openings: Sequence[DueOpening], reason: str, fact_checkers: Callable[[], list[str]]
) -> list[Notice]:
    """`notice_create` for a batch the sweep opened: the assignees' addresses in one query, the
    notices in one insert, queued after commit in one go. Call inside the batch's transaction."""
    if not openings:
        return []
    assignee_ids = {opening.assignee_id for opening in openings if opening.assignee_id is not None}
    emails = dict(
        get_user_model().objects.filter(pk__in=assignee_ids, is_active=True).exclude(email="")
        .values_list("pk", "email")
    ) if assignee_ids else {}
    notices = Notice.objects.bulk_create(
        Notice(
            review_id=opening.review_id,
            event=opening.event,
            reason=reason,
            # As recheck_recipients: the assignee, else every fact-checker.
            recipients=[emails[opening.assignee_id]] if opening.assignee_id in emails else fact_checkers(),
        )
        for opening in openings
    )
    send_task_on_commit(SEND_NOTICES_TASK, [notice.pk for notice in notices])
    return notices


def _review_url(review_id: int) -> str:
    try:
        path = reverse("admin:reviews_review_change", args=[review_id])
    except NoReverseMatch:
        path = f"/admin/reviews/review/{review_id}/change/"
    return f"{settings.SITE_URL}{path}"


def _message(notice: Notice, to: list[str]) -> EmailMessage:
    """The notice as worded in the active language, for the addresses `to`."""
    review = notice.review
    claim = review.claim
    article = claim.article
    headline = claim.text if len(claim.text) <= 70 else claim.text[:69] + "…"
    if notice.reason == NoticeReason.SUBMITTED:
        subject = _("Verdict to approve: %(headline)s") % {"headline": headline}
        opening = _("%(who)s submitted a verdict (%(rating)s) for approval.") % {
            "who": review.submitted_by.get_username() if review.submitted_by else _("A fact-checker"),
            "rating": review.get_rating_display() or _("no rating"),
        }
    elif notice.reason == NoticeReason.VERDICT_DUE:
        subject = _("Published verdict to check again: %(headline)s") % {"headline": headline}
        opening = _("%(note)s. The published verdict is open again for a correction review.") % {
            "note": notice.event.note_text()
        }
    else:
        subject = _("Re-check due: %(headline)s") % {"headline": headline}
        opening = _("%(note)s. The claim is back in the queue (%(status)s).") % {
            "note": notice.event.note_text(),
            "status": review.get_status_display(),
        }
    claim_line = _("Claim: %(text)s") % {"text": claim.text}
    article_line = _("Article: %(title)s (%(outlet)s, %(published_on)s)") % {
        "title": article.title,
        "outlet": article.outlet or _("no outlet"),
        "published_on": formats.date_format(article.published_on),
    }
    body = f"{opening}\n\n{claim_line}\n{article_line}\n\n{_review_url(review.pk)}\n"
    return EmailMessage(subject=subject, body=body, to=to)


def _by_language(recipients: list[str]) -> dict[str, list[str]]:
    """Each recipient's language (the one they chose in the switcher) and its addresses."""
    groups: dict[str, list[str]] = {}
    for email, language in languages_of(recipients).items():
        groups.setdefault(language, []).append(email)
    return groups


def notice_send(*, notice_id: int) -> bool:
    """Send one notice unless it was sent or another worker is sending it; True when sent now.

    Raises what the mail backend raises (the task retries it); the claim is released first.
    """
    now = timezone.now()
    claimed = (
        Notice.objects.filter(pk=notice_id, sent_at__isnull=True, attempts__lt=NOTICE_MAX_ATTEMPTS)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - NOTICE_LEASE))
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    notice = Notice.objects.select_related(
        "event", "review__claim__article", "review__submitted_by"
    ).get(pk=notice_id)
    try:
        if notice.recipients:
            # One message per language, each worded in its readers' language. A failure after
            # the first retries them all: a repeat beats a notice never sent.
            for language, addresses in sorted(_by_language(notice.recipients).items()):
                with translation.override(language):
                    _message(notice, addresses).send()
        else:
            log.warning("notice %s (%s) has nobody to send to", notice.pk, notice.reason)
    except Exception as error:
        Notice.objects.filter(pk=notice_id, claimed_at=now).update(
            claimed_at=None, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
    Notice.objects.filter(pk=notice_id, claimed_at=now).update(sent_at=timezone.now(), last_error="")
    return True


def notices_requeue_unsent(*, limit: int = 200) -> int:
    """Queue again notices that were never sent (the broker was down, or retries ran out)."""
    now = timezone.now()
    unsent = (
        Notice.objects.filter(
            sent_at__isnull=True, created_at__lt=now - NOTICE_REQUEUE_AFTER, attempts__lt=NOTICE_MAX_ATTEMPTS
        )
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - NOTICE_LEASE))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    queued = 0
    for notice_id in unsent:
        if not send_task(SEND_NOTICE_TASK, notice_id):
            break
        queued += 1
    return queued


# The moves that send a verdict to an editor: a fact-checker's own, or one closed as already checked.
SUBMITTING_MOVES = ("submit", "close_as_checked")


def notify_editors_of_submission(review_id: int, event_id: int | None = None) -> bool:
    """Email the editors (but not the submitter) that a verdict awaits approval; once per submission.

    `event_id` is the submit move's event; without it, the review's latest submit event.
    """
    events = ReviewEvent.objects.filter(review_id=review_id, move__in=SUBMITTING_MOVES)
    event = events.filter(pk=event_id).first() if event_id is not None else events.order_by("-at", "-id").first()
    if event is None:
        log.info("review %s has no submit event %s; no email", review_id, event_id)
        return False
    notice = Notice.objects.filter(event=event).first()
    if notice is None:
        review = Review.objects.get(pk=review_id)
        try:
            with transaction.atomic():
                notice = Notice.objects.create(
                    review=review,
                    event=event,
                    reason=NoticeReason.SUBMITTED,
                    recipients=group_emails(EDITORS_GROUP, exclude_user_id=event.actor_id),
                )
        except IntegrityError:
            # A second delivery of the same task inserted it first; the claim below decides.
            notice = Notice.objects.get(event=event)
    return notice_send(notice_id=notice.pk)


@receiver(review_moved, dispatch_uid="reviews.rechecks.notices.on_submit")
def _on_review_moved(sender: object, *, review_id: int, event_id: int, move: str, **kwargs: object) -> None:
    """A submitted verdict: tell the editors (review_moved fires after the move commits)."""
    if move not in SUBMITTING_MOVES:
        return
    send_task("reviews.tasks.notify_editors_of_submission_task", review_id, event_id)
