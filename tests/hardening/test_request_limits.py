"""Bodies over DATA_UPLOAD_MAX_MEMORY_SIZE are refused with 413 before anything reads them."""

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import RequestDataTooBig
from django.test import RequestFactory

from claims.models import Article
from claims.services import MAX_BODY_CHARS
from factcheck.middleware import RequestBodyLimitMiddleware
from tests.hardening.conftest import client_as

pytestmark = pytest.mark.django_db

LIMIT = 10_000


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT


def too_large_body(response) -> dict:
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["request_id"] == response["X-Request-ID"]
    return {key: body[key] for key in ("error", "detail", "field")}


REFUSAL = {
    "error": "request_too_large",
    "detail": f"The request body is larger than the {LIMIT:,} bytes this server accepts.",
    "field": None,
}


def test_the_default_limit_fits_the_longest_article_the_service_accepts():
    environment = {key: value for key, value in os.environ.items() if key != "REQUEST_MAX_BYTES"}
    shown = subprocess.run(
        [sys.executable, "-c", "import factcheck.settings as s; print(s.DATA_UPLOAD_MAX_MEMORY_SIZE)"],
        env={**environment, "DEBUG": "1"}, capture_output=True, text=True, check=True,
    )
    default = int(shown.stdout)
    # Every character JSON-escaped (\\uXXXX) or form-encoded (%D2%9A) is 6 bytes.
    assert default == 8 * 1024 * 1024
    assert default > 6 * MAX_BODY_CHARS


def test_an_oversized_article_is_refused_and_nothing_is_stored():
    client = client_as("api_client")
    body = {"title": "Big", "body": "Мәтін " * LIMIT, "published_on": "2026-01-02"}

    response = client.post("/api/v1/articles/", body, format="json")

    assert too_large_body(response) == REFUSAL
    assert Article.objects.count() == 0


def test_a_body_just_under_the_limit_is_read():
    client = client_as("api_client")
    text = "Қалада кемінде 20 мектеп жөндеуден өтті. "
    body = {"title": "Small", "body": text * 30, "published_on": "2026-01-02"}
    assert len(json.dumps(body)) < LIMIT

    response = client.post("/api/v1/articles/", body, format="json")

    assert response.status_code == 201, response.content
    assert Article.objects.count() == 1


def test_an_oversized_admin_form_is_refused(client):
    response = client.post("/admin/login/", {"username": "erin", "password": "x" * LIMIT})
    assert too_large_body(response) == REFUSAL


def test_an_anonymous_oversized_post_is_refused_before_authentication():
    response = client_as("anonymous").post("/api/v1/articles/", {"body": "x" * LIMIT}, format="json")
    assert response.status_code == 413


def test_a_body_without_a_declared_length_is_caught_when_read():
    """Chunked bodies declare no length; Django's own check raises when the view reads them."""
    middleware = RequestBodyLimitMiddleware(lambda request: None)
    request = RequestFactory().post("/api/v1/articles/")

    response = middleware.process_exception(request, RequestDataTooBig("too big"))

    assert too_large_body_without_header(response) == REFUSAL


def too_large_body_without_header(response) -> dict:
    assert response.status_code == 413
    return {key: json.loads(response.content)[key] for key in ("error", "detail", "field")}


def test_a_content_length_that_is_not_a_number_is_refused():
    middleware = RequestBodyLimitMiddleware(lambda request: None)
    request = RequestFactory().post("/api/v1/articles/", CONTENT_LENGTH="lots")

    response = middleware(request)

    assert response.status_code == 400
    assert json.loads(response.content)["error"] == "invalid_request"
