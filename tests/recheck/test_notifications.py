"""Notices: one email per opening, to the assignee or the fact-checkers; editors hear of submissions."""

import datetime
from smtplib import SMTPException

import pytest
from django.db import transaction

from reviews.models import Notice, NoticeReason, ReviewEvent
from reviews.rechecks.notices import notice_send, notices_requeue_unsent, notify_editors_of_submission
from reviews.rechecks.sweep import recheck_sweep
from reviews.rechecks.tasks import send_recheck_notice
from reviews.workflow.services import review_submit
from tests.factories import ReviewFactory, ScheduledReviewFactory, SourceFactory, editor
from tests.recheck.conftest import broker_at

pytestmark = pytest.mark.django_db
DUE = datetime.date(2018, 3, 21)


def open_due(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        recheck_sweep(today=DUE)


def test_the_assignee_is_told_once_per_opening(alice, bob, mailoutbox, django_capture_on_commit_callbacks):
    review = ScheduledReviewFactory(assignee=alice)
    open_due(django_capture_on_commit_callbacks)
    open_due(django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["alice@newsroom.example"]
    assert message.subject.startswith("Re-check due: Қазақстан СІМ мәліметінше")
    assert "Re-check date March 21, 2018 arrived" in message.body
    assert f"/admin/reviews/review/{review.pk}/change/" in message.body
    notice = Notice.objects.get(review=review)
    assert (notice.reason, notice.recipients, notice.attempts, notice.sent_at is not None) == (
        NoticeReason.RECHECK_DUE, ["alice@newsroom.example"], 1, True
    )


def test_an_unassigned_claim_is_announced_to_every_fact_checker(
    alice, bob, erin, mailoutbox, django_capture_on_commit_callbacks
):
    ScheduledReviewFactory()
    open_due(django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["alice@newsroom.example", "bob@newsroom.example"]]


def choose_language(user, language: str) -> None:
    """As the person does: the switcher in the admin header."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    assert client.post("/i18n/setlang/", {"language": language, "next": "/admin/"}).status_code == 302


def test_each_fact_checker_is_told_in_the_language_they_chose(
    alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.factories import fact_checker

    choose_language(alice, "kk")
    choose_language(bob, "ru")
    fact_checker("dana")  # never chose: the site's language
    ScheduledReviewFactory()

    open_due(django_capture_on_commit_callbacks)

    told = {tuple(m.to): m for m in mailoutbox}
    assert sorted(told) == [("alice@newsroom.example",), ("bob@newsroom.example",), ("dana@newsroom.example",)]
    kazakh, russian, english = (told[(f"{name}@newsroom.example",)] for name in ("alice", "bob", "dana"))
    assert kazakh.subject.startswith("Қайта тексеру мерзімі жетті: ")
    assert "Қайта тексеру күні (21 наурыз 2018 ж.) келді" in kazakh.body
    assert "23 ақпан 2018 ж." in kazakh.body  # the article's date, in the reader's format
    assert russian.subject.startswith("Пора проверить повторно: ")
    assert "Наступила дата повторной проверки (21 марта 2018 г.)" in russian.body
    assert english.subject.startswith("Re-check due: ")
    assert "Re-check date March 21, 2018 arrived" in english.body


def test_a_notice_delivered_twice_is_sent_once(alice, mailoutbox, django_capture_on_commit_callbacks):
    ScheduledReviewFactory(assignee=alice)
    open_due(django_capture_on_commit_callbacks)
    notice = Notice.objects.get()
    assert send_recheck_notice.delay(notice.pk).get() is False
    assert notice_send(notice_id=notice.pk) is False
    assert len(mailoutbox) == 1


def test_a_failing_mail_server_is_retried_until_it_answers(
    alice, mailoutbox, flaky_mail, eager_retries, django_capture_on_commit_callbacks
):
    server = flaky_mail(2)
    ScheduledReviewFactory(assignee=alice)
    open_due(django_capture_on_commit_callbacks)

    notice = Notice.objects.get()
    assert server.calls == 3
    assert (notice.attempts, notice.sent_at is not None, notice.claimed_at is not None) == (3, True, True)
    assert len(mailoutbox) == 1


def test_the_retry_policy_backs_off_on_mail_server_errors():
    assert send_recheck_notice.autoretry_for == (SMTPException, OSError)
    assert send_recheck_notice.retry_backoff and send_recheck_notice.max_retries == 8


def test_a_mail_server_down_for_good_leaves_the_notice_for_later_sweeps(
    alice, flaky_mail, eager_retries, django_capture_on_commit_callbacks
):
    flaky_mail(100)
    ScheduledReviewFactory(assignee=alice)
    open_due(django_capture_on_commit_callbacks)
    notice = Notice.objects.get()
    assert (notice.sent_at, notice.claimed_at) == (None, None)
    assert notice.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert notice.attempts == 9  # the first try and eight retries


def test_a_notice_never_queued_is_sent_by_a_later_sweep(
    alice, mailoutbox, caplog, django_capture_on_commit_callbacks
):
    import time_machine

    ScheduledReviewFactory(assignee=alice)
    with broker_at("redis://127.0.0.1:1/0"):
        open_due(django_capture_on_commit_callbacks)
    assert "left for the next sweep" in caplog.text
    assert mailoutbox == []
    assert notices_requeue_unsent() == 0  # too young: it may still be on its way

    with time_machine.travel(datetime.timedelta(minutes=11)):
        assert recheck_sweep(today=DUE).notices_requeued == 1
    assert len(mailoutbox) == 1
    assert Notice.objects.get().sent_at is not None


def test_editors_hear_of_a_submitted_verdict_but_not_the_submitter(
    alice, erin, mailoutbox, django_capture_on_commit_callbacks
):
    also_editor = editor("frank", email="frank@newsroom.example")
    review = ReviewFactory(status="researching", assignee=alice)
    SourceFactory(review=review, added_by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(review=review, actor=alice, rating="false", explanation="No record of it.")

    assert [(m.to, m.subject[:19]) for m in mailoutbox] == [
        (["erin@newsroom.example", "frank@newsroom.example"], "Verdict to approve:")
    ]
    assert "alice submitted a verdict (False) for approval." in mailoutbox[0].body
    # The task run again (redelivery) sends nothing more.
    assert notify_editors_of_submission(review.pk) is False
    assert len(mailoutbox) == 1
    assert also_editor.email in mailoutbox[0].to


def test_an_editor_submitting_is_left_out_of_the_email(erin, mailoutbox):
    other = editor("frank", email="frank@newsroom.example")
    review = ReviewFactory(status="researching", assignee=erin)
    SourceFactory(review=review, added_by=erin)
    with transaction.atomic():
        review_submit(review=review, actor=erin, rating="true", explanation="Confirmed.")
    event = ReviewEvent.objects.get(review=review, move="submit")
    assert notify_editors_of_submission(review.pk, event.pk) is True
    assert [m.to for m in mailoutbox] == [[other.email]]
