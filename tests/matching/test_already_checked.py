"""Closing a claim as already checked: a Russian outlet repeats a Kazakh claim rated false.

Articles go in through the API, extraction and matching run as their tasks (after commit), the
fact-checker and the editor work through the admin pages, clients read the API and the public
page. The refusals and the four-eyes rule are tried through the API as clients call it.
"""

import json
import re

import pytest
from django.urls import reverse

from claims.matching.embedding import embedder
from claims.models import ClaimMatch, ClaimSignature, ExternalVerdict, MatchingStatus
from reviews.publishing.models import VerdictDocument
from reviews.workflow import services
from reviews.workflow.errors import InvalidInput
from reviews.workflow.models import Review, ReviewEvent, VerdictRevision
from tests.api.conftest import anon, as_alice, as_erin, as_frank, make_verdict, publish, writer  # noqa: F401
from tests.factories import ReviewFactory, SourceFactory
from tests.matching.test_product import KK, RU, ingest

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(embedder() is None, reason="the embedding package is not installed here")]

RU_HEADLINE = RU[0]  # the Russian article as the API took it in
RU_SUMMARY = "В Шымкенте в 2023 году ввели 48 тысяч квартир"  # the repeat's own line, in Russian


@pytest.fixture
def kazakh_verdict(writer, alice, erin, django_capture_on_commit_callbacks):  # noqa: F811
    """The Kazakh claim, researched by alice, approved by erin: false."""
    claim = ingest(writer, KK, "2024-02-10", "kk", django_capture_on_commit_callbacks)
    publish(claim.review, author=alice, editor_user=erin, rating="false",
            explanation="Статистика бюросы бойынша 2023 жылы 12 мың пәтер пайдалануға берілді.")
    return Review.objects.get(pk=claim.review.pk)


@pytest.fixture
def russian_repeat(kazakh_verdict, writer, django_capture_on_commit_callbacks):  # noqa: F811
    """The same claim in Russian from another outlet, extracted and matched by the tasks."""
    claim = ingest(writer, RU, "2024-02-12", "ru", django_capture_on_commit_callbacks)
    return Review.objects.get(claim=claim)


def the_match(repeat: Review, earlier: Review) -> ClaimMatch:
    return ClaimMatch.objects.get(claim_id=repeat.claim_id, matched_id=earlier.claim_id)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def state(review: Review) -> tuple:
    row = Review.objects.get(pk=review.pk)
    return row.status, row.version, row.based_on_id, row.events.count()


# --- the "done when", as one story ------------------------------------------------------


