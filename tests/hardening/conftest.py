"""The callers every hardening test speaks as, and records in each state built the real way."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from reviews.models import Review, ReviewStatus
from reviews.workflow import services
from tests.factories import ReviewFactory, SourceFactory, UserFactory, editor, fact_checker

ROLES = ("anonymous", "api_client", "fact_checker", "editor", "superuser")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def api_token_client(username: str, *, write: bool) -> APIClient:
    call_command("create_api_token", username, *(["--write"] if write else []), stdout=io.StringIO())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user__username=username).key}")
    return client


def client_as(role: str) -> Client:
    """A client speaking as one of ROLES: a token for the API client, a session for people."""
    if role == "anonymous":
        return APIClient()
    if role == "api_client":
        return api_token_client("newsroom-site", write=True)
    user = {
        "fact_checker": lambda: fact_checker("alice"),
        "editor": lambda: editor("erin"),
        "superuser": lambda: UserFactory(username="root", is_superuser=True),
    }[role]()
    client = APIClient()
    client.force_login(user)
    return client


def publish(review: Review, *, author, approver) -> Review:
    services.review_take(review=review, actor=author)
    SourceFactory(review=review, added_by=author)
    services.review_submit(review=review, actor=author, rating="false", explanation="No record of it.")
    services.review_approve(review=review, actor=approver)
    review.refresh_from_db()
    return review


@pytest.fixture
def newsroom(db):
    """A fact-checker and an editor, and a review in each status the API distinguishes."""
    author, approver = fact_checker("author"), editor("approver")
    reviews = {
        "new": ReviewFactory(),
        "researching": ReviewFactory(status=ReviewStatus.RESEARCHING, assignee=author),
        "in_review": ReviewFactory(status=ReviewStatus.IN_REVIEW, assignee=author, rating="false",
                                   explanation="Not so."),
        "dismissed": ReviewFactory(status=ReviewStatus.DISMISSED),
        "published": publish(ReviewFactory(), author=author, approver=approver),
    }
    SourceFactory(review=reviews["researching"], added_by=author)
    return reviews
