"""What the system writes in a history is stored as a code and read in the reader's language,
old events (written as English text before) included."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from reviews.models import ReviewEvent
from reviews.workflow.services import review_open_due
from tests.factories import ReviewFactory, ScheduledReviewFactory

pytestmark = pytest.mark.django_db

notes_migration = importlib.import_module("reviews.migrations.0008_event_note_codes")


def read_in(language: str, event: ReviewEvent) -> str:
    with translation.override(language):
        return event.note_text()


def test_a_due_recheck_reads_in_each_language_with_its_date():
    review = ScheduledReviewFactory()

    event = review_open_due(review=review)

    assert (event.note, event.note_code, event.note_values) == ("", "recheck_due", {"date": "2018-03-21"})
    assert read_in("en", event) == "Re-check date March 21, 2018 arrived"
    assert read_in("kk", event) == "Қайта тексеру күні (21 наурыз 2018 ж.) келді"
    assert read_in("ru", event) == "Наступила дата повторной проверки (21 марта 2018 г.)"


@pytest.mark.parametrize(
    ("written", "code", "values", "typed", "kazakh"),
    [
        ("Claim extracted", "extracted", None, "", "Мәлімдеме мақаладан алынды"),
        ("Assigned to bob", "assigned", {"assignee": "bob"}, "", "Орындаушы: bob"),
        ("Check-again date 2018-06-01 arrived (the ministry promised it by June)", "check_again_due_because",
         {"date": "2018-06-01", "reason": "the ministry promised it by June"}, "",
         "Үкімді қайта тексеру күні (1 маусым 2018 ж.) келді: the ministry promised it by June"),
        ("Re-check date moved to 2026-05-15 (was 2026-04-01): postponed", "rescheduled_from",
         {"date": "2026-05-15", "was": "2026-04-01"}, "postponed",
         "Қайта тексеру күні 15 мамыр 2026 ж. күніне ауыстырылды (бұрын 1 сәуір 2026 ж. болатын): postponed"),
        ("Checked with the ministry", "", None, "Checked with the ministry", "Checked with the ministry"),
    ],
)
def test_the_migration_turns_old_english_notes_into_codes(written, code, values, typed, kazakh):
    event = ReviewEvent.objects.create(review=ReviewFactory(), to_status="new", note=written)

    notes_migration.notes_to_codes(apps, None)

    event = ReviewEvent.objects.get(pk=event.pk)
    assert (event.note_code, event.note_values, event.note) == (code, values, typed)
    assert read_in("kk", event) == kazakh


def test_the_migration_back_writes_the_english_text_again():
    event = ReviewEvent.objects.create(review=ReviewFactory(), to_status="new", note="postponed",
                                       note_code="rescheduled", note_values={"date": "2026-05-15"})

    notes_migration.codes_to_notes(apps, None)

    event = ReviewEvent.objects.get(pk=event.pk)
    assert (event.note_code, event.note) == ("", "Re-check date moved to 2026-05-15: postponed")