def test_a_russian_repeat_of_a_kazakh_verdict_is_closed_as_checked_and_published_citing_it(
        kazakh_verdict, russian_repeat, client, alice, erin, anon):  # noqa: F811
    page = reverse("admin:reviews_review_change", args=[russian_repeat.pk])
    match = the_match(russian_repeat, kazakh_verdict)

    # The fact-checker sees "Checked before" with the Kazakh verdict and confirms the match.
    client.force_login(alice)
    html = client.get(page).text
    assert "Checked before" in html and KK[1] in html and "Kazakh" in html and "False" in html
    assert 'id="move-close_as_checked"' not in html   # nothing confirmed yet: the move is not offered
    client.post(reverse("admin:reviews_review_match", args=[russian_repeat.pk, match.pk]), {"decision": "confirm"})
    html = client.get(page).text
    assert 'id="move-close_as_checked"' in html
    assert f'<option value="{match.pk}" selected>False: {KK[1][:100]} (#{kazakh_verdict.pk})</option>' in html

    # ... and closes the claim as already checked.
    response = client.post(reverse("admin:reviews_review_move", args=[russian_repeat.pk, "close_as_checked"]), {
        "move-version": russian_repeat.version, "move-match": match.pk, "move-claim_summary": RU_SUMMARY,
        "move-explanation": "",
        "move-note": "Тот же тезис, что у казахстанского издания.",
    }, follow=True)
    assert messages_of(response) == ["Close as already checked: the review is now in review."]
    closed = Review.objects.get(pk=russian_repeat.pk)
    assert (closed.status, closed.rating, closed.based_on_id, closed.submitted_by, closed.assignee) == (
        "in_review", "false", kazakh_verdict.pk, alice, alice)
    assert closed.explanation == kazakh_verdict.explanation
    last = closed.events.last()
    assert (last.move, last.from_status, last.to_status, last.actor) == ("close_as_checked", "new", "in_review", alice)
    assert last.note_text() == (f"Closed as already checked: verdict #{kazakh_verdict.pk} (False): "
                                "Тот же тезис, что у казахстанского издания.")
    assert "Closed as already checked: verdict" in client.get(page).text

    # The editor approves it like any verdict.
    client.force_login(erin)
    response = client.post(reverse("admin:reviews_review_move", args=[russian_repeat.pk, "approve"]), {
        "move-version": closed.version, "move-note": ""}, follow=True)
    assert messages_of(response) == ["Approve and publish: the review is now published."]
    [revision] = VerdictRevision.objects.filter(review=russian_repeat)
    assert (revision.rating, revision.based_on_id, revision.editor) == ("false", kazakh_verdict.pk, erin)

    # The public page and its ClaimReview cite the earlier verdict; the claim is this appearance's.
    earlier_page = f"http://testserver/verdicts/{kazakh_verdict.pk}/"
    public = anon.get(f"/verdicts/{russian_repeat.pk}/").content.decode()
    assert f'id="checked-before">This claim repeats one checked before: <a href="{earlier_page}">' in public
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', public, re.S)
    assert script is not None
    claim_review = json.loads(script.group(1))
    assert claim_review["isBasedOn"] == {"@type": "ClaimReview", "url": earlier_page}
    assert claim_review["claimReviewed"] == RU_SUMMARY   # this appearance's own summary, in Russian
    assert claim_review["inLanguage"] == "ru"
    assert claim_review["itemReviewed"]["firstAppearance"]["headline"] == RU_HEADLINE
    assert claim_review["reviewRating"]["ratingValue"] == 1
    assert claim_review["url"] == f"http://testserver/verdicts/{russian_repeat.pk}/"
    assert anon.get(f"/api/v1/verdicts/{russian_repeat.pk}/claimreview/").json()["isBasedOn"] == {
        "@type": "ClaimReview", "url": earlier_page}
    assert "isBasedOn" not in anon.get(f"/api/v1/verdicts/{kazakh_verdict.pk}/claimreview/").json()

    # The API shows the verdict as based on the earlier one.
    verdict = anon.get(f"/api/v1/verdicts/{russian_repeat.pk}/").json()
    assert (verdict["rating"], verdict["claim"]["language"], verdict["based_on"]) == ("false", "ru", {
        "id": kazakh_verdict.pk, "page_url": earlier_page,
        "api_url": f"http://testserver/api/v1/verdicts/{kazakh_verdict.pk}/"})
    # The list reads it from its stored document, links filled in for this host.
    assert VerdictDocument.objects.filter(review=russian_repeat).exists()
    listed = {row["id"]: row for row in anon.get("/api/v1/verdicts/").json()["results"]}
    assert listed[russian_repeat.pk] == verdict

    # A client finds it with verdicts/search, in Russian, and the Kazakh one it rests on in English.
    found = anon.get("/api/v1/verdicts/search/", {"q": RU[1], "language": "ru"}).json()["results"]
    assert found[0]["verdict"]["id"] == russian_repeat.pk and found[0]["same"] is True
    assert found[0]["verdict"]["based_on"]["id"] == kazakh_verdict.pk
    assert kazakh_verdict.pk in [hit["verdict"]["id"] for hit in found]
    english = anon.get("/api/v1/verdicts/search/", {"q": "Shymkent commissioned 48,000 new apartments in 2023.",
                                                    "language": "en"}).json()["results"]
    assert {hit["verdict"]["id"] for hit in english[:2]} == {kazakh_verdict.pk, russian_repeat.pk}


# --- the admin: four eyes, refusals ---------------------------------------------------------------


