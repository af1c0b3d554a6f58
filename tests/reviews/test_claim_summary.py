"""The claim summary on the review page: written by the fact-checker before submitting (the
blind cut only offered), refused with a message when missing or too long, published as the
ClaimReview's claimReviewed; and the speaker corrected there, with their kind."""

import datetime
import re

import extruct
import pytest
import time_machine
from django.urls import reverse

from claims.models import Claim
from reviews.models import Review, Source
from reviews.workflow import services
from tests.factories import ClaimFactory, ReviewFactory
from tests.reviews.test_admin import move_url, page_url

pytestmark = pytest.mark.django_db

CLAIM = "Денсаулық сақтау министрлігінің хабарлауынша, былтыр елде 350 мыңнан астам бала дүниеге келді"
CUT = "Денсаулық сақтау министрлігінің хабарлауынша, былтыр елде 350 мыңнан…"
VERDICT = {
    "move-rating": "false",
    "move-explanation": "Статистика бюросы 300 мың деп көрсетеді.",
    "move-note": "",
    "move-source_url": "https://stat.gov.kz/births",
    "move-source_title": "Туу көрсеткіштері",
    "move-source_publisher": "Ұлттық статистика бюросы",
    "move-source_accessed_on": "2026-03-09",
    "move-source_stance": "refutes",
    "move-source_quote": "",
}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def taken(alice):
    """Just taken: nobody has written a summary yet."""
    claim = ClaimFactory(article__body=f"Хабар. {CLAIM}", text=CLAIM, language="kk", span_start=7,
                         span_end=7 + len(CLAIM))
    return ReviewFactory(claim=claim, status="researching", assignee=alice, claim_summary="")


def submit(client, review, **changes):
    review = Review.objects.get(pk=review.pk)
    return client.post(move_url(review, "submit"), {"move-version": review.version, **VERDICT, **changes},
                       follow=True)


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def summary_input(page: str) -> str:
    (found,) = re.findall(r'<input[^>]*name="move-claim_summary"[^>]*>', page)
    return found


def test_the_blind_cut_is_offered_but_not_filled_in(client, alice, taken):
    client.force_login(alice)

    field = summary_input(client.get(page_url(taken)).text)

    assert f'placeholder="{CUT}"' in field
    assert "value=" not in field
    assert 'maxlength="75"' in field and 'lang="kk"' in field and "required" in field


def test_submitting_without_a_summary_is_refused_and_keeps_what_was_typed(client, alice, taken):
    client.force_login(alice)

    response = submit(client, taken)

    assert messages_of(response) == [("error", (
        "Write the claim summary: at most 75 characters, in the claim's language. "
        "It is what search engines show as the claim reviewed."))]
    assert "Статистика бюросы 300 мың деп көрсетеді." in response.text
    assert 'value="Туу көрсеткіштері"' in response.text
    assert Review.objects.get(pk=taken.pk).status == "researching"
    assert not Source.objects.exists()  # the source typed with it waits for the verdict too


def test_a_summary_over_75_characters_is_refused_and_comes_back_as_typed(client, alice, taken):
    client.force_login(alice)
    long_summary = "Былтыр елде 350 мыңнан астам бала дүниеге келді деген дерек статистикаға сай емес"

    response = submit(client, taken, **{"move-claim_summary": long_summary})

    assert messages_of(response) == [("error", "The claim summary has 81 characters; keep it to 75 at most.")]
    assert f'value="{long_summary}"' in summary_input(response.text)
    assert Review.objects.get(pk=taken.pk).status == "researching"


def test_a_summary_in_another_alphabet_than_the_claim_is_refused(client, alice, taken):
    client.force_login(alice)

    response = submit(client, taken, **{"move-claim_summary": "Over 350,000 births last year"})

    assert messages_of(response) == [("error", "Write the claim summary in the claim's language (Kazakh).")]


def test_the_summary_is_published_as_the_claim_reviewed(client, alice, erin, taken):
    client.force_login(alice)

    response = submit(client, taken, **{"move-claim_summary": "  Былтыр   350 мыңнан астам бала туды "})
    services.review_approve(review=Review.objects.get(pk=taken.pk), actor=erin)
    page = client.get(f"/verdicts/{taken.pk}/").content.decode()

    assert messages_of(response) == [("success", "Submit verdict: the review is now in review.")]
    assert Review.objects.get(pk=taken.pk).claim_summary == "Былтыр 350 мыңнан астам бала туды"
    (claim_review,) = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    assert claim_review["claimReviewed"] == "Былтыр 350 мыңнан астам бала туды"


def test_a_verdict_sent_back_keeps_its_summary_on_the_form(client, alice, erin, taken):
    client.force_login(alice)
    submit(client, taken, **{"move-claim_summary": "Былтыр 350 мың бала туды"})
    services.review_send_back(review=Review.objects.get(pk=taken.pk), actor=erin, note="Қайта тексеріңіз")

    field = summary_input(client.get(page_url(taken)).text)

    assert 'value="Былтыр 350 мың бала туды"' in field


def test_the_fact_checker_corrects_the_speaker_and_their_kind(client, alice, erin, taken):
    Claim.objects.filter(pk=taken.claim_id).update(speaker="Денсаулық сақтау", speaker_kind="")
    client.force_login(alice)
    page = client.get(page_url(taken)).text
    assert re.search(r'id="claim-speaker">Speaker: Денсаулық сақтау \(unknown\)<', page)

    response = client.post(reverse("admin:reviews_review_claim", args=[taken.pk, "claim_correct"]), {
        "claim-version": taken.version, "claim-quantity_value": "", "claim-quantity_comparator": "",
        "claim-speaker": "Денсаулық сақтау министрлігі", "claim-speaker_kind": "organisation",
    }, follow=True)

    assert messages_of(response) == [("success", "The claim is corrected.")]
    claim = Claim.objects.get(pk=taken.claim_id)
    assert (claim.speaker, claim.speaker_kind) == ("Денсаулық сақтау министрлігі", "organisation")
    assert re.search(r'id="claim-speaker">Speaker: Денсаулық сақтау министрлігі \(organisation\)<', response.text)

    submit(client, taken, **{"move-claim_summary": "Былтыр 350 мың бала туды"})
    services.review_approve(review=Review.objects.get(pk=taken.pk), actor=erin)
    (claim_review,) = extruct.extract(client.get(f"/verdicts/{taken.pk}/").content.decode(),
                                      syntaxes=["json-ld"])["json-ld"]
    assert claim_review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Денсаулық сақтау министрлігі"}


def test_a_speaker_cleared_loses_their_kind_and_a_made_up_kind_is_refused(client, alice, taken):
    Claim.objects.filter(pk=taken.claim_id).update(speaker="СІМ", speaker_kind="organisation")
    client.force_login(alice)
    correct = reverse("admin:reviews_review_claim", args=[taken.pk, "claim_correct"])

    made_up = client.post(correct, {"claim-version": taken.version, "claim-speaker": "СІМ",
                                    "claim-speaker_kind": "robot"}, follow=True)
    cleared = client.post(correct, {"claim-version": taken.version, "claim-speaker": " ",
                                    "claim-speaker_kind": "organisation"}, follow=True)

    assert [level for level, _text in messages_of(made_up)] == ["error"]
    assert messages_of(cleared) == [("success", "The claim is corrected.")]
    claim = Claim.objects.get(pk=taken.claim_id)
    assert (claim.speaker, claim.speaker_kind) == ("", "")
