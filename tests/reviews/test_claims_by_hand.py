"""Claims by hand: from a tipline or a post, corrected before research, split, merged."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from claims.models import Claim
from reviews.models import Review
from reviews.workflow import services
from reviews.workflow.errors import InvalidInput, MissingInput, MoveNotAllowed, NotAllowedForRole
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory
from tests.reviews.conftest import event_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_a_fact_checker_adds_a_claim_seen_on_a_tipline(alice):
    review = services.claim_add_by_hand(
        actor=alice, text="Алматыда  бензин 40 пайызға қымбаттады", language="kk", seen_where="WhatsApp tipline",
        quantity_value=40, quantity_unit="percent",
    )

    claim = review.claim
    assert (claim.text, claim.language, claim.kind, claim.quantity_value, claim.quantity_unit) == (
        "Алматыда бензин 40 пайызға қымбаттады", "kk", "quantity", 40, "percent"
    )
    assert (claim.article.outlet, claim.article.published_on, claim.article.extraction_status) == (
        "WhatsApp tipline", datetime.date(2026, 3, 10), "done"
    )
    assert (review.status, event_rows(review)) == (
        "new", [("alice", "", "", "new", "Claim added by hand (seen: WhatsApp tipline)")]
    )


@pytest.mark.parametrize(("given", "field", "error"), [
    ({"text": " "}, "text", MissingInput),
    ({"language": "de"}, "language", InvalidInput),
    ({"seen_where": ""}, "seen_where", MissingInput),
    ({"seen_on": datetime.date(2026, 3, 11)}, "seen_on", InvalidInput),
    ({"date_earliest": datetime.date(2026, 3, 5)}, "date_latest", MissingInput),
    ({"quantity_comparator": "between", "quantity_value": 1}, "quantity_upper", MissingInput),
])
def test_bad_input_for_a_hand_made_claim_is_refused_and_stores_nothing(alice, given, field, error):
    values = {"text": "Claim", "language": "en", "seen_where": "Facebook post", **given}

    with pytest.raises(error) as raised:
        services.claim_add_by_hand(actor=alice, **values)

    assert raised.value.field == field
    assert not Claim.objects.exists()


def test_people_without_a_role_cannot_add_claims(outsider):
    with pytest.raises(NotAllowedForRole):
        services.claim_add_by_hand(actor=outsider, text="x", language="en", seen_where="post")


def test_a_misread_figure_is_corrected_before_research_as_an_event(alice, bob):
    review = ReviewFactory(status="researching", assignee=alice)

    with pytest.raises(NotAllowedForRole):
        services.claim_correct(review=review, actor=bob, quantity_value=350)
    services.claim_correct(review=review, actor=alice, quantity_value=350, quantity_comparator="more_than",
                           date_earliest=datetime.date(2018, 2, 1), date_latest=datetime.date(2018, 2, 28))

    claim = Claim.objects.get(pk=review.claim_id)
    assert (claim.quantity_value, claim.quantity_comparator, claim.date_earliest) == (
        350, "more_than", datetime.date(2018, 2, 1)
    )
    assert event_rows(review)[-1] == (
        "alice", "claim_correct", "researching", "researching",
        "Claim corrected: date_earliest None → 2018-02-01; date_latest None → 2018-02-28; "
        "quantity_comparator at_least → more_than; quantity_value 340.0 → 350",
    )
    assert Review.objects.get(pk=review.pk).version == review.version


def test_a_submitted_claim_is_not_corrected(alice, in_review):
    with pytest.raises(MoveNotAllowed):
        services.claim_correct(review=in_review, actor=alice, quantity_value=1)


def test_a_claim_is_split_in_two_each_with_its_own_review(alice):
    article = ArticleFactory(body="Report. Prices rose 40 percent and 12 schools closed in March.")
    start = article.body.index("Prices")
    figure = article.body.index("12")
    review = ReviewFactory(status="researching", assignee=alice, claim=ClaimFactory(
        article=article, span_start=start, quantity_value=12, quantity_span_start=figure,
        quantity_span_end=figure + 2, quantity_subject="schools"))

    new_review = services.claim_split(review=review, actor=alice, second_starts="12 schools")

    first, second = Claim.objects.get(pk=review.claim_id), new_review.claim
    assert (first.text, first.quantity_value) == ("Prices rose 40 percent and", None)
    assert (second.text, second.quantity_value, second.quantity_subject) == (
        "12 schools closed in March.", 12, "schools"
    )
    assert article.body[second.span_start:second.span_end] == second.text
    assert (new_review.status, event_rows(new_review)[0][4]) == ("new", f"Split from claim #{first.pk}")
    assert event_rows(review)[-1][1:] == (
        "claim_split", "researching", "researching", f"Claim split: the rest is claim #{second.pk}"
    )
    with pytest.raises(InvalidInput):
        services.claim_split(review=Review.objects.get(pk=review.pk), actor=alice, second_starts="not in it")


def test_a_duplicate_is_merged_into_the_kept_claim(alice):
    kept, duplicate = ReviewFactory(), ReviewFactory()

    services.claim_merge(review=duplicate, actor=alice, kept=kept)

    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.claim.merged_into) == ("dismissed", kept.claim)
    assert event_rows(duplicate)[-1][1:] == ("claim_merge", "new", "dismissed", f"Merged into claim #{kept.claim_id}")
    with pytest.raises(InvalidInput):
        services.claim_merge(review=ReviewFactory(), actor=alice, kept=duplicate)


# --- through the admin -------------------------------------------------------------------------


def test_the_queue_links_the_hand_made_claim_form_which_opens_the_new_review(client, alice):
    client.force_login(alice)
    queue = client.get(reverse("admin:reviews_review_changelist")).text
    form_url = reverse("admin:reviews_review_add_claim")
    assert f'href="{form_url}"' in queue

    response = client.post(form_url, {
        "text": "Мектептерде 500 мұғалім жетіспейді", "language": "kk", "seen_where": "Telegram channel",
        "seen_url": "", "seen_on": "", "quantity_value": "500", "quantity_comparator": "", "quantity_unit": "",
        "quantity_subject": "мұғалім", "date_earliest": "", "date_latest": "",
    }, follow=True)

    review = Review.objects.get(claim__text="Мектептерде 500 мұғалім жетіспейді")
    assert response.redirect_chain[-1][0] == reverse("admin:reviews_review_change", args=[review.pk])
    assert review.claim.quantity_subject == "мұғалім"


def test_a_refused_hand_made_claim_comes_back_with_what_was_typed(client, alice):
    client.force_login(alice)

    response = client.post(reverse("admin:reviews_review_add_claim"), {
        "text": "Typed claim text", "language": "en", "seen_where": "", "seen_on": "2026-03-11",
    })

    assert response.status_code == 200
    assert "Typed claim text" in response.text
    assert not Claim.objects.exists()


def test_the_review_page_corrects_splits_and_merges(client, alice):
    review = ReviewFactory(status="researching", assignee=alice)
    other = ReviewFactory()
    client.force_login(alice)
    page = reverse("admin:reviews_review_change", args=[review.pk])
    assert 'id="claim-correct"' in client.get(page).text

    client.post(reverse("admin:reviews_review_claim", args=[review.pk, "claim_correct"]), {
        "claim-version": review.version, "claim-quantity_value": "341",
        "claim-quantity_comparator": "at_least", "claim-quantity_subject": "civilians",
    }, follow=True)
    assert Claim.objects.get(pk=review.claim_id).quantity_value == 341

    response = client.post(reverse("admin:reviews_review_claim", args=[review.pk, "claim_merge"]), {
        "claim-version": Review.objects.get(pk=review.pk).version, "claim-kept": other.pk,
    }, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert Claim.objects.get(pk=review.claim_id).merged_into_id == other.claim_id
    assert re.search(r"Merged into claim #\d+", response.text)


def test_both_parts_of_a_split_keep_the_speaker_and_what_they_are(alice):
    article = ArticleFactory(body="Report. Prices rose 40 percent and 12 schools closed, the ministry said.")
    review = ReviewFactory(status="researching", assignee=alice, claim=ClaimFactory(
        article=article, span_start=article.body.index("Prices"), speaker="the ministry",
        speaker_kind="organisation"))

    new_review = services.claim_split(review=review, actor=alice, second_starts="12 schools")

    parts = (Claim.objects.get(pk=review.claim_id), new_review.claim)
    assert [(claim.speaker, claim.speaker_kind) for claim in parts] == [("the ministry", "organisation")] * 2
