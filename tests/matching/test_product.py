"""Matching in the product: a claim repeated in another language finds the verdict checked before.

Articles go in through the API as clients send them; extraction and matching run as the
tasks they are (inline, after commit); verdicts are published through the workflow services.
"""

import io

import pytest
from django.core.management import call_command

from claims.matching.embedding import embedder
from claims.matching_service import claim_match, claim_matching_failed, index_forget
from claims.matching_tasks import retry_unmatched_claims
from claims.models import Claim, ClaimMatch, ClaimSignature, MatchingStatus
from tests.api.conftest import anon, as_alice, publish, reader, writer  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(embedder() is None, reason="the embedding package is not installed here")]

KK = ("Шымкент әкімдігі", "Өткен жылы Шымкентте 48 мың жаңа пәтер пайдалануға берілді.")
RU = ("Новости Шымкента", "В 2023 году в Шымкенте ввели в эксплуатацию 48 тысяч новых квартир.")
OTHER = ("Погода", "В Усть-Каменогорске за сутки выпало 30 сантиметров снега.")


def ingest(client, title_body, published, language, capture):
    title, body = title_body
    with capture(execute=True):
        response = client.post("/api/v1/articles/", {"title": title, "body": body, "published_on": published,
                                                     "language": language}, format="json")
    assert response.status_code == 201, response.content
    return Claim.objects.get(article_id=response.json()["id"])


@pytest.fixture
def checked_before(writer, alice, erin, django_capture_on_commit_callbacks):  # noqa: F811
    """The Kazakh claim, rated false and published; an unrelated Russian claim beside it."""
    claim = ingest(writer, KK, "2024-02-10", "kk", django_capture_on_commit_callbacks)
    ingest(writer, OTHER, "2021-11-12", "ru", django_capture_on_commit_callbacks)
    publish(claim.review, author=alice, editor_user=erin, rating="false")
    return claim


def test_a_russian_repeat_of_a_published_kazakh_claim_is_matched_as_the_same(
        checked_before, writer, as_alice, django_capture_on_commit_callbacks):  # noqa: F811
    repeat = ingest(writer, RU, "2024-02-12", "ru", django_capture_on_commit_callbacks)

    assert ClaimSignature.objects.get(claim=repeat).status == MatchingStatus.DONE
    response = as_alice.get(f"/api/v1/claims/{repeat.pk}/matches/")
    assert response.status_code == 200
    body = response.json()
    assert body["claim"] == repeat.pk and body["matching"] == "done"
    top = body["results"][0]
    assert top["matched"]["id"] == checked_before.pk
    assert (top["tier"], top["conflict"], top["state"]) == ("same", "", "suggested")
    assert "48 000" in top["why"] and "2023" in top["why"]
    assert top["matched"]["rating"] == "false"
    assert top["matched"]["verdict_id"] == checked_before.review.pk
    assert top["matched"]["language"] == "kk"


def test_matching_again_keeps_one_row_per_pair_and_the_fact_checkers_decision(
        checked_before, writer, django_capture_on_commit_callbacks):  # noqa: F811
    repeat = ingest(writer, RU, "2024-02-12", "ru", django_capture_on_commit_callbacks)
    ClaimMatch.objects.filter(claim=repeat, matched=checked_before).update(state="rejected")
    claim_match(claim_id=repeat.pk)
    rows = ClaimMatch.objects.filter(claim=repeat, matched=checked_before)
    assert rows.count() == 1 and rows.get().state == "rejected"


def test_a_client_finds_the_verdict_by_english_text(checked_before, anon):  # noqa: F811
    response = anon.get("/api/v1/verdicts/search/", {"q": "Shymkent commissioned 48,000 new apartments in 2023.",
                                                     "language": "en"})
    assert response.status_code == 200
    body = response.json()
    assert body["reduced"] is False
    assert [r["verdict"]["claim"]["id"] for r in body["results"]][:1] == [checked_before.pk]
    first = body["results"][0]
    assert first["same"] is True and first["conflict"] is None
    assert first["verdict"]["rating"] == "false"


def test_a_changed_figure_finds_the_verdict_but_never_as_the_same(checked_before, anon):  # noqa: F811
    response = anon.get("/api/v1/verdicts/search/", {"q": "В 2023 году в Шымкенте ввели 84 тысячи новых квартир.",
                                                     "language": "ru"})
    first = response.json()["results"][0]
    assert first["verdict"]["claim"]["id"] == checked_before.pk
    assert first["same"] is False and first["conflict"] == "84 000 vs 48 000"


def test_unpublished_claims_are_not_searchable_and_their_matches_not_shown_outside(
        writer, anon, reader, as_alice, django_capture_on_commit_callbacks):  # noqa: F811
    claim = ingest(writer, KK, "2024-02-10", "kk", django_capture_on_commit_callbacks)
    response = anon.get("/api/v1/verdicts/search/", {"q": KK[1], "language": "kk"})
    assert response.status_code == 200 and response.json()["results"] == []
    assert reader.get(f"/api/v1/claims/{claim.pk}/matches/").status_code == 404
    assert as_alice.get(f"/api/v1/claims/{claim.pk}/matches/").status_code == 200
    assert as_alice.get("/api/v1/claims/999999/matches/").json()["error"] == "not_found"


@pytest.mark.parametrize("params", [{}, {"q": "  "}, {"q": "x" * 2001}, {"q": "инфляция", "language": "de"},
                                    {"q": "инфляция", "limit": "0"}])
def test_bad_search_input_is_a_clear_400(anon, params):  # noqa: F811
    response = anon.get("/api/v1/verdicts/search/", params)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_input"