def test_closing_as_checked_needs_the_claims_own_summary_and_keeps_what_was_typed(
        kazakh_verdict, russian_repeat, client, alice):
    match = the_match(russian_repeat, kazakh_verdict)
    client.force_login(alice)
    client.post(reverse("admin:reviews_review_match", args=[russian_repeat.pk, match.pk]), {"decision": "confirm"})
    before = state(russian_repeat)

    response = client.post(reverse("admin:reviews_review_move", args=[russian_repeat.pk, "close_as_checked"]), {
        "move-version": 0, "move-match": match.pk, "move-claim_summary": "",
        "move-explanation": "Тот же тезис, те же цифры."}, follow=True)

    assert any(m.startswith("Write the claim summary") for m in messages_of(response))
    assert state(russian_repeat) == before
    assert "Тот же тезис, те же цифры." in response.content.decode()   # nothing typed is lost



def test_the_editor_who_closed_it_cannot_approve_it_and_another_editor_does(
        kazakh_verdict, russian_repeat, client, erin, frank):
    match = the_match(russian_repeat, kazakh_verdict)
    client.force_login(frank)
    client.post(reverse("admin:reviews_review_match", args=[russian_repeat.pk, match.pk]), {"decision": "confirm"})
    client.post(reverse("admin:reviews_review_move", args=[russian_repeat.pk, "close_as_checked"]), {
        "move-version": 0, "move-match": match.pk, "move-claim_summary": RU_SUMMARY})
    closed = Review.objects.get(pk=russian_repeat.pk)
    assert (closed.status, closed.submitted_by) == ("in_review", frank)

    page = reverse("admin:reviews_review_change", args=[russian_repeat.pk])
    assert 'id="move-approve"' not in client.get(page).text
    response = client.post(reverse("admin:reviews_review_move", args=[russian_repeat.pk, "approve"]), {
        "move-version": closed.version}, follow=True)
    assert messages_of(response) == ["You submitted this verdict; another editor must approve it."]
    assert state(closed)[0] == "in_review"

    client.force_login(erin)
    client.post(reverse("admin:reviews_review_move", args=[russian_repeat.pk, "approve"]), {
        "move-version": closed.version})
    assert Review.objects.get(pk=russian_repeat.pk).status == "published"


def test_the_admin_refuses_a_match_not_confirmed_and_keeps_the_claim_as_it_was(
        kazakh_verdict, russian_repeat, client, alice):
    match = the_match(russian_repeat, kazakh_verdict)
    client.force_login(alice)
    before = state(russian_repeat)

    response = client.post(reverse("admin:reviews_review_move", args=[russian_repeat.pk, "close_as_checked"]), {
        "move-version": 0, "move-match": match.pk, "move-claim_summary": RU_SUMMARY}, follow=True)

    assert messages_of(response) == [
        "Confirm the match first: only a confirmed match closes a claim as already checked."]
    assert state(russian_repeat) == before


def test_a_match_a_verdict_was_closed_on_is_not_rejected_behind_the_editors_back(
        kazakh_verdict, russian_repeat, client, alice):
    match = the_match(russian_repeat, kazakh_verdict)
    client.force_login(alice)
    client.post(reverse("admin:reviews_review_match", args=[russian_repeat.pk, match.pk]), {"decision": "confirm"})
    services.review_close_as_checked(review=russian_repeat, actor=alice, match=match.pk, claim_summary=RU_SUMMARY)

    response = client.post(reverse("admin:reviews_review_match", args=[russian_repeat.pk, match.pk]),
                           {"decision": "reject"}, follow=True)

    assert messages_of(response)[-1:] == [
        "The verdict of this claim was closed on this match; send it back or reopen it before rejecting it."]
    assert ClaimMatch.objects.get(pk=match.pk).state == "confirmed"


# --- the API: the move, its refusals, lost races, four eyes ----------------------------------------


def close(client, review: Review, **body):
    body.setdefault("claim_summary", RU_SUMMARY)
    return client.post(f"/api/v1/claims/{review.claim_id}/close-as-checked/", body, format="json")


def confirmed(repeat: Review, earlier: Review, by) -> ClaimMatch:
    match = the_match(repeat, earlier)
    ClaimMatch.objects.filter(pk=match.pk).update(state="confirmed", decided_by=by)
    return match


