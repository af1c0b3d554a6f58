"""ClaimReview JSON-LD: /api/v1/verdicts/{id}/claimreview/, Accept: application/ld+json, the HTML page."""

import datetime
import re

import extruct
import pytest
import time_machine

from reviews.publishing.claimreview import json_ld_script, shorten
from reviews.workflow import services
from reviews.workflow.models import VerdictRevision
from tests.api.conftest import publish
from tests.factories import ArticleFactory, ReviewFactory

pytestmark = pytest.mark.django_db

LONG_CLAIM = (
    "Астанада 2025 жылы он екі жаңа мектеп ашылды және олардың әрқайсысы мың оқушыға арналған, деді қала әкімі"
)
# The claim in fewer than 75 characters, cut by hand at the last whole word that fits with "…".
SHORT_CLAIM = "Астанада 2025 жылы он екі жаңа мектеп ашылды және олардың әрқайсысы мың…"


SUMMARY = "Астанада 2025 жылы 12 мектеп ашылды"


@pytest.fixture
def verdict(alice, erin, settings):
    settings.FACTCHECK_ORGANIZATION = {"name": "Factcheck.kz", "url": "https://factcheck.kz/"}
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        review = ReviewFactory(
            claim__text=LONG_CLAIM, claim__language="kk", claim__speaker="Астана әкімі",
            claim__speaker_kind="person", claim__article__url="https://kazinform.example/schools",
            claim__article__outlet="Kazinform", claim__article__title="Жаңа мектептер", claim_summary=SUMMARY,
        )
        return publish(review, author=alice, editor_user=erin, rating="mostly_false")


ARTICLE = {"@type": "CreativeWork", "headline": "Жаңа мектептер", "datePublished": "2018-02-23",
           "url": "https://kazinform.example/schools", "publisher": {"@type": "Organization", "name": "Kazinform"}}


def test_the_claimreview_has_every_required_field(anon, verdict):
    response = anon.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert response.json() == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"http://testserver/verdicts/{verdict.pk}/",
        "claimReviewed": SUMMARY,
        "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
                         "alternateName": "Көбіне жалған"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Астана әкімі"},
            "datePublished": "2018-02-23",
            "firstAppearance": ARTICLE,
            "appearance": [ARTICLE],
        },
        "author": {"@type": "Organization", "name": "Factcheck.kz", "url": "https://factcheck.kz/"},
        "datePublished": "2026-03-01T09:00:00+00:00",
        "dateModified": "2026-03-01T09:00:00+00:00",
        "inLanguage": "kk",
    }


@pytest.mark.parametrize("visitor", ["ru", "en", "kk", ""])
def test_the_claimreview_is_in_the_claims_language_whatever_the_visitor_reads(anon, client, verdict, visitor):
    headers = {"HTTP_ACCEPT_LANGUAGE": visitor} if visitor else {}

    response = anon.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/", **headers)
    from_api = response.json()
    (from_page,) = extruct.extract(client.get(f"/verdicts/{verdict.pk}/", **headers).content.decode(),
                                   syntaxes=["json-ld"])["json-ld"]

    assert from_api["reviewRating"]["alternateName"] == from_page["reviewRating"]["alternateName"] == "Көбіне жалған"
    assert from_api["inLanguage"] == from_page["inLanguage"] == "kk"
    assert from_api == {**from_page, "url": from_api["url"]}
    assert response["Content-Language"] == "kk"


def test_a_russian_claim_is_rated_in_russian_for_an_english_reader(anon, alice, erin):
    review = publish(ReviewFactory(claim__language="ru", claim__text="В Алматы открыли 12 школ.",
                                   claim_summary="В Алматы открыли 12 школ"), author=alice, editor_user=erin)

    body = anon.get(f"/api/v1/verdicts/{review.pk}/claimreview/", HTTP_ACCEPT_LANGUAGE="en").json()

    assert (body["reviewRating"]["alternateName"], body["inLanguage"]) == ("Неправда", "ru")


@pytest.mark.parametrize(("speaker", "kind", "outlet", "author"), [
    ("Қазақстан СІМ", "organisation", "Kazinform", {"@type": "Organization", "name": "Қазақстан СІМ"}),
    ("Зейд әл-Хусейн", "person", "Kazinform", {"@type": "Person", "name": "Зейд әл-Хусейн"}),
    # A speaker of unknown kind is not guessed at, nor replaced by the outlet that reported them.
    ("Бір дереккөз", "", "Kazinform", None),
    ("", "", "Kazinform", {"@type": "Organization", "name": "Kazinform"}),
    ("", "", "", None),
])
def test_the_claims_author_is_the_speaker_as_what_they_are_or_omitted(anon, alice, erin, speaker, kind, outlet,
                                                                       author):
    review = publish(ReviewFactory(claim__speaker=speaker, claim__speaker_kind=kind, claim__article__outlet=outlet,
                                   claim__article__title="Headline of the article"),
                     author=alice, editor_user=erin)

    item = anon.get(f"/api/v1/verdicts/{review.pk}/claimreview/").json()["itemReviewed"]

    assert item.get("author") == author
    assert "Headline of the article" not in str(item.get("author"))


