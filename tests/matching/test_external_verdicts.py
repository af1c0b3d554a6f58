"""Claims are matched against other fact-checkers' verdicts too: a DataFeed imported with
`import_claimreview`, then an article in another language repeating a claim they checked; the
review page's "Checked before" shows their verdict with its outlet and a link to it."""

import io
import json

import pytest
from django.core.management import call_command

from claims.matching.embedding import embedder
from claims.matching_service import claim_match, index_forget
from claims.models import Claim, ClaimMatch, ExternalVerdict, ExternalVerdictSignature
from tests.api.conftest import token_client
from tests.monitoring.claimreviews import claimreview, datafeed

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(embedder() is None, reason="the embedding package is not installed here")]

THEIR_CHECK = claimreview(
    1, url="https://factcheck.example/checks/shymkent-flats", inLanguage="ru", datePublished="2024-02-01",
    claimReviewed="В 2023 году в Шымкенте ввели в эксплуатацию 48 тысяч новых квартир.",
    reviewRating={"@type": "Rating", "alternateName": "Преувеличение", "ratingValue": "2", "bestRating": "5"},
)
UNRELATED = claimreview(2, url="https://factcheck.example/checks/snow", inLanguage="ru",
                        claimReviewed="В Усть-Каменогорске за сутки выпало 30 сантиметров снега.")
REPEAT = ("Qazaq Daily", "kk", "2024-02-10", "Өткен жылы Шымкентте 48 мың жаңа пәтер пайдалануға берілді.")


@pytest.fixture(autouse=True)
def fresh_matching_index():
    index_forget()
    yield
    index_forget()


def import_feed(tmp_path, *items) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(datafeed(list(items)), encoding="utf-8")
    call_command("import_claimreview", str(feed), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())


def ingest(capture, outlet, language, published, text) -> Claim:
    writer = token_client("newsroom-feeds", write=True)
    with capture(execute=True):
        response = writer.post("/api/v1/articles/", {"title": outlet, "body": text, "outlet": outlet,
                                                     "published_on": published, "language": language}, format="json")
    assert response.status_code == 201, response.content
    return Claim.objects.get(article_id=response.json()["id"])


def test_a_claim_repeating_one_another_fact_checker_checked_is_matched_to_their_verdict(
        tmp_path, client, alice, django_capture_on_commit_callbacks):
    import_feed(tmp_path, THEIR_CHECK, UNRELATED)
    claim = ingest(django_capture_on_commit_callbacks, *REPEAT)

    theirs = ExternalVerdict.objects.get(url=THEIR_CHECK["url"])
    match = ClaimMatch.objects.get(claim=claim, external_verdict=theirs)
    assert (match.matched, match.tier, match.conflict) == (None, "same", "")
    assert "48 000" in match.why and "kk→ru" in match.why
    assert not ClaimMatch.objects.filter(claim=claim, external_verdict__url=UNRELATED["url"]).exists()

    client.force_login(alice)
    page = f"/admin/reviews/review/{claim.review.pk}/change/"
    html = client.get(page).content.decode()
    assert THEIR_CHECK["claimReviewed"] in html
    assert "Factcheck.kz" in html and "Russian" in html
    assert f'<a href="{THEIR_CHECK["url"]}" rel="noopener" target="_blank">Преувеличение · 2024-02-01</a>' in html

    response = client.post(f"/admin/reviews/review/{claim.review.pk}/match/{match.pk}/", {"decision": "confirm"},
                           follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"Match confirmed: {THEIR_CHECK['claimReviewed'][:80]}"]
    match.refresh_from_db()
    assert (match.state, match.decided_by) == ("confirmed", alice)


def test_a_verdict_imported_after_the_index_was_built_is_found_by_the_next_claim(
        tmp_path, django_capture_on_commit_callbacks):
    ingest(django_capture_on_commit_callbacks, "Погода", "ru", "2021-11-12", UNRELATED["claimReviewed"])
    import_feed(tmp_path, THEIR_CHECK)  # the worker's index is already built: it catches up before the next use
    claim = ingest(django_capture_on_commit_callbacks, *REPEAT)
    assert ClaimMatch.objects.filter(claim=claim, external_verdict__url=THEIR_CHECK["url"], tier="same").exists()
    assert ExternalVerdictSignature.objects.get(verdict__url=THEIR_CHECK["url"]).vector is not None


def test_a_verdict_imported_again_with_another_claim_is_signed_again(tmp_path, django_capture_on_commit_callbacks):
    import_feed(tmp_path, THEIR_CHECK)
    claim = ingest(django_capture_on_commit_callbacks, *REPEAT)
    assert ClaimMatch.objects.filter(claim=claim, external_verdict__url=THEIR_CHECK["url"]).exists()

    changed = json.loads(json.dumps(THEIR_CHECK))
    changed["claimReviewed"] = "В Усть-Каменогорске за сутки выпало 30 сантиметров снега."
    import_feed(tmp_path, changed)
    claim_match(claim_id=claim.pk)  # matched again: the suggestion no longer found is gone
    assert not ClaimMatch.objects.filter(claim=claim, external_verdict__url=THEIR_CHECK["url"]).exists()