def test_the_api_closes_a_claim_as_checked_and_another_editor_publishes_it(
        kazakh_verdict, russian_repeat, alice, erin, as_alice, as_erin, anon):  # noqa: F811
    # Another claim's verdict, corrected since (its second publication): not the one cited.
    other = make_verdict(alice, erin, rating="mostly_true")
    services.review_reopen(review=other, actor=erin, note="New data")
    services.review_submit(review=other, actor=alice, rating="true", explanation="Confirmed.")
    services.review_approve(review=other, actor=erin, correction_note="Rated true on new data.")
    match = confirmed(russian_repeat, kazakh_verdict, alice)
    assert "close-as-checked" in as_alice.get(f"/api/v1/claims/{russian_repeat.claim_id}/").json()["review"]["moves"]

    response = close(as_alice, russian_repeat, match=match.pk, version=0, explanation="Тот же тезис; данные бюро.")

    assert response.status_code == 200, response.content
    review = response.json()["review"]
    assert (review["status"], review["rating"], review["based_on"], review["explanation"]) == (
        "in_review", "false", kazakh_verdict.pk, "Тот же тезис; данные бюро.")
    assert as_erin.post(f"/api/v1/claims/{russian_repeat.claim_id}/approve/", {"version": review["version"]},
                        format="json").status_code == 200
    assert anon.get(f"/api/v1/verdicts/{russian_repeat.pk}/").json()["based_on"]["id"] == kazakh_verdict.pk


def test_the_four_eyes_rule_holds_for_a_claim_closed_as_checked(
        kazakh_verdict, russian_repeat, erin, as_erin, as_frank):  # noqa: F811
    match = confirmed(russian_repeat, kazakh_verdict, erin)
    version = close(as_erin, russian_repeat, match=match.pk).json()["review"]["version"]

    refused = as_erin.post(f"/api/v1/claims/{russian_repeat.claim_id}/approve/", {"version": version}, format="json")

    assert refused.status_code == 403
    assert refused.json() == {"error": "not_allowed_for_role", "field": None,
                              "detail": "You submitted this verdict; another editor must approve it."}
    assert as_frank.post(f"/api/v1/claims/{russian_repeat.claim_id}/approve/", {"version": version},
                         format="json").status_code == 200


@pytest.mark.parametrize(("case", "code", "error", "detail"), [
    ("suggested", 400, "invalid_input",
     "Confirm the match first: only a confirmed match closes a claim as already checked."),
    ("rejected", 400, "invalid_input",
     "Confirm the match first: only a confirmed match closes a claim as already checked."),
    ("no match", 400, "missing_input", "Choose the confirmed match whose verdict the claim repeats."),
    ("another claim's match", 400, "invalid_input", "This claim has no such match."),
    ("earlier reopened", 400, "invalid_input",
     "The verdict checked before is not published now (it may be reopened for correction): it cannot be cited."),
    ("already submitted", 409, "move_not_allowed",
     "Cannot close as already checked a review that is in review (only from: new, researching)."),
    ("lost race", 409, "review_conflict",
     "Someone else changed this review first; nothing was changed. Reload it and try again."),
    ("another fact-checker's verdict", 400, "invalid_input",
     "This match is another fact-checker's verdict: add it as a source; only our own published "
     "verdicts close a claim as already checked."),
    ("no summary", 400, "missing_input",
     "Write the claim summary: at most 75 characters, in the claim's language. "
     "It is what search engines show as the claim reviewed."),
])
def test_the_api_refuses_to_close_a_claim_as_checked_and_changes_nothing(
        case, code, error, detail, kazakh_verdict, russian_repeat, alice, bob, erin, frank, as_alice):  # noqa: F811
    match = the_match(russian_repeat, kazakh_verdict)
    body = {"match": match.pk}
    if case != "suggested":
        ClaimMatch.objects.filter(pk=match.pk).update(state="rejected" if case == "rejected" else "confirmed")
    if case == "no match":
        body = {}
    if case == "another claim's match":
        # The Kazakh claim's own match to the repeat is a match, but not this claim's.
        other = ClaimMatch.objects.create(claim=kazakh_verdict.claim, matched=russian_repeat.claim, score=0.9,
                                          tier="same", state="confirmed")
        body = {"match": other.pk}
    if case == "earlier reopened":
        services.review_reopen(review=kazakh_verdict, actor=frank, note="New figures from the bureau")
    if case == "another fact-checker's verdict":
        theirs = ExternalVerdict.objects.create(
            key="https://factcheck.example/checks/flats", url="https://factcheck.example/checks/flats",
            claim_reviewed=RU[1], rating_text="Ложь", publisher="Factcheck.example", language="ru")
        external = ClaimMatch.objects.create(claim=russian_repeat.claim, external_verdict=theirs, score=0.97,
                                             tier="same", state="confirmed")
        body = {"match": external.pk}
    if case == "no summary":
        body["claim_summary"] = ""
    if case == "already submitted":
        services.review_take(review=russian_repeat, actor=alice)
        SourceFactory(review=russian_repeat, added_by=alice)
        services.review_submit(review=russian_repeat, actor=alice, rating="false", explanation="Own research.",
                               claim_summary=RU_SUMMARY)
    if case == "lost race":
        services.review_take(review=russian_repeat, actor=alice)   # after the caller read version 0
        body["version"] = 0
    before = state(russian_repeat)

    response = close(as_alice, russian_repeat, **body)

    assert response.status_code == code, response.content
    assert response.json()["error"] == error and response.json()["detail"] == detail
    assert state(russian_repeat) == before


