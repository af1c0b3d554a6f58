"""Every published verdict's ClaimReview, read back from its public page as a crawler reads it
(extruct), meets Google's fact-check structured data requirements.

Google's guide (developers.google.com/search/docs/appearance/structured-data/factcheck):
ClaimReview requires `claimReviewed` (a short summary, under 75 characters), `reviewRating`
and `url` (on the domain of the page that hosts it); it recommends `author` (the fact-checking
organisation: `name`, `url`), `datePublished` and `itemReviewed`. The Rating needs
`alternateName` (the rating in words) and, when numeric, `ratingValue` within `worstRating` and
`bestRating`. The Claim recommends `appearance` and `firstAppearance` (a URL or a CreativeWork),
`author` (a Person or an Organization) and `datePublished`.
"""

import datetime
from typing import Any
from urllib.parse import urlparse

import extruct
import pytest

from claims.models import Claim
from reviews.publishing.verdicts import published_verdicts
from reviews.workflow import services
from reviews.workflow.models import VerdictRevision
from tests.api.conftest import publish
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory

pytestmark = pytest.mark.django_db

CLAIM_REVIEW_REQUIRED = ("claimReviewed", "reviewRating", "url")
CLAIM_REVIEW_RECOMMENDED = ("author", "datePublished", "itemReviewed")
CLAIM_RECOMMENDED = ("appearance", "author", "datePublished", "firstAppearance")
AUTHOR_TYPES = {"Person", "Organization"}
WORK_TYPES = {"CreativeWork", "Article", "NewsArticle", "SocialMediaPosting", "WebPage", "VideoObject"}


def _absolute(url: Any) -> bool:
    parsed = urlparse(url) if isinstance(url, str) else None
    return bool(parsed and parsed.scheme in ("http", "https") and parsed.netloc)


def _date(value: Any) -> bool:
    try:
        datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _work_problems(where: str, work: Any) -> list[str]:
    if isinstance(work, str):
        return [] if _absolute(work) else [f"{where} is not an absolute URL"]
    if not isinstance(work, dict) or work.get("@type") not in WORK_TYPES:
        return [f"{where} is neither a URL nor a CreativeWork"]
    problems = []
    if "url" in work and not _absolute(work["url"]):
        problems.append(f"{where}.url is not an absolute URL")
    if not (work.get("url") or work.get("headline") or work.get("name")):
        problems.append(f"{where} names nothing (no url, headline or name)")
    return problems


def google_problems(data: dict[str, Any], page_url: str) -> tuple[list[str], set[str]]:
    """(what breaks Google's requirements, the recommended fields left out)."""
    problems: list[str] = []
    missing: set[str] = set()
    if data.get("@context") not in ("https://schema.org", "http://schema.org", "https://schema.org/"):
        problems.append("@context is not schema.org")
    if data.get("@type") != "ClaimReview":
        problems.append("@type is not ClaimReview")
    problems += [f"{name} is missing" for name in CLAIM_REVIEW_REQUIRED if not data.get(name)]
    missing |= {name for name in CLAIM_REVIEW_RECOMMENDED if not data.get(name)}

    summary = data.get("claimReviewed")
    if not isinstance(summary, str) or not summary.strip() or len(summary) > 75:
        problems.append(f"claimReviewed is not a short summary: {summary!r}")
    if not _absolute(data.get("url")) or urlparse(data["url"]).netloc != urlparse(page_url).netloc:
        problems.append(f"url {data.get('url')!r} is not on the page's domain {page_url!r}")

    rating = data.get("reviewRating") or {}
    if rating.get("@type") != "Rating":
        problems.append("reviewRating is not a Rating")
    if not isinstance(rating.get("alternateName"), str) or not rating["alternateName"].strip():
        problems.append("reviewRating.alternateName is missing")
    if "ratingValue" in rating:
        numbers = [rating.get(name) for name in ("worstRating", "ratingValue", "bestRating")]
        if not all(isinstance(number, int | float) for number in numbers) or not numbers[0] <= numbers[1] <= numbers[2]:
            problems.append(f"ratingValue is not within worstRating and bestRating: {numbers}")

    author = data.get("author")
    if author:
        if author.get("@type") not in AUTHOR_TYPES or not author.get("name"):
            problems.append("author is not a named Person or Organization")
        if not author.get("url"):
            missing.add("author.url")
        elif not _absolute(author["url"]):
            problems.append("author.url is not an absolute URL")
    if data.get("datePublished") and not _date(data["datePublished"]):
        problems.append("datePublished is not a date")

    claim = data.get("itemReviewed") or {}
    if claim.get("@type") != "Claim":
        problems.append("itemReviewed is not a Claim")
    missing |= {f"itemReviewed.{name}" for name in CLAIM_RECOMMENDED if not claim.get(name)}
    claim_author = claim.get("author")
    if claim_author and (claim_author.get("@type") not in AUTHOR_TYPES or not claim_author.get("name")):
        problems.append("itemReviewed.author is not a named Person or Organization")
    if claim.get("datePublished") and not _date(claim["datePublished"]):
        problems.append("itemReviewed.datePublished is not a date")
    if "firstAppearance" in claim:
        problems += _work_problems("itemReviewed.firstAppearance", claim["firstAppearance"])
    appearances = claim.get("appearance") or []
    for at, work in enumerate(appearances if isinstance(appearances, list) else [appearances]):
        problems += _work_problems(f"itemReviewed.appearance[{at}]", work)
    return problems, missing


