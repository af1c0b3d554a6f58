"""Work queued by a service after commit runs on a real Celery worker and the real broker."""

import datetime
import time

import pytest
from django.db import transaction

from claims.models import Article, ExtractionStatus
from claims.services import article_ingest

pytestmark = pytest.mark.celery_worker

BODY = (
    "Қалада кемінде 20 мектеп жөндеуден өтті.\n"
    "Келесі кездесу наурыздың ортасына жоспарланып отыр."
)


def wait_for(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_ingested_article_is_extracted_by_the_worker(celery_worker):
    ingested = article_ingest(title="Мектептер", body=BODY, published_on=datetime.date(2019, 11, 20))

    def extracted() -> bool:
        return Article.objects.get(pk=ingested.article.pk).extraction_status == ExtractionStatus.DONE

    assert wait_for(extracted), "the worker did not extract the article"
    article = Article.objects.get(pk=ingested.article.pk)
    assert article.claims.filter(quantity_value=20, quantity_comparator="at_least").exists()
    assert article.extractor_version


def test_a_rolled_back_ingest_queues_nothing(celery_worker):
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        article_ingest(title="Жоқ", body="Бұл мәтін сақталмайды.", published_on=datetime.date(2020, 1, 1))
        raise Abort

    kept = article_ingest(title="Бар", body=BODY + "\nҚосымша жол.", published_on=datetime.date(2019, 11, 20))
    assert wait_for(
        lambda: Article.objects.get(pk=kept.article.pk).extraction_status == ExtractionStatus.DONE
    )
    assert list(Article.objects.values_list("title", flat=True)) == ["Бар"]
