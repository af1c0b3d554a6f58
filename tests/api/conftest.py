"""Fixtures for the API tests: a client per kind of caller, verdicts published the real way."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from reviews.workflow import services
from reviews.workflow.summary import suggested_summary
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ReviewFactory,
    SourceFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


def logged_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def as_alice(alice) -> APIClient:
    return logged_in(alice)


@pytest.fixture
def as_bob(bob) -> APIClient:
    return logged_in(bob)


@pytest.fixture
def as_erin(erin) -> APIClient:
    return logged_in(erin)


@pytest.fixture
def as_frank(frank) -> APIClient:
    return logged_in(frank)


def token_client(username: str, *, write: bool) -> APIClient:
    call_command("create_api_token", username, *(["--write"] if write else []), stdout=io.StringIO())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user__username=username).key}")
    return client


@pytest.fixture
def reader(db) -> APIClient:
    """An API client with a read-only token and no newsroom role."""
    return token_client("reader-client", write=False)


@pytest.fixture
def writer(db) -> APIClient:
    """An API client allowed to ingest articles."""
    return token_client("writer-client", write=True)


def publish(review, *, author, editor_user, rating="false", explanation="No record of it.", correction_note="",
            claim_summary=None):
    """Take a review from researching (or new) to published through the services; a review
    with no summary yet (extracted, not made by the factory) gets its claim cut short."""
    if review.status == "new":
        services.review_take(review=review, actor=author)
    if not review.sources.exists():
        SourceFactory(review=review, added_by=author)
    if claim_summary is None and not review.claim_summary:
        claim_summary = suggested_summary(review.claim.text)
    services.review_submit(review=review, actor=author, rating=rating, explanation=explanation,
                           claim_summary=claim_summary)
    services.review_approve(review=review, actor=editor_user, correction_note=correction_note)
    return review


def make_verdict(author, editor_user, *, text_prefix="", rating="false", language="en", **claim_kwargs):
    article = ArticleFactory()
    claim = ClaimFactory(article=article, language=language, **claim_kwargs)
    if text_prefix:
        claim.text = text_prefix + claim.text
        claim.save(update_fields=["text"])
    review = ReviewFactory(claim=claim)
    return publish(review, author=author, editor_user=editor_user, rating=rating)


@pytest.fixture
def verdict(alice, erin):
    """A published verdict: alice researched and submitted it, erin approved it."""
    return make_verdict(alice, erin)


@pytest.fixture
def new_review(db):
    return ReviewFactory()


@pytest.fixture
def someone(db):
    return UserFactory(username="someone")


TODAY = datetime.date(2026, 11, 29)
