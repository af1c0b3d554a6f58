"""Storing what the extractor found: once, and without touching claims under review."""

import pytest

from claims.models import Claim, ExtractionStatus
from claims.services import article_store_claims
from reviews.models import Review, ReviewEvent
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.services import review_take
from tests.factories import ArticleFactory, fact_checker

pytestmark = pytest.mark.django_db


def found(text: str, start: int, **extra) -> dict:
    claim = {
        "kind": "quantity",
        "text": text,
        "span": [start, start + len(text)],
        "language": "en",
        "quantity": {"value": 340, "upper": None, "comparator": "at_least", "unit": None,
                     "subject": "civilians", "span": [start, start + 11]},
        "date": None,
        "speaker": None,
        "check_after": None,
        "checkworthiness": 0.8,
    }
    claim.update(extra)
    return claim


KILLED = found("At least 340 civilians were killed", 10)
TALKS = found(
    "The next talks are planned for mid-March",
    50,
    kind="scheduled",
    quantity=None,
    date={"earliest": "2018-03-11", "latest": "2018-03-20", "text": "mid-March", "span": [81, 90]},
    check_after="2018-03-21",
    checkworthiness=0.6,
)


def test_claims_are_stored_with_a_review_each_and_the_article_marked_done():
    article = ArticleFactory()
    new = article_store_claims(article=article, extracted=[KILLED, TALKS], extractor_version="1.2.3")

    assert len(new) == 2
    article.refresh_from_db()
    assert (article.extraction_status, article.extractor_version) == (ExtractionStatus.DONE, "1.2.3")
    killed = Claim.objects.get(kind="quantity")
    quantity = (killed.quantity_value, killed.quantity_comparator, killed.quantity_subject)
    assert quantity == (340, "at_least", "civilians")
    assert (killed.span_start, killed.span_end) == (10, 44)
    talks = Claim.objects.get(kind="scheduled")
    assert (str(talks.date_earliest), str(talks.date_latest)) == ("2018-03-11", "2018-03-20")
    assert talks.review.status == ReviewStatus.SCHEDULED
    assert str(talks.review.recheck_on) == "2018-03-21"
    assert killed.review.status == ReviewStatus.NEW
    assert ReviewEvent.objects.count() == 2


def test_running_it_again_stores_no_duplicates():
    article = ArticleFactory()
    article_store_claims(article=article, extracted=[KILLED, TALKS], extractor_version="1")
    again = article_store_claims(article=article, extracted=[KILLED, TALKS], extractor_version="1")

    assert again == []
    assert Claim.objects.count() == 2
    assert Review.objects.count() == 2


def test_a_claim_under_review_is_kept_when_the_extractor_no_longer_finds_it():
    article = ArticleFactory()
    article_store_claims(article=article, extracted=[KILLED, TALKS], extractor_version="1")
    review = Review.objects.get(claim__kind="quantity")
    review_take(review=review, actor=fact_checker())

    article_store_claims(article=article, extracted=[], extractor_version="2")

    assert list(Claim.objects.values_list("kind", flat=True)) == ["quantity"], "the untouched scheduled claim went"
    assert Review.objects.get().status == ReviewStatus.RESEARCHING


def test_a_new_score_updates_the_claim_in_place():
    article = ArticleFactory()
    article_store_claims(article=article, extracted=[KILLED], extractor_version="1")
    article_store_claims(article=article, extracted=[{**KILLED, "checkworthiness": 0.95}], extractor_version="2")

    assert list(Claim.objects.values_list("checkworthiness", flat=True)) == [0.95]


def test_two_figures_of_one_sentence_are_two_claims_and_a_repeated_sentence_is_one():
    sentence = "At least 340 civilians were killed and more than 800 wounded"
    killed = found(sentence, 0)
    wounded = found(sentence, 0, quantity={**killed["quantity"], "value": 800, "comparator": "more_than"})
    repeated = found(sentence, 200)  # the same sentence again further down the article

    article = ArticleFactory()
    new = article_store_claims(article=article, extracted=[killed, wounded, repeated], extractor_version="1.2.3")

    assert sorted(claim.quantity_value for claim in new) == [340, 800]
    article.refresh_from_db()
    assert article.extraction_note == "1 claims repeating a sentence word for word were stored once."


def test_the_speakers_kind_is_stored_and_a_new_kind_keeps_the_claims_key():
    article = ArticleFactory()
    quoted = found("СІМ: at least 340 civilians were killed", 10, speaker="СІМ", speaker_kind="organisation")
    unattributed = found("At least 340 civilians were killed", 60, speaker_kind="person")

    article_store_claims(article=article, extracted=[quoted, unattributed], extractor_version="1")
    keys = set(Claim.objects.values_list("extraction_key", flat=True))
    again = article_store_claims(article=article, extracted=[{**quoted, "speaker_kind": None}, unattributed],
                                 extractor_version="2")

    assert sorted(Claim.objects.values_list("speaker", "speaker_kind")) == [("", ""), ("СІМ", "organisation")]
    assert (again, set(Claim.objects.values_list("extraction_key", flat=True))) == ([], keys)