def test_a_verdict_published_before_summaries_shows_the_cut_claim(anon, erin):
    review = ReviewFactory(claim__text=LONG_CLAIM, claim__language="kk", status="published", claim_summary="")
    VerdictRevision.objects.create(review=review, number=1, rating="false", explanation="Old.", editor=erin,
                                   published_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))

    body = anon.get(f"/api/v1/verdicts/{review.pk}/claimreview/").json()

    assert body["claimReviewed"] == SHORT_CLAIM


def test_a_correction_publishes_its_own_summary_and_the_old_one_stays_until_then(anon, verdict, alice, erin, frank):
    services.review_reopen(review=verdict, actor=erin, note="Better summary")
    services.review_submit(review=verdict, actor=alice, rating="mostly_false", explanation="Same.",
                           claim_summary="Астанада 12 мектеп ашылды")

    while_corrected = anon.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/").json()["claimReviewed"]
    services.review_approve(review=verdict, actor=frank, correction_note="Summary.")
    corrected = anon.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/").json()["claimReviewed"]

    assert (while_corrected, corrected) == (SUMMARY, "Астанада 12 мектеп ашылды")


def test_the_story_reprinted_elsewhere_is_an_appearance_too(anon, verdict):
    ArticleFactory(duplicate_of=verdict.claim.article, url="https://tengri.example/schools", outlet="Tengri",
                   title="Мектептер", published_on=datetime.date(2018, 2, 24))
    ArticleFactory(duplicate_of=verdict.claim.article, url=None, outlet="Без адреса")

    item = anon.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/").json()["itemReviewed"]

    assert item["firstAppearance"] == ARTICLE
    assert [work.get("url") for work in item["appearance"]] == [
        "https://kazinform.example/schools", "https://tengri.example/schools",
    ]


def test_without_the_articles_address_the_appearance_is_described_not_linked(anon, alice, erin):
    review = publish(ReviewFactory(claim__article__url=None, claim__article__title="Pasted text"),
                     author=alice, editor_user=erin)

    item = anon.get(f"/api/v1/verdicts/{review.pk}/claimreview/").json()["itemReviewed"]

    assert item["firstAppearance"] == {"@type": "CreativeWork", "headline": "Pasted text",
                                       "datePublished": "2018-02-23",
                                       "publisher": {"@type": "Organization", "name": "Newsroom"}}


def test_the_newsrooms_home_page_is_the_sites_own_when_not_configured(anon, verdict, settings):
    settings.FACTCHECK_ORGANIZATION = {"name": "Factcheck.kz", "url": ""}

    body = anon.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/").json()

    assert body["author"] == {"@type": "Organization", "name": "Factcheck.kz", "url": "http://testserver/"}


def test_the_claim_is_cut_under_75_characters_with_an_ellipsis():
    assert shorten(LONG_CLAIM) == SHORT_CLAIM
    assert len(SHORT_CLAIM) == 72
    assert shorten("Short claim.") == "Short claim."
    assert shorten("  Spaces   and\nlines  ") == "Spaces and lines"
    # A cut that would end on punctuation drops it before the ellipsis.
    assert shorten("one two, three four", limit=12) == "one two…"


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
    review = publish(ReviewFactory(claim__text=hostile, claim__speaker=hostile, claim__speaker_kind="person"),
                     author=alice, editor_user=erin)

    html = client.get(f"/verdicts/{review.pk}/").content.decode()

    assert "<script>alert" not in html
    (found,) = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    assert found["itemReviewed"]["author"]["name"] == hostile
    assert "<" not in str(json_ld_script({"x": hostile})).removeprefix('<script type="application/ld+json">')[:-9]


def test_unpublished_verdicts_have_no_page_and_no_claimreview(client, anon, new_review):
    assert client.get(f"/verdicts/{new_review.pk}/").status_code == 404
    assert anon.get(f"/api/v1/verdicts/{new_review.pk}/claimreview/").status_code == 404


def test_the_page_offers_every_language_and_the_claimreview_stays_in_the_claims(client, verdict):
    base = f"http://testserver/verdicts/{verdict.pk}/"

    pages = {language: client.get(f"/verdicts/{verdict.pk}/?lang={language}", HTTP_ACCEPT_LANGUAGE="en")
             for language in ("kk", "ru", "en")}
    negotiated = client.get(f"/verdicts/{verdict.pk}/", HTTP_ACCEPT_LANGUAGE="ru")

    for language, response in pages.items():
        html = response.content.decode()
        assert re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html) == [
            ("kk", f"{base}?lang=kk"), ("ru", f"{base}?lang=ru"), ("en", f"{base}?lang=en"), ("x-default", base),
        ]
        assert f'<link rel="canonical" href="{base}?lang={language}">' in html
        assert f'<html lang="{language}">' in html
        assert response["Content-Language"] == language
    assert "Барлық үкімдер" in pages["kk"].content.decode()
    assert "Все вердикты" in pages["ru"].content.decode()
    assert "All verdicts" in pages["en"].content.decode()
    assert f'<link rel="canonical" href="{base}">' in negotiated.content.decode()
    assert "Все вердикты" in negotiated.content.decode()
    readings = [extruct.extract(response.content.decode(), syntaxes=["json-ld"])["json-ld"]
                for response in (*pages.values(), negotiated)]
    assert all(reading == readings[0] for reading in readings)
    assert readings[0][0]["reviewRating"]["alternateName"] == "Көбіне жалған"
