"""ClaimReview JSON-LD: /api/v1/verdicts/{id}/claimreview/, Accept: application/ld+json, the HTML page."""

import datetime

import extruct
import pytest
import time_machine

from reviews.publishing.claimreview import json_ld_script, shorten
from reviews.workflow import services
from tests.api.conftest import publish
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

LONG_CLAIM = (
    "Астанада 2025 жылы он екі жаңа мектеп ашылды және олардың әрқайсысы мың оқушыға арналған, деді қала әкімі"
)


@pytest.fixture
def verdict(alice, erin, settings):
    settings.FACTCHECK_ORGANIZATION = {"name": "Factcheck.kz", "url": "https://factcheck.kz/"}
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        review = ReviewFactory(
            claim__text=LONG_CLAIM, claim__language="kk", claim__speaker="Астана әкімі",
            claim__article__url="https://kazinform.example/schools", claim__article__outlet="Kazinform",
            claim__article__title="Жаңа мектептер",
        )
        return publish(review, author=alice, editor_user=erin, rating="mostly_false")


def test_the_claimreview_has_every_required_field(anon, verdict):
    response = anon.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert response.json() == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"http://testserver/verdicts/{verdict.pk}/",
        "claimReviewed": shorten(LONG_CLAIM),
        "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
                         "alternateName": "Mostly false"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Астана әкімі"},
            "datePublished": "2018-02-23",
            "appearance": {"@type": "CreativeWork", "headline": "Жаңа мектептер", "datePublished": "2018-02-23",
                           "url": "https://kazinform.example/schools",
                           "publisher": {"@type": "Organization", "name": "Kazinform"}},
        },
        "author": {"@type": "Organization", "name": "Factcheck.kz", "url": "https://factcheck.kz/"},
        "datePublished": "2026-03-01T09:00:00+00:00",
        "dateModified": "2026-03-01T09:00:00+00:00",
        "inLanguage": "kk",
    }


def test_the_claim_is_cut_under_75_characters_with_an_ellipsis():
    short = shorten(LONG_CLAIM)

    assert len(short) < 75
    assert short.endswith("…")
    assert LONG_CLAIM.startswith(short[:-1])
    assert shorten("Short claim.") == "Short claim."


def test_the_verdict_detail_gives_claimreview_for_ld_json(anon, verdict):
    response = anon.get(f"/api/v1/verdicts/{verdict.pk}/", HTTP_ACCEPT="application/ld+json")
    plain = anon.get(f"/api/v1/verdicts/{verdict.pk}/")

    assert response["Content-Type"] == "application/ld+json"
    assert response.json()["@type"] == "ClaimReview"
    assert plain.json()["rating"] == "mostly_false"
    assert response["ETag"] != plain["ETag"]


@pytest.mark.parametrize("rating", ["misleading", "unproven"])
def test_ratings_outside_the_scale_have_only_an_alternate_name(anon, alice, erin, rating):
    review = publish(ReviewFactory(), author=alice, editor_user=erin, rating=rating)

    body = anon.get(f"/api/v1/verdicts/{review.pk}/claimreview/").json()

    assert body["reviewRating"] == {"@type": "Rating", "alternateName": rating.capitalize()}


def test_a_correction_moves_date_modified_but_not_date_published(anon, verdict, alice, erin, frank):
    with time_machine.travel(datetime.datetime(2026, 3, 5, 9, 0, tzinfo=datetime.UTC), tick=False):
        services.review_reopen(review=verdict, actor=erin, note="New count")
        services.review_submit(review=verdict, actor=alice, rating="false", explanation="Recount.")
        services.review_approve(review=verdict, actor=frank, correction_note="Recount.")

    body = anon.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/").json()

    assert (body["datePublished"], body["dateModified"]) == ("2026-03-01T09:00:00+00:00", "2026-03-05T09:00:00+00:00")
    assert body["reviewRating"]["ratingValue"] == 1


def test_the_html_page_embeds_a_claimreview_that_extruct_reads_back(client, verdict):
    response = client.get(f"/verdicts/{verdict.pk}/")

    assert response.status_code == 200
    data = extruct.extract(response.content.decode(), base_url=f"http://testserver/verdicts/{verdict.pk}/",
                           syntaxes=["json-ld"])
    (review,) = data["json-ld"]
    assert review["@type"] == "ClaimReview"
    for field in ("claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished", "url"):
        assert review[field], field
    rating = review["reviewRating"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert review["itemReviewed"]["@type"] == "Claim"
    assert len(review["claimReviewed"]) < 75


def test_text_cannot_break_out_of_the_json_ld_script(client, alice, erin):
    hostile = '</script><script>alert("x")</script> & <!-- more'
    review = publish(ReviewFactory(claim__text=hostile, claim__speaker=hostile), author=alice, editor_user=erin)

    html = client.get(f"/verdicts/{review.pk}/").content.decode()

    assert "<script>alert" not in html
    (found,) = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    assert found["itemReviewed"]["author"]["name"] == hostile
    assert "<" not in str(json_ld_script({"x": hostile})).removeprefix('<script type="application/ld+json">')[:-9]


def test_unpublished_verdicts_have_no_page_and_no_claimreview(client, anon, new_review):
    assert client.get(f"/verdicts/{new_review.pk}/").status_code == 404
    assert anon.get(f"/api/v1/verdicts/{new_review.pk}/claimreview/").status_code == 404
