"""Changing and removing a source: the rules of adding one, an event, and never once submitted."""

import datetime

import pytest
import time_machine

from reviews.models import Source
from reviews.workflow import services
from reviews.workflow.errors import InvalidInput, MoveNotAllowed, NotAllowedForRole
from tests.reviews.conftest import event_rows
from tests.reviews.test_admin import inline_management_data, page_url

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_changing_a_source_is_checked_like_adding_one_and_recorded(alice, researching):
    source = researching.sources.get()

    with pytest.raises(InvalidInput) as raised:
        services.source_change(source=source, actor=alice, accessed_on=TODAY + datetime.timedelta(days=1))
    assert raised.value.field == "accessed_on"
    services.source_change(source=source, actor=alice, title=" Casualty report, revised ", accessed_on=TODAY)

    source.refresh_from_db()
    assert (source.title, source.accessed_on) == ("Casualty report, revised", TODAY)
    assert event_rows(researching)[-1] == (
        "alice", "source_change", "researching", "researching",
        "Source changed: Casualty report, revised (accessed_on, title)",
    )


def test_an_unchanged_source_writes_no_event(alice, researching):
    source = researching.sources.get()
    before = event_rows(researching)

    services.source_change(source=source, actor=alice, title=source.title)

    assert event_rows(researching) == before


def test_removing_a_source_is_recorded(alice, researching):
    source = researching.sources.get()

    services.source_remove(source=source, actor=alice)

    assert not Source.objects.filter(review=researching).exists()
    assert event_rows(researching)[-1] == (
        "alice", "source_remove", "researching", "researching", "Source removed: Casualty report"
    )


def test_adding_a_source_is_recorded(alice, researching):
    services.source_add(review=researching, actor=alice, url="https://stat.gov.kz/b", title="Bulletin",
                        accessed_on=TODAY, stance="refutes")

    assert event_rows(researching)[-1] == (
        "alice", "source_add", "researching", "researching", "Source added: Bulletin"
    )


def test_sources_are_frozen_once_submitted_until_sent_back(alice, erin, in_review):
    source = in_review.sources.get()

    for change in (
        lambda: services.source_change(source=source, actor=alice, title="Other"),
        lambda: services.source_change(source=source, actor=erin, title="Other"),
        lambda: services.source_remove(source=source, actor=erin),
        lambda: services.source_add(review=in_review, actor=alice, url="https://x.example/", title="X",
                                    accessed_on=TODAY, stance="context"),
    ):
        with pytest.raises(MoveNotAllowed):
            change()
    assert in_review.sources.get().title == "Casualty report"

    services.review_send_back(review=in_review, actor=erin, note="Cite the ministry")
    services.source_change(source=source, actor=alice, title="Ministry report")
    assert in_review.sources.get().title == "Ministry report"


def test_a_colleague_may_not_change_someone_elses_source(bob, researching):
    with pytest.raises(NotAllowedForRole):
        services.source_remove(source=researching.sources.get(), actor=bob)


def source_form(page, source, **changes) -> dict:
    data = {
        **inline_management_data(page),
        "sources-TOTAL_FORMS": 1,
        "sources-0-id": source.pk,
        "sources-0-review": source.review_id,
        "sources-0-url": source.url,
        "sources-0-title": source.title,
        "sources-0-publisher": source.publisher,
        "sources-0-accessed_on": source.accessed_on.isoformat(),
        "sources-0-stance": source.stance,
        "_continue": "Save",
        **({"sources-0-primary": "on"} if source.primary else {}),
    }
    data.update({f"sources-0-{name}": value for name, value in changes.items()})
    return data


def test_the_page_refuses_a_future_date_on_an_edited_source_and_keeps_what_was_typed(client, alice, researching):
    client.force_login(alice)
    source = researching.sources.get()
    page = client.get(page_url(researching))

    response = client.post(page_url(researching), source_form(page, source, title="Typed title",
                                                              accessed_on="2026-03-11"))

    assert response.status_code == 200
    assert "The date accessed cannot be in the future." in response.text
    assert 'value="Typed title"' in response.text
    assert Source.objects.get(pk=source.pk).title == "Casualty report"


def test_an_edit_and_a_removal_on_the_page_go_through_the_services(client, alice, researching):
    client.force_login(alice)
    source = researching.sources.get()
    page = client.get(page_url(researching))

    client.post(page_url(researching), source_form(page, source, title="Revised"), follow=True)
    assert event_rows(researching)[-1][1:] == (
        "source_change", "researching", "researching", "Source changed: Revised (title)"
    )
    page = client.get(page_url(researching))
    client.post(page_url(researching), source_form(page, Source.objects.get(pk=source.pk), DELETE="on"), follow=True)
    assert event_rows(researching)[-1][1] == "source_remove"
    assert not Source.objects.filter(pk=source.pk).exists()


def test_an_editor_cannot_delete_a_submitted_verdicts_source_on_the_page(client, erin, in_review):
    client.force_login(erin)
    page = client.get(page_url(in_review))

    assert 'name="sources-0-DELETE"' not in page.text
    assert 'name="sources-0-title"' not in page.text
    assert in_review.sources.count() == 1
