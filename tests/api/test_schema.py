"""The OpenAPI schema and its docs, and Schemathesis fuzzing every operation against the schema."""

import socket

import pytest
import schemathesis
import yaml
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tests.api.conftest import publish
from tests.factories import ReviewFactory, editor, fact_checker

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


def test_anyone_reads_the_schema_and_its_docs_without_a_cdn(client):
    response = client.get("/api/v1/schema/")
    docs = client.get("/api/v1/docs/")

    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    assert {"/api/v1/verdicts/", "/api/v1/verdicts/{id}/claimreview/", "/api/v1/claims/{id}/recheck-now/",
            "/api/v1/claims/{id}/send-back/", "/api/v1/claims/{id}/sources/", "/api/v1/articles/",
            "/api/v1/ratings/", "/api/v1/webhooks/"} <= paths
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


@pytest.fixture
def no_network(monkeypatch):
    """Generated URLs must never reach out: every name fails to resolve, every connection fails."""

    def refuse_resolution(*args, **kwargs):
        raise socket.gaierror("no network in tests")

    def refuse_connection(*args, **kwargs):
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "getaddrinfo", refuse_resolution)
    monkeypatch.setattr(socket, "create_connection", refuse_connection)


@pytest.fixture
def test_transaction_kept():
    """The real WSGI handler closes the database connection at each request's end, as Django's
    test client does not; inside the test's transaction that would end it, so detach it here."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def newsroom(db, no_network, test_transaction_kept):
    """Some data to find, and an editor's token to reach every operation with."""
    author, approver = fact_checker("fuzz-author"), editor("fuzz-editor")
    publish(ReviewFactory(), author=author, editor_user=approver)
    ReviewFactory()
    return {"Authorization": f"Token {Token.objects.create(user=approver).key}", **PLAIN}


CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
# Schemathesis calls the WSGI app directly, where nothing undoes gzip (tests/api/test_client_headers.py
# covers compression); it asks for the plain body.
PLAIN = {"Accept-Encoding": "identity"}


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_as_an_editor_matches_the_schema(case, newsroom):
    case.call_and_validate(headers=newsroom, checks=CHECKS)


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_anonymously_never_fails_on_the_server(case, newsroom):
    case.call_and_validate(headers=PLAIN, checks=CHECKS)


def test_every_operation_has_words_for_clients_and_documents_its_refusals():
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            name = f"{method.upper()} {path}"
            assert operation.get("summary"), name
            assert len(operation.get("description", "")) > 30, name
            assert "viewset" not in operation["description"].lower(), name
            responses = operation["responses"]
            wanted = {"400", "414", "429"} | ({"404"} if "{" in path else set())
            assert wanted <= set(responses), name
            for code in wanted:
                assert responses[code]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"}, (name, code)
    take = document["paths"]["/api/v1/claims/{id}/take/"]["post"]["responses"]
    assert {"401", "403", "409", "413"} <= set(take)
    verdicts = document["paths"]["/api/v1/verdicts/"]["get"]["responses"]["200"]["headers"]
    assert {"ETag", "Last-Modified", "Cache-Control", "RateLimit-Remaining"} <= set(verdicts)
