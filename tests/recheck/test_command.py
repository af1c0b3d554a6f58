"""manage.py open_due_rechecks: the sweep for operators and demos."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reviews.models import Review, ReviewStatus
from tests.factories import ScheduledReviewFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("open_due_rechecks", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("bad", ["21.03.2018", "2018-02-30", "tomorrow", ""])
def test_a_bad_date_is_refused_with_the_format_to_use(bad):
    with pytest.raises(CommandError, match=r"--today must be a date written YYYY-MM-DD, e.g. 2018-03-21"):
        call_command("open_due_rechecks", f"--today={bad}" if bad else "--today=")
    assert not Review.objects.exists()


def test_today_opens_what_is_due_that_day_and_nothing_later(alice):
    due = ScheduledReviewFactory(assignee=alice)
    later = ScheduledReviewFactory(assignee=alice, recheck_on=datetime.date(2018, 3, 22))

    assert run("--today", "2018-03-20").startswith("Opened 0 re-check(s)")
    assert run("--today", "2018-03-21").startswith("Opened 1 re-check(s), reopened 0 published verdict(s)")
    assert Review.objects.get(pk=due.pk).status == ReviewStatus.RESEARCHING
    assert Review.objects.get(pk=later.pk).status == ReviewStatus.SCHEDULED
    assert run("--today", "2018-03-21").startswith("Opened 0 re-check(s)")


def test_without_today_it_sweeps_for_the_real_date(alice):
    ScheduledReviewFactory(assignee=alice)
    assert run().startswith("Opened 1 re-check(s)")
