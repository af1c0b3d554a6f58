"""The verdict list reads each verdict's stored document: what it shows is what the verdict's
own page in the API shows, through publications, corrections, moves and edits."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.query import ValuesIterable
from django.test.utils import CaptureQueriesContext

from reviews.models import Review, VerdictDocument
from reviews.publishing import verdict_cache
from reviews.publishing.verdict_documents import published_documents
from reviews.workflow import services
from tests.api.conftest import make_verdict

pytestmark = pytest.mark.django_db


def listed(client, **headers) -> dict[int, dict]:
    response = client.get("/api/v1/verdicts/", **headers)
    assert response.status_code == 200, response.content
    return {verdict["id"]: verdict for verdict in response.json()["results"]}


def shown(client, review_id: int, **headers) -> dict:
    response = client.get(f"/api/v1/verdicts/{review_id}/", **headers)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def verdicts(alice, erin, frank):
    """Three verdicts: a plain one, a corrected one and one reopened for correction."""
    plain = make_verdict(alice, erin, rating="mostly_false")
    corrected = make_verdict(alice, erin, rating="true", language="kk")
    services.review_reopen(review=corrected, actor=erin, note="New figures")
    services.review_submit(review=corrected, actor=alice, rating="false", explanation="The ministry's own count.")
    services.review_approve(review=corrected, actor=frank, correction_note="Rating changed.")
    reopened = make_verdict(alice, erin, rating="half_true")
    services.review_reopen(review=reopened, actor=erin, note="A reader wrote in")
    return plain, corrected, reopened


@pytest.mark.parametrize("language", ["en", "kk", "ru"])
def test_the_list_shows_each_verdict_as_its_own_page_does_in_every_language(anon, verdicts, language):
    assert VerdictDocument.objects.count() == 3  # written when they were published

    page = listed(anon, HTTP_ACCEPT_LANGUAGE=language, HTTP_HOST="localhost")

    for review in verdicts:
        assert page[review.pk] == shown(anon, review.pk, HTTP_ACCEPT_LANGUAGE=language, HTTP_HOST="localhost")
    plain, corrected, reopened = (page[review.pk] for review in verdicts)
    assert plain["page_url"] == f"http://localhost/verdicts/{plain['id']}/"
    assert [revision["rating"] for revision in corrected["earlier_revisions"]] == ["true"]
    assert (reopened["correction_under_way"], plain["correction_under_way"]) == (True, False)


def test_a_claim_edited_after_publication_shows_on_the_next_page(anon, verdicts):
    plain = verdicts[0]
    listed(anon)
    claim = plain.claim
    claim.text = "Officials now say 412 civilians were killed."
    claim.save()

    assert listed(anon)[plain.pk]["claim"]["text"] == "Officials now say 412 civilians were killed."


def test_an_article_edited_after_publication_shows_on_the_next_page(anon, verdicts):
    plain = verdicts[0]
    listed(anon)
    article = plain.claim.article
    article.title = "A corrected headline"
    article.save()

    assert listed(anon)[plain.pk]["article"]["title"] == "A corrected headline"


def test_a_move_shows_at_once_though_it_writes_no_document(anon, verdicts, erin):
    plain = verdicts[0]
    before = VerdictDocument.objects.get(review=plain).body

    services.review_reopen(review=plain, actor=erin, note="A second look")

    assert VerdictDocument.objects.get(review=plain).body == before
    again = listed(anon)[plain.pk]
    assert again["correction_under_way"] is True
    assert again == shown(anon, plain.pk)


def test_a_document_of_another_publication_or_code_is_not_used(anon, verdicts):
    plain = verdicts[0]
    expected = listed(anon)[plain.pk]
    VerdictDocument.objects.filter(review=plain).update(body='{"id": 0, "stale": true}', shape="written by old code")
    verdict_cache.bump()  # as a deploy's new code would key its pages anew
    assert listed(anon)[plain.pk] == expected

    Review.objects.filter(pk=plain.pk).update(published_at=plain.published_at.replace(year=2020))
    VerdictDocument.objects.filter(review=plain).update(shape=VerdictDocument.objects.get(review=verdicts[1]).shape)
    verdict_cache.bump()
    assert listed(anon)[plain.pk]["id"] == plain.pk


def test_text_holding_the_mark_character_is_shown_as_written(anon, alice, erin):
    odd = "Text pasted with a control character \x01P\x01 and \x01Ltrue\x01 in it."
    review = make_verdict(alice, erin, text_prefix=odd)

    assert not VerdictDocument.objects.filter(review=review).exists()
    assert listed(anon)[review.pk]["claim"]["text"].startswith(odd)


def test_the_command_writes_the_documents_missing_or_stale(verdicts, new_review):
    plain, corrected, _reopened = verdicts
    VerdictDocument.objects.filter(review=plain).delete()
    VerdictDocument.objects.filter(review=corrected).update(shape="written by old code", body="stale")
    out = io.StringIO()

    call_command("write_verdict_documents", stdout=out)

    assert set(VerdictDocument.objects.values_list("review_id", flat=True)) == {review.pk for review in verdicts}
    assert VerdictDocument.objects.get(review=corrected).body != "stale"
    assert "2 verdict documents written" in out.getvalue()
    call_command("write_verdict_documents", "--all", stdout=out)
    assert "3 verdict documents written" in out.getvalue()


def test_a_page_reads_its_verdicts_documents_in_its_one_query(anon, verdicts):
    with CaptureQueriesContext(connection) as with_documents:
        listed(anon)
    VerdictDocument.objects.all().delete()
    verdict_cache.bump()
    with CaptureQueriesContext(connection) as without:
        listed(anon)

    assert len(with_documents) == 1
    assert len(without) == 2  # the page's rows, then the verdicts built from theirs


def test_on_postgresql_the_page_query_is_prepared_and_reads_what_the_orm_reads(
        require_postgres, anon, verdicts, settings):
    rows = list(published_documents(with_published_at=True).order_by("-id"))
    orm = published_documents(with_published_at=True).order_by("-id")
    orm._iterable_class = ValuesIterable

    assert rows == list(orm)
    assert {row["id"] for row in rows} == {review.pk for review in verdicts}
    assert all(row["document"] for row in rows)
    listed(anon)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
                       ["%reviews_verdictdocument%"])
        assert cursor.fetchall()


def test_prepared_statements_can_be_switched_off_for_a_pooler(require_postgres, anon, verdicts, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # none prepared in this session yet (psycopg forgets its own too)

    page = listed(anon)

    assert set(page) == {review.pk for review in verdicts}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone() == (0,)
