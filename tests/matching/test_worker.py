"""A claim stored by extraction is matched by a real Celery worker on the real broker."""

import datetime
import time

import pytest

from claims.matching.embedding import embedder
from claims.models import Claim, ClaimMatch, ClaimSignature, MatchingStatus
from claims.services import article_ingest

pytestmark = [pytest.mark.celery_worker,
              pytest.mark.skipif(embedder() is None, reason="the embedding package is not installed here")]


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_the_worker_matches_a_repeated_claim_across_languages(celery_worker):
    first = article_ingest(title="Пәтерлер", body="Өткен жылы Шымкентте 48 мың жаңа пәтер пайдалануға берілді.",
                           published_on=datetime.date(2024, 2, 10), language="kk")
    assert wait_for(lambda: ClaimSignature.objects.filter(claim__article=first.article,
                                                          status=MatchingStatus.DONE).exists())
    second = article_ingest(title="Квартиры",
                            body="В 2023 году в Шымкенте ввели в эксплуатацию 48 тысяч новых квартир.",
                            published_on=datetime.date(2024, 2, 12), language="ru")
    assert wait_for(lambda: ClaimSignature.objects.filter(claim__article=second.article,
                                                          status=MatchingStatus.DONE).exists())
    repeat = Claim.objects.get(article=second.article)
    match = ClaimMatch.objects.get(claim=repeat)
    assert match.matched.article_id == first.article.pk
    assert match.tier == "same" and match.conflict == ""


def test_the_worker_matches_a_claim_a_fact_checker_adds_by_hand(celery_worker):
    from reviews.workflow import services
    from tests.factories import fact_checker

    first = article_ingest(title="Пәтерлер", body="Өткен жылы Шымкентте 48 мың жаңа пәтер пайдалануға берілді.",
                           published_on=datetime.date(2024, 2, 10), language="kk")
    assert wait_for(lambda: ClaimSignature.objects.filter(claim__article=first.article,
                                                          status=MatchingStatus.DONE).exists())

    review = services.claim_add_by_hand(actor=fact_checker("alice"), language="ru", seen_where="Telegram-канал",
                                        text="В 2023 году в Шымкенте ввели в эксплуатацию 48 тысяч новых квартир.")

    assert wait_for(lambda: ClaimSignature.objects.filter(claim=review.claim, status=MatchingStatus.DONE).exists())
    match = ClaimMatch.objects.get(claim=review.claim)
    assert match.matched.article_id == first.article.pk and match.tier == "same"