def _make_verdicts(alice, erin, frank) -> dict[int, dict[str, Any]]:
    """One published verdict per case; what each should show. Keyed by review id."""
    made: dict[int, dict[str, Any]] = {}

    def verdict(name: str, *, speaker="", kind="", outlet="Kazinform", url: str | None = "https://kazinform.example/",
                language="kk", text="Астанада 12 мектеп ашылды, деді әкім.", rating="false",
                summary="Астанада 12 мектеп",
                author=None):
        article = ArticleFactory(body=f"Хабар {name}. {text}", outlet=outlet, url=url and f"{url}{len(made)}",
                                 language=language,
                                 title=f"Headline {name}")
        claim = ClaimFactory(article=article, text=text, language=language, speaker=speaker, speaker_kind=kind,
                             span_start=article.body.index(text), span_end=len(article.body))
        review = publish(ReviewFactory(claim=claim, claim_summary=summary), author=alice, editor_user=erin,
                         rating=rating)
        made[review.pk] = {"name": name, "claim": claim, "author": author}
        return review

    verdict("person, outlet, URL", speaker="Астана әкімі", kind="person",
            author={"@type": "Person", "name": "Астана әкімі"})
    verdict("organisation, no outlet, no URL, unrated", speaker="ҚР ДСМ", kind="organisation", outlet="", url=None,
            rating="misleading", author={"@type": "Organization", "name": "ҚР ДСМ"})
    verdict("no speaker, outlet, URL, Russian", language="ru", text="В Алматы открыли 12 школ.",
            summary="В Алматы открыли 12 школ", author={"@type": "Organization", "name": "Kazinform"})
    verdict("no speaker, no outlet, no URL, English", outlet="", url=None, language="en",
            text="Twelve schools opened in Astana.", summary="Twelve schools opened in Astana", rating="true")
    verdict("speaker of unknown kind", speaker="бір дереккөз", url=None)
    corrected = verdict("corrected", speaker="СІМ", kind="organisation", rating="half_true",
                        author={"@type": "Organization", "name": "СІМ"})
    services.review_reopen(review=corrected, actor=erin, note="Recount")
    services.review_submit(review=corrected, actor=alice, rating="false", explanation="Recount.")
    services.review_approve(review=corrected, actor=frank, correction_note="Recount.")

    # Published before summaries were written: the cut stands in for it.
    legacy = ReviewFactory(status="published", claim_summary="", claim__language="en", claim__article__outlet="")
    VerdictRevision.objects.create(review=legacy, number=1, rating="false", explanation="Old.", editor=erin,
                                   published_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    made[legacy.pk] = {"name": "legacy, no summary", "claim": legacy.claim, "author": None}

    # A claim from a tipline, by hand: its "article" is where it was seen.
    by_hand = services.claim_add_by_hand(actor=alice, text="Алматыда 5 көпір салынды.", language="kk",
                                         seen_where="WhatsApp", seen_url="https://wa.example/post/1")
    services.source_add(review=by_hand, actor=alice, url="https://stats.example/bridges", title="Stats",
                        publisher="Stat", accessed_on=datetime.date(2026, 1, 1), stance="refutes", quote="")
    services.review_take(review=by_hand, actor=alice)
    services.review_submit(review=by_hand, actor=alice, rating="false", explanation="No.",
                           claim_summary="Алматыда 5 көпір салынды")
    services.review_approve(review=by_hand, actor=erin)
    made[by_hand.pk] = {"name": "by hand", "claim": Claim.objects.get(pk=by_hand.claim_id),
                        "author": {"@type": "Organization", "name": "WhatsApp"}}
    return made


def test_every_published_verdict_meets_googles_claimreview_requirements(client, alice, erin, frank, settings):
    settings.FACTCHECK_ORGANIZATION = {"name": "Factcheck.kz", "url": "https://factcheck.kz/"}
    made = _make_verdicts(alice, erin, frank)
    checked = []

    for review in published_verdicts():
        page_url = f"http://testserver/verdicts/{review.pk}/"
        response = client.get(page_url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        found = extruct.extract(response.content.decode(), base_url=page_url, syntaxes=["json-ld"])["json-ld"]
        (data,) = [item for item in found if item.get("@type") == "ClaimReview"]
        case, claim = made[review.pk], made[review.pk]["claim"]
        problems, missing = google_problems(data, page_url)

        assert problems == [], (case["name"], problems)
        # The claim's author is the one recommended field left out, and only where nobody is known.
        assert missing == (set() if case["author"] else {"itemReviewed.author"}), (case["name"], missing)
        assert data["itemReviewed"].get("author") == case["author"], case["name"]
        assert data["inLanguage"] == claim.language
        assert "Headline" not in str(data["itemReviewed"].get("author"))
        if claim.article.url:
            assert data["itemReviewed"]["firstAppearance"]["url"] == claim.article.url, case["name"]
        checked.append(case["name"])

    assert sorted(checked) == sorted(case["name"] for case in made.values())


def test_the_requirements_check_finds_what_breaks_them():
    good = {
        "@context": "https://schema.org", "@type": "ClaimReview", "url": "http://testserver/verdicts/1/",
        "claimReviewed": "Short", "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": 1,
                                                   "bestRating": 5, "worstRating": 1},
        "author": {"@type": "Organization", "name": "Factcheck.kz", "url": "https://factcheck.kz/"},
        "datePublished": "2026-03-01T09:00:00+00:00",
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "X"}, "datePublished": "2018-02-23",
                         "firstAppearance": "https://kazinform.example/a", "appearance": ["https://kazinform.example/a"]},
    }
    page = "http://testserver/verdicts/1/"
    assert google_problems(good, page) == ([], set())

    long_summary = {**good, "claimReviewed": "x" * 76}
    other_domain = {**good, "url": "https://elsewhere.example/verdicts/1/"}
    out_of_scale = {**good, "reviewRating": {**good["reviewRating"], "ratingValue": 7}}
    unnamed_rating = {**good, "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1}}
    author_is_a_headline = {**good, "itemReviewed": {**good["itemReviewed"], "author": {"name": "Headline"}}}
    relative_appearance = {**good, "itemReviewed": {**good["itemReviewed"], "appearance": ["/a"]}}
    for broken in (long_summary, other_domain, out_of_scale, unnamed_rating, author_is_a_headline, relative_appearance):
        assert google_problems(broken, page)[0], broken
    no_author = {**good, "itemReviewed": {k: v for k, v in good["itemReviewed"].items() if k != "author"}}
    assert google_problems(no_author, page) == ([], {"itemReviewed.author"})