def test_the_approval_refuses_when_the_earlier_verdict_was_reopened_since_and_publishes_once_it_is_out(
        kazakh_verdict, russian_repeat, alice, erin, frank, as_alice, as_frank):  # noqa: F811
    match = confirmed(russian_repeat, kazakh_verdict, alice)
    version = close(as_alice, russian_repeat, match=match.pk).json()["review"]["version"]
    services.review_reopen(review=kazakh_verdict, actor=erin, note="New figures from the bureau")

    refused = as_frank.post(f"/api/v1/claims/{russian_repeat.claim_id}/approve/", {"version": version},
                            format="json")

    assert refused.status_code == 400
    assert refused.json()["detail"] == (
        "The verdict checked before is not published now (it may be reopened for correction): it cannot be cited.")
    assert state(russian_repeat)[:2] == ("in_review", version)
    assert not VerdictRevision.objects.filter(review=russian_repeat).exists()

    # Corrected to another rating: this one is sent back to be closed again, never published stale.
    services.review_submit(review=kazakh_verdict, actor=alice, rating="mostly_false", explanation="Revised.")
    services.review_approve(review=kazakh_verdict, actor=frank, correction_note="The bureau revised its table.")
    stale = as_frank.post(f"/api/v1/claims/{russian_repeat.claim_id}/approve/", {"version": version},
                          format="json")
    assert stale.status_code == 409
    assert stale.json()["detail"] == (
        "The verdict checked before is now rated “Mostly false”; send this one back to be closed again.")
    assert not VerdictRevision.objects.filter(review=russian_repeat).exists()


def test_a_verdict_of_its_own_after_a_send_back_no_longer_cites_the_earlier_one(
        kazakh_verdict, russian_repeat, alice, erin, frank):
    match = confirmed(russian_repeat, kazakh_verdict, alice)
    services.review_close_as_checked(review=russian_repeat, actor=alice, match=match.pk, claim_summary=RU_SUMMARY)
    services.review_send_back(review=russian_repeat, actor=erin, note="Research the Russian outlet's source.")
    SourceFactory(review=russian_repeat, added_by=alice)
    services.review_submit(review=russian_repeat, actor=alice, rating="mostly_false", explanation="Own research.")
    services.review_approve(review=russian_repeat, actor=frank)

    assert Review.objects.get(pk=russian_repeat.pk).based_on_id is None
    assert VerdictRevision.objects.get(review=russian_repeat).based_on_id is None