def test_an_unreadable_stored_signature_is_signed_again_and_matching_goes_on(
        checked_before, writer, django_capture_on_commit_callbacks):  # noqa: F811
    # A half-written row, read when a worker starts: made again from its claim, never dropped.
    ClaimSignature.objects.filter(claim=checked_before).update(signature={"stems": []})
    index_forget()
    repeat = ingest(writer, RU, "2024-02-12", "ru", django_capture_on_commit_callbacks)
    assert ClaimSignature.objects.get(claim=repeat).status == MatchingStatus.DONE
    assert ClaimMatch.objects.filter(claim=repeat, matched=checked_before, tier="same").exists()
    assert "places" in ClaimSignature.objects.get(claim=checked_before).signature


def test_a_failed_matching_keeps_its_reason_until_the_sweep_matches_it_again(
        checked_before, writer, settings, django_capture_on_commit_callbacks):  # noqa: F811
    repeat = ingest(writer, RU, "2024-02-12", "ru", django_capture_on_commit_callbacks)
    ClaimMatch.objects.filter(claim=repeat).delete()
    claim_matching_failed(claim_id=repeat.pk, error="OperationalError: database is locked")
    failed = ClaimSignature.objects.get(claim=repeat)
    assert (failed.status, failed.error) == (MatchingStatus.FAILED, "OperationalError: database is locked")

    assert retry_unmatched_claims() == 0   # not before it has waited its turn
    settings.MATCHING_STALLED_AFTER_MINUTES = 0
    assert retry_unmatched_claims() == 1
    done = ClaimSignature.objects.get(claim=repeat)
    assert (done.status, done.error) == (MatchingStatus.DONE, "")
    assert ClaimMatch.objects.filter(claim=repeat, matched=checked_before, tier="same").exists()


def test_rebuild_matching_signs_every_claim_and_shows_its_progress(checked_before):
    ClaimSignature.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_matching", stdout=out)
    text = out.getvalue()
    assert "[" in text and "] 2/2" in text
    assert "index: 2 claims" in text
    stored = ClaimSignature.objects.get(claim=checked_before)
    assert isinstance(bytes(stored.vector), bytes) and len(bytes(stored.vector)) == 384 * 4
    assert stored.signature["figures"][0]["value"] == 48000


def test_the_schema_documents_both_endpoints(anon):  # noqa: F811
    schema = anon.get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/verdicts/search/" in schema["paths"]
    assert "/api/v1/claims/{id}/matches/" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/v1/verdicts/search/"]["get"]["parameters"]}
    assert {"q", "language", "limit"} <= params


def test_the_search_is_throttled(anon, settings, checked_before):  # noqa: F811
    from rest_framework.settings import api_settings
    from rest_framework.throttling import ScopedRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "matching": "2/min"}
    ScopedRateThrottle.THROTTLE_RATES = rates
    try:
        codes = [anon.get("/api/v1/verdicts/search/", {"q": "bus fares"}).status_code for _ in range(3)]
    finally:
        ScopedRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert codes == [200, 200, 429]


def test_unpublished_look_alikes_do_not_crowd_out_the_published_verdict(
        checked_before, writer, anon, django_capture_on_commit_callbacks):  # noqa: F811
    # The Russian repeat, still unpublished, is nearer to a Russian query than the Kazakh verdict.
    ingest(writer, RU, "2024-02-12", "ru", django_capture_on_commit_callbacks)
    response = anon.get("/api/v1/verdicts/search/", {"q": RU[1], "language": "ru", "limit": 1})
    assert [r["verdict"]["claim"]["id"] for r in response.json()["results"]] == [checked_before.pk]


def test_the_review_page_shows_checked_before_and_a_fact_checker_confirms_it(
        checked_before, writer, client, alice, bob, django_capture_on_commit_callbacks):  # noqa: F811
    repeat = ingest(writer, RU, "2024-02-12", "ru", django_capture_on_commit_callbacks)
    page = f"/admin/reviews/review/{repeat.review.pk}/change/"
    client.force_login(alice)
    html = client.get(page).content.decode()
    assert "Checked before" in html
    assert KK[1] in html and "False" in html and "Kazakh" in html
    assert "48 000" in html and 'value="confirm"' in html
    match = ClaimMatch.objects.get(claim=repeat, matched=checked_before)

    response = client.post(f"/admin/reviews/review/{repeat.review.pk}/match/{match.pk}/", {"decision": "confirm"},
                           follow=True)
    assert response.redirect_chain[-1][0] == page
    assert [str(m) for m in response.context["messages"]] == [f"Match confirmed: {KK[1][:80]}"]
    match.refresh_from_db()
    assert (match.state, match.decided_by) == ("confirmed", alice)
    assert 'value="confirm"' not in client.get(page).content.decode()

    assert client.post(f"/admin/reviews/review/{repeat.review.pk}/match/{match.pk}/", {"decision": "maybe"},
                       follow=True).status_code == 200
    match.refresh_from_db()
    assert match.state == "confirmed"   # a bad decision changes nothing
    assert client.get(f"/admin/reviews/review/{repeat.review.pk}/match/{match.pk}/").status_code == 405


def test_the_dashboard_says_when_matching_is_reduced(client, alice, monkeypatch):
    client.force_login(alice)
    assert 'id="matching-reduced"' not in client.get("/admin/dashboard/").content.decode()
    monkeypatch.setenv("FACTCHECK_MATCHING_EMBEDDING", "off")
    assert 'id="matching-reduced"' in client.get("/admin/dashboard/").content.decode()
