import datetime

import pytest

from claims.errors import IngestError
from claims.hashing import content_hash
from claims.models import Article, ExtractionStatus
from claims.services import article_ingest
from tests.recheck.conftest import broker_at

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.date(2018, 2, 23)


def test_ingest_stores_the_article_pending_and_queues_extraction_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        ingested = article_ingest(title=" Гута ", body="Кемінде 340 адам.\r\n", published_on=PUBLISHED, language="kk")

    assert ingested.created
    article = Article.objects.get()
    assert (article.title, article.body, article.language) == ("Гута", "Кемінде 340 адам.", "kk")
    assert article.extraction_status == ExtractionStatus.PENDING
    assert article.content_hash == content_hash("Кемінде 340 адам.")
    assert len(callbacks) == 1


def test_the_same_text_is_stored_once_whatever_its_whitespace(django_capture_on_commit_callbacks):
    first = article_ingest(title="A", body="Кемінде 340 адам.\nЕкінші жол.", published_on=PUBLISHED)
    with django_capture_on_commit_callbacks() as callbacks:
        again = article_ingest(title="B", body="  Кемінде 340   адам.\r\n\r\nЕкінші жол.  ", published_on=PUBLISHED)

    assert not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1
    assert callbacks == []


def test_a_missing_title_is_taken_from_the_first_line():
    ingested = article_ingest(title="", body="Тақырып жолы\nМәтін.", published_on=PUBLISHED)
    assert ingested.article.title == "Тақырып жолы"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"body": "   \n "}, "The article has no text."),
        ({"body": "x" * 1_000_001}, "longer than 1,000,000 characters"),
        ({"language": "de"}, "Unknown language 'de'"),
        ({"published_on": "2018-02-23"}, "published_on must be a date"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(fields, message):
    values = {"title": "T", "body": "Мәтін.", "published_on": PUBLISHED, **fields}
    with pytest.raises(IngestError, match=message):
        article_ingest(**values)
    assert Article.objects.count() == 0


def test_a_url_already_used_by_another_text_is_refused():
    article_ingest(title="A", body="Бірінші.", published_on=PUBLISHED, url="https://example.org/a")
    with pytest.raises(IngestError, match=r"already stored for https://example\.org/a"):
        article_ingest(title="B", body="Басқа мәтін.", published_on=PUBLISHED, url="https://example.org/a")
    assert Article.objects.count() == 1


def test_a_broker_outage_does_not_lose_the_article(django_capture_on_commit_callbacks, caplog):
    with broker_at("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        ingested = article_ingest(title="A", body="Брокер жоқ кезде келген мәтін.", published_on=PUBLISHED)

    assert Article.objects.get(pk=ingested.article.pk).extraction_status == ExtractionStatus.PENDING
    assert "left for the next sweep" in caplog.text
