"""Redis down when an article arrives: nothing is lost, and the work runs once it is back."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from claims.models import Article, ExtractionStatus
from claims.services import article_ingest
from claims.tasks import retry_stalled_extractions
from reviews.models import Review, ReviewStatus
from reviews.rechecks.sweep import recheck_sweep
from tests.recheck.conftest import broker_at

pytestmark = pytest.mark.django_db
CLOSED_PORT = "redis://127.0.0.1:1/0"
BODY = (
    "Астанада Сирия бойынша келіссөз өтті.\n"
    "Қазақстан СІМ мәліметінше, келесі Сирия келіссөзі наурыздың ортасына жоспарланып отыр."
)


def test_an_article_arriving_while_redis_is_down_is_stored_readable_and_extracted_once_it_is_back(
    admin_client, caplog, django_capture_on_commit_callbacks
):
    pytest.importorskip("claims.extraction", reason="the claim extractor (claims.extraction) has not landed yet")
    with broker_at(CLOSED_PORT), django_capture_on_commit_callbacks(execute=True):
        ingested = article_ingest(title="Сирия келіссөзі", body=BODY, published_on=datetime.date(2018, 2, 23))

    assert ingested.created
    assert "left for the next sweep" in caplog.text
    article = Article.objects.get(pk=ingested.article.pk)
    assert (article.extraction_status, article.claims.count()) == (ExtractionStatus.PENDING, 0)
    listing = admin_client.get(reverse("admin:claims_article_changelist"))
    assert listing.status_code == 200
    assert "Сирия келіссөзі" in listing.content.decode()

    # Broker back (the configured one; eager here): the stalled-work sweep queues the article.
    with time_machine.travel(datetime.timedelta(minutes=11)):
        assert retry_stalled_extractions() == 1
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.DONE
    review = Review.objects.get(claim__article=article, status=ReviewStatus.SCHEDULED)
    assert review.recheck_on == datetime.date(2018, 3, 21)

    # ...and its mid-March claim, long due, comes back on the next re-check sweep.
    assert recheck_sweep().opened == 1
    review.refresh_from_db()
    assert review.status == ReviewStatus.NEW


def test_a_sweep_while_redis_is_down_opens_reviews_and_keeps_their_notices_for_later(
    alice, caplog, mailoutbox, django_capture_on_commit_callbacks
):
    from reviews.models import Notice
    from tests.factories import ScheduledReviewFactory

    review = ScheduledReviewFactory(assignee=alice)
    with broker_at(CLOSED_PORT), django_capture_on_commit_callbacks(execute=True):
        assert recheck_sweep(today=datetime.date(2018, 3, 21)).opened == 1
    review.refresh_from_db()
    assert review.status == ReviewStatus.RESEARCHING
    assert Notice.objects.filter(review=review, sent_at__isnull=True).count() == 1
    assert mailoutbox == []


@pytest.mark.celery_worker
def test_with_a_real_worker_the_stalled_article_is_extracted_once_redis_is_back(celery_worker, caplog):
    pytest.importorskip("claims.extraction", reason="the claim extractor (claims.extraction) has not landed yet")
    import time

    from django.db import transaction

    with broker_at(CLOSED_PORT), transaction.atomic():
        ingested = article_ingest(title="Сирия келіссөзі", body=BODY, published_on=datetime.date(2018, 2, 23))
    assert "left for the next sweep" in caplog.text
    assert Article.objects.get(pk=ingested.article.pk).extraction_status == ExtractionStatus.PENDING

    with time_machine.travel(datetime.timedelta(minutes=11), tick=True):
        assert retry_stalled_extractions() == 1  # published to the real Redis this time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if Article.objects.get(pk=ingested.article.pk).extraction_status == ExtractionStatus.DONE:
            break
        time.sleep(0.1)
    assert Article.objects.get(pk=ingested.article.pk).extraction_status == ExtractionStatus.DONE
    assert Review.objects.filter(claim__article_id=ingested.article.pk, status=ReviewStatus.SCHEDULED).count() == 1
