"""The verdict list's pages kept in the cache (reviews/publishing/verdict_cache.py), seen through
the HTTP client: a repeated page costs no query and is the same page; every change to what a
published verdict shows is on the very next request; languages, query parameters and ETags
each keep their own page."""

import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from reviews.workflow import services
from tests.api.conftest import make_verdict, publish
from tests.factories import ReviewFactory

LIST = "/api/v1/verdicts/"


def ids(answer) -> list[int]:
    return [verdict["id"] for verdict in answer.json()["results"]]


@pytest.mark.django_db
def test_a_repeated_page_is_the_same_page_without_a_query(anon, alice, erin):
    make_verdict(alice, erin)
    first = anon.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        again = anon.get(LIST)

    assert (again.status_code, again.content, again["ETag"]) == (200, first.content, first["ETag"])
    assert again["Content-Type"] == first["Content-Type"] == "application/json"
    assert again["Vary"] == first["Vary"]
    assert len(queries) == 0


@pytest.mark.django_db
def test_every_query_parameter_keeps_its_own_page(anon, alice, erin):
    older, newer = make_verdict(alice, erin, rating="true"), make_verdict(alice, erin, rating="false")
    assert ids(anon.get(LIST)) == [newer.pk, older.pk]

    assert ids(anon.get(f"{LIST}?rating=true")) == [older.pk]
    assert ids(anon.get(f"{LIST}?page_size=1")) == [newer.pk]
    assert ids(anon.get(f"{LIST}?page_size=1&rating=true")) == [older.pk]
    # The same parameters in another order are the same page.
    assert ids(anon.get(f"{LIST}?rating=true&page_size=1")) == [older.pk]
    assert anon.get(f"{LIST}?rating=nonsense").status_code == 400
    assert ids(anon.get(LIST)) == [newer.pk, older.pk]


@pytest.mark.django_db
def test_each_language_keeps_its_own_page_and_etag(anon, alice, erin):
    make_verdict(alice, erin, rating="false")
    pages = {lang: anon.get(LIST, HTTP_ACCEPT_LANGUAGE=lang) for lang in ("kk", "ru", "en", "kk", "en")}
    labels = {lang: anon.get(LIST, HTTP_ACCEPT_LANGUAGE=lang).json()["results"][0]["rating_label"]
              for lang in ("kk", "ru", "en")}

    assert labels["en"] == "False"
    assert len(set(labels.values())) == 3
    english = pages["en"]["ETag"]
    assert len({pages[lang]["ETag"] for lang in ("kk", "ru", "en")}) == 3
    assert anon.get(LIST, HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=english).status_code == 304
    assert anon.get(LIST, HTTP_ACCEPT_LANGUAGE="kk", HTTP_IF_NONE_MATCH=english).status_code == 200


@pytest.mark.django_db
def test_a_kept_page_answers_304_to_its_etag_until_a_verdict_changes(
    anon, alice, erin, django_capture_on_commit_callbacks
):
    verdict = make_verdict(alice, erin)
    etag = anon.get(LIST)["ETag"]

    not_modified = anon.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert (not_modified.status_code, not_modified.content, not_modified["ETag"]) == (304, b"", etag)
    assert anon.get(LIST, HTTP_IF_NONE_MATCH=f'W/{etag}, "other"').status_code == 304

    with django_capture_on_commit_callbacks(execute=True):  # a move's bump comes with its commit
        services.review_reopen(review=verdict, actor=erin, note="New figures")
    changed = anon.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert changed.json()["results"][0]["correction_under_way"] is True


# Transactional from here: bumps after commit run as they do in production.


@pytest.mark.django_db(transaction=True)
def test_a_publication_a_correction_and_a_reopening_show_on_the_very_next_request(anon, alice, erin, frank):
    first = make_verdict(alice, erin)
    assert ids(anon.get(LIST)) == [first.pk]

    second = make_verdict(alice, erin)
    assert ids(anon.get(LIST)) == [second.pk, first.pk]

    services.review_reopen(review=first, actor=erin, note="New figures")
    shown = {verdict["id"]: verdict for verdict in anon.get(LIST).json()["results"]}
    assert shown[first.pk]["correction_under_way"] is True

    publish(first, author=alice, editor_user=frank, rating="true", explanation="Recounted.",
            correction_note="The count was revised.")
    shown = {verdict["id"]: verdict for verdict in anon.get(LIST).json()["results"]}
    assert (shown[first.pk]["rating"], shown[first.pk]["correction_note"]) == ("true", "The count was revised.")
    assert shown[first.pk]["correction_under_way"] is False


@pytest.mark.django_db(transaction=True)
def test_an_edit_of_a_published_claim_or_its_article_shows_on_the_very_next_request(anon, alice, erin):
    verdict = make_verdict(alice, erin)
    anon.get(LIST)
    claim = verdict.claim
    claim.text = "Corrected wording of the claim."
    claim.save()
    assert anon.get(LIST).json()["results"][0]["claim"]["text"] == "Corrected wording of the claim."

    article = claim.article
    article.title = "A better headline"
    article.save(update_fields=["title"])
    assert anon.get(LIST).json()["results"][0]["article"]["title"] == "A better headline"


@pytest.mark.django_db(transaction=True)
def test_moves_of_unpublished_reviews_keep_the_page(anon, alice, erin):
    make_verdict(alice, erin)
    anon.get(LIST)
    services.review_take(review=ReviewFactory(), actor=alice)

    with CaptureQueriesContext(connection) as queries:
        anon.get(LIST)
    assert len(queries) == 0


@pytest.mark.django_db(transaction=True)
def test_a_page_built_while_a_publication_commits_is_not_kept_past_the_commit(anon, alice, erin, require_postgres):
    """Another connection builds the page after the publication's first bump and before its
    commit: it reads the old rows. The bump after commit must send the next reader past it."""
    first = make_verdict(alice, erin)
    anon.get(LIST)
    review = ReviewFactory()
    services.review_take(review=review, actor=alice)
    publish_ready = [review]

    def read_elsewhere() -> None:
        try:
            assert ids(anon.get(LIST)) == [first.pk]  # the publication is not committed yet
        finally:
            connection.close()

    with transaction.atomic():
        publish(publish_ready[0], author=alice, editor_user=erin)
        reader = threading.Thread(target=read_elsewhere)
        reader.start()
        reader.join()

    assert ids(anon.get(LIST)) == [review.pk, first.pk]


@pytest.mark.django_db
def test_pages_built_by_other_code_or_catalogs_are_not_served(anon, alice, erin, monkeypatch):
    from reviews.publishing import verdict_cache

    make_verdict(alice, erin)
    anon.get(LIST)
    assert len(verdict_cache._code_stamp()) == 16
    # A deploy: other page-shaping code or other translations, the same Redis.
    monkeypatch.setattr(verdict_cache, "_code_stamp", lambda: "another-release")
    with CaptureQueriesContext(connection) as queries:
        assert anon.get(LIST).status_code == 200
    assert len(queries) == 1
