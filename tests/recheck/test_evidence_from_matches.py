"""Re-checks use the claim matcher: when a scheduled claim comes due, the articles stored since
with a claim the matcher found alike, in any language, are suggested with the matcher's reason.

Articles come in through the API; extraction and matching run as their tasks do (after commit);
the sweep opens the due claim; the suggestions are read on the review page.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.matching.embedding import embedder
from claims.matching_service import claim_match, index_forget
from claims.models import Claim, ClaimMatch
from reviews.models import EvidenceMatch, SuggestedEvidence
from reviews.rechecks.evidence import claim_matches_since
from reviews.rechecks.sweep import recheck_sweep
from tests.api.conftest import token_client

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(embedder() is None, reason="the embedding package is not installed here")]
DUE = datetime.date(2018, 3, 21)
PLANNED = ("Kazinform", "kk", "2018-02-23", "Келесі Сирия келіссөзі наурыздың ортасына Астанада жоспарланып отыр.")
HELD_EN = ("Astana Times", "en", "2018-03-16", "Syria talks were held in Astana on 14-15 March.")
HELD_RU = ("Vlast", "ru", "2018-03-17", "Переговоры по Сирии прошли в Астане 14-15 марта.")
OTHER = ("Tengrinews", "ru", "2018-03-18", "В Усть-Каменогорске за сутки выпало 30 сантиметров снега.")


@pytest.fixture(autouse=True)
def fresh_matching_index():
    index_forget()
    yield
    index_forget()


def ingest(client, capture, outlet, language, published, text) -> Claim:
    with capture(execute=True):
        response = client.post("/api/v1/articles/", {"title": outlet, "body": text, "outlet": outlet,
                                                     "published_on": published, "language": language}, format="json")
    assert response.status_code == 201, response.content
    return Claim.objects.get(article_id=response.json()["id"])


@pytest.fixture
def stored(db, django_capture_on_commit_callbacks):
    writer = token_client("newsroom-feeds", write=True)
    return [ingest(writer, django_capture_on_commit_callbacks, *article) for article in (PLANNED, HELD_EN, HELD_RU,
                                                                                         OTHER)]


def test_articles_saying_the_same_in_other_languages_are_suggested_with_the_matchers_reason(stored):
    planned, held_en, held_ru, _other = stored
    assert planned.review.status == "scheduled" and planned.review.recheck_on == DUE

    result = recheck_sweep(today=DUE)

    assert result.opened == 1
    found = {s.article_id: s for s in SuggestedEvidence.objects.filter(review=planned.review)}
    assert set(found) == {held_en.article_id, held_ru.article_id}
    for claim in (held_en, held_ru):
        suggestion = found[claim.article_id]
        match = ClaimMatch.objects.get(claim=claim, matched=planned)
        assert suggestion.matched_by == EvidenceMatch.CLAIM_MATCH
        # The matcher's reason first, then what the date test found too.
        assert suggestion.reason.startswith(f"same claim: {match.why}")
        assert "places: astana, syria" in suggestion.reason and "overlap 2018-03-11–2018-03-20" in suggestion.reason


def test_a_match_a_fact_checker_rejected_is_not_suggested(stored):
    planned, held_en, held_ru, _other = stored
    ClaimMatch.objects.filter(claim=held_en, matched=planned).update(state="rejected")
    recheck_sweep(today=DUE)
    matched_by = dict(SuggestedEvidence.objects.filter(review=planned.review).values_list("article_id", "matched_by"))
    # Still found by its dates, no longer as the same claim.
    assert matched_by == {held_en.article_id: EvidenceMatch.DATE_OVERLAP, held_ru.article_id: EvidenceMatch.CLAIM_MATCH}


def test_the_review_page_shows_the_matchers_reason_in_the_readers_language(stored, client, alice):
    planned, *_ = stored
    recheck_sweep(today=DUE)
    client.force_login(alice)
    page = reverse("admin:reviews_review_change", args=[planned.review.pk])
    html = client.get(page).content.decode()
    assert "says the same or alike" in html and "the same claim: same dates:" in html
    client.cookies["django_language"] = "kk"
    html = client.get(page).content.decode()
    assert "дәл сол мәлімдеме: same dates:" in html


def test_matched_claims_of_a_batch_are_one_query(stored):
    planned, *_ = stored
    claims = list(Claim.objects.all())
    with CaptureQueriesContext(connection) as captured:
        found = claim_matches_since(claims=claims)
    assert len(captured) == 1
    assert set(found[planned.pk]) == {stored[1].article_id, stored[2].article_id}


def test_an_article_stored_before_the_claim_is_never_suggested_however_alike(db, django_capture_on_commit_callbacks):
    writer = token_client("newsroom-feeds", write=True)
    earlier = ingest(writer, django_capture_on_commit_callbacks, "Vlast", "ru", "2018-02-20",
                     "Следующий раунд переговоров по Сирии пройдет в Астане в середине марта.")
    planned = ingest(writer, django_capture_on_commit_callbacks, *PLANNED)
    # Matched both ways: the earlier claim matched again once the later one was stored.
    claim_match(claim_id=earlier.pk)
    assert ClaimMatch.objects.filter(claim=earlier, matched=planned).exists()
    assert ClaimMatch.objects.filter(claim=planned, matched=earlier).exists()

    recheck_sweep(today=DUE)
    assert not SuggestedEvidence.objects.filter(review=planned.review).exists()