def test_closing_the_earlier_claim_on_the_one_that_cites_it_is_refused(
        kazakh_verdict, russian_repeat, alice, erin, frank):
    match = confirmed(russian_repeat, kazakh_verdict, alice)
    services.review_close_as_checked(review=russian_repeat, actor=alice, match=match.pk, claim_summary=RU_SUMMARY)
    services.review_approve(review=russian_repeat, actor=erin)
    services.review_reopen(review=kazakh_verdict, actor=frank, note="Check again")
    back = ClaimMatch.objects.create(claim=kazakh_verdict.claim, matched=russian_repeat.claim, score=0.95,
                                     tier="same", state="confirmed")

    with pytest.raises(InvalidInput) as raised:
        services.review_close_as_checked(review=Review.objects.get(pk=kazakh_verdict.pk), actor=alice,
                                         match=back.pk)
    assert "itself based on this claim's verdict" in str(raised.value)
    assert ReviewEvent.objects.filter(review=kazakh_verdict, move="close_as_checked").count() == 0


# --- hand-made claims are matched as extracted ones are ----------------------------------------


HAND = {"seen_url": "", "seen_on": "", "quantity_value": "", "quantity_comparator": "", "quantity_unit": "",
        "quantity_subject": "", "date_earliest": "", "date_latest": ""}


def test_a_claim_added_by_hand_is_matched_after_it_is_stored(
        kazakh_verdict, client, alice, django_capture_on_commit_callbacks):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:reviews_review_add_claim"), {
            **HAND, "text": RU[1], "language": "ru", "seen_where": "Telegram-канал"}, follow=True)

    review = Review.objects.get(claim__text=RU[1])
    assert response.redirect_chain[-1][0] == reverse("admin:reviews_review_change", args=[review.pk])
    assert ClaimSignature.objects.get(claim=review.claim).status == MatchingStatus.DONE
    match = the_match(review, kazakh_verdict)
    assert (match.tier, match.state) == ("same", "suggested")
    assert KK[1] in client.get(reverse("admin:reviews_review_change", args=[review.pk])).text


def test_a_hand_made_claim_whose_matching_task_is_lost_is_matched_by_the_sweep(
        kazakh_verdict, alice, settings, django_capture_on_commit_callbacks):
    from claims.matching_tasks import retry_unmatched_claims

    with django_capture_on_commit_callbacks(execute=False) as queued:   # the broker never took the task
        review = services.claim_add_by_hand(actor=alice, text=RU[1], language="ru", seen_where="Telegram-канал")
    assert len(queued) == 1
    assert not ClaimMatch.objects.filter(claim=review.claim).exists()

    settings.MATCHING_STALLED_AFTER_MINUTES = 0
    assert retry_unmatched_claims() == 1
    assert the_match(review, kazakh_verdict).tier == "same"


def test_a_split_claim_is_matched_again_in_both_its_parts(
        kazakh_verdict, alice, django_capture_on_commit_callbacks):
    text = f"{RU[1]} В Усть-Каменогорске за сутки выпало 30 сантиметров снега."
    with django_capture_on_commit_callbacks(execute=True):
        review = services.claim_add_by_hand(actor=alice, text=text, language="ru", seen_where="Telegram-канал")
    assert ClaimMatch.objects.filter(claim=review.claim, matched=kazakh_verdict.claim).exists()
    services.review_take(review=review, actor=alice)

    with django_capture_on_commit_callbacks(execute=True):
        second = services.claim_split(review=review, actor=alice, second_starts="В Усть-Каменогорске")

    first = ClaimSignature.objects.get(claim=review.claim)
    assert (first.status, first.signature["figures"][0]["value"]) == (MatchingStatus.DONE, 48000)
    assert ClaimSignature.objects.get(claim=second.claim).status == MatchingStatus.DONE
    assert the_match(review, kazakh_verdict).tier == "same"
    assert not ClaimMatch.objects.filter(claim=second.claim, matched=kazakh_verdict.claim).exists()


def test_the_approval_refuses_when_the_match_is_no_longer_confirmed(
        kazakh_verdict, russian_repeat, alice, as_alice, as_frank):  # noqa: F811
    match = confirmed(russian_repeat, kazakh_verdict, alice)
    version = close(as_alice, russian_repeat, match=match.pk).json()["review"]["version"]
    ClaimMatch.objects.filter(pk=match.pk).update(state="rejected")   # decided again elsewhere since
    # Other confirmed matches, of another claim to the same verdict and of this claim to another one.
    other = ReviewFactory()
    ClaimMatch.objects.create(claim=other.claim, matched=kazakh_verdict.claim, score=0.9, tier="same",
                              state="confirmed")
    ClaimMatch.objects.create(claim=russian_repeat.claim, matched=other.claim, score=0.5, tier="related",
                              state="confirmed")

    refused = as_frank.post(f"/api/v1/claims/{russian_repeat.claim_id}/approve/", {"version": version},
                            format="json")

    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "The match this verdict rests on is no longer confirmed; send it back to be checked again.")
    assert not VerdictRevision.objects.filter(review=russian_repeat).exists()


@pytest.mark.parametrize(("language", "move", "note"), [
    ("kk", "Бұрын тексерілген деп жабу", "Бұрын тексерілген деп жабылды: №{pk} үкім (Жалған)"),
    ("ru", "Закрыть как уже проверенное", "Закрыто как уже проверенное: вердикт №{pk} (Неправда)"),
])
def test_the_move_and_its_history_read_in_kazakh_and_russian(
        language, move, note, kazakh_verdict, russian_repeat, client, alice, settings):
    from django.utils.html import escape

    match = confirmed(russian_repeat, kazakh_verdict, alice)
    client.force_login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = reverse("admin:reviews_review_change", args=[russian_repeat.pk])
    assert escape(move) in client.get(page).text

    client.post(reverse("admin:reviews_review_move", args=[russian_repeat.pk, "close_as_checked"]), {
        "move-version": 0, "move-match": match.pk, "move-claim_summary": RU_SUMMARY})

    assert escape(note.format(pk=kazakh_verdict.pk)) in client.get(page).text


def test_a_corrected_claim_is_signed_and_matched_again_after_the_correction_commits(
        kazakh_verdict, russian_repeat, alice, django_capture_on_commit_callbacks):
    services.review_take(review=russian_repeat, actor=alice)
    signed_before = ClaimSignature.objects.get(claim=russian_repeat.claim).matched_at

    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.claim_correct(review=russian_repeat, actor=alice, quantity_subject="квартир")
    assert ClaimSignature.objects.get(claim=russian_repeat.claim).status == MatchingStatus.PENDING
    for callback in queued:
        callback()

    again = ClaimSignature.objects.get(claim=russian_repeat.claim)
    assert (again.status, again.signature["figures"][0]["value"]) == (MatchingStatus.DONE, 48000)
    assert again.matched_at > signed_before
    assert the_match(russian_repeat, kazakh_verdict).tier == "same"


def test_the_move_is_offered_only_on_this_claims_confirmed_matches_to_published_verdicts(
        kazakh_verdict, russian_repeat, client, alice, erin):
    unpublished = ReviewFactory()
    another_verdict = make_verdict(alice, erin, rating="true")
    ClaimMatch.objects.create(claim=russian_repeat.claim, matched=unpublished.claim, score=0.9, tier="same",
                              state="confirmed")
    ClaimMatch.objects.create(claim=unpublished.claim, matched=kazakh_verdict.claim, score=0.9, tier="same",
                              state="confirmed")
    suggested = ClaimMatch.objects.create(claim=russian_repeat.claim, matched=another_verdict.claim, score=0.6,
                                          tier="related")
    page = reverse("admin:reviews_review_change", args=[russian_repeat.pk])
    client.force_login(alice)
    assert 'id="move-close_as_checked"' not in client.get(page).text

    match = confirmed(russian_repeat, kazakh_verdict, alice)
    html = client.get(page).text
    options = re.findall(r'<option value="(\d+)"', html.split('id="move-close_as_checked"')[1].split("</form>")[0])
    assert options == [str(match.pk)]
    assert str(suggested.pk) not in options


def test_the_editors_hear_of_a_claim_closed_as_checked_as_of_any_verdict_to_approve(
        kazakh_verdict, russian_repeat, alice, erin, frank, as_alice, mailoutbox,  # noqa: F811
        django_capture_on_commit_callbacks):
    match = confirmed(russian_repeat, kazakh_verdict, alice)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert close(as_alice, russian_repeat, match=match.pk).status_code == 200

    [mail] = mailoutbox
    assert mail.subject.startswith("Verdict to approve:")
    assert sorted(mail.to) == sorted([erin.email, frank.email])   # the editors, not the fact-checker
    assert "alice submitted a verdict (False) for approval." in mail.body
