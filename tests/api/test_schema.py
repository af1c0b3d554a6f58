"""The OpenAPI schema and its docs, and Schemathesis fuzzing every operation against the schema."""

import io
import socket

import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis import checks
from schemathesis.core.failures import Failure

from tests.api.conftest import publish
from tests.factories import ReviewFactory, editor, fact_checker

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
# A URL longer than REQUEST_MAX_URL_CHARS is refused (414) before its parameters are read: a
# rejection too, which the check's list of rejecting statuses leaves out.
_rejection = schema.config.checks.negative_data_rejection
_rejection.expected_statuses = [*_rejection.expected_statuses, "414"]


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


ROLES = ("anonymous", "reader", "fact_checker", "editor")


@pytest.fixture
def newsroom(db, no_network, test_transaction_kept):
    """Some data to find, and a token for each kind of caller but the anonymous one."""
    author, approver = fact_checker("fuzz-author"), editor("fuzz-editor")
    publish(ReviewFactory(), author=author, editor_user=approver)
    ReviewFactory()
    call_command("create_api_token", "fuzz-reader", stdout=io.StringIO())
    tokens = {
        "reader": Token.objects.get(user__username="fuzz-reader"),
        "fact_checker": Token.objects.create(user=author),
        "editor": Token.objects.create(user=approver),
    }
    return {role: {"Authorization": f"Token {token.key}", **PLAIN} for role, token in tokens.items()} | {
        "anonymous": PLAIN}


# A schema says what a well-formed request is; these refusals of well-formed input depend on what
# exists or what a text holds, which no schema can say. Each is a 400 for that reason only:
# (operation, field the error names, words of its detail).
BEYOND_THE_SCHEMA = [
    # An assignee is a user id: whether such a user exists is the database's to say.
    ("POST /api/v1/claims/{id}/assign/", "assignee", "object does not exist"),
    # A webhook's host must resolve to a public address (and tests have no DNS at all).
    ("POST /api/v1/webhooks/", "url", "could not be resolved"),
    ("PATCH /api/v1/webhooks/{id}/", "url", "could not be resolved"),
    # format: uri is RFC 3986; Django's URL check also wants host labels of at most 63 characters
    # and a top-level domain, which no pattern small enough to generate from can say.
    ("POST /api/v1/claims/{id}/sources/", "url", "Enter a valid URL."),
    ("POST /api/v1/claims/{id}/sources/", "archive_url", "Enter a valid URL."),
    ("POST /api/v1/articles/", "url", "Enter a valid URL."),
    ("POST /api/v1/outlets/", "home_page", "Enter a valid URL."),
    ("POST /api/v1/outlets/", "feeds", "Enter a valid URL."),
    ("POST /api/v1/outlets/", "sitemaps", "Enter a valid URL."),
    ("POST /api/v1/webhooks/", "url", "Enter a valid URL."),
    ("PATCH /api/v1/webhooks/{id}/", "url", "Enter a valid URL."),
    # HTML whose markup holds no article text (the text is found by reading it, not by its shape).
    ("POST /api/v1/articles/", None, "No article text could be found in the HTML."),
    # A cursor is opaque: only the server knows which strings it gave out.
    ("GET /api/v1/verdicts/", None, "invalid cursor"),
]


def refused_beyond_the_schema(response, case) -> bool:
    if response.status_code != 400:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    field = (body.get("field") or "").split(".")[0] or None
    return any(
        (operation, named) == (case.operation.label, field) and words in body.get("detail", "")
        for operation, named, words in BEYOND_THE_SCHEMA
    )


def positive_data_acceptance(ctx, response, case):
    """Schemathesis' own check, less the refusals in BEYOND_THE_SCHEMA."""
    try:
        return checks.positive_data_acceptance(ctx, response, case)
    except Failure:
        if refused_beyond_the_schema(response, case):
            return None
        raise


# Every check Schemathesis has.
CHECKS = [
    checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
    checks.response_headers_conformance, checks.response_schema_conformance, checks.negative_data_rejection,
    positive_data_acceptance, checks.missing_required_header, checks.unsupported_method,
    checks.allow_header_conformance, checks.use_after_free, checks.ensure_resource_availability,
    checks.ignored_auth, checks.object_level_authorization,
]
# Schemathesis calls the WSGI app directly, where nothing undoes gzip (tests/api/test_client_headers.py
# covers compression); it asks for the plain body.
PLAIN = {"Accept-Encoding": "identity"}


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_operation_in_every_role_passes_every_check(case, role, newsroom):
    case.call_and_validate(headers=newsroom[role], checks=CHECKS)


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
            wanted = {"400", "401", "414", "429"} | ({"404"} if "{" in path else set())
            if method in {"post", "patch"}:
                wanted |= {"413", "415"}
            assert wanted <= set(responses), name
            for code in {code for code in responses if code[0] == "4"}:
                assert responses[code]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"}, (name, code)
            body = operation.get("requestBody", {}).get("content", {})
            if body:
                assert list(body) == ["application/json"], name
                ref = body["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
                assert document["components"]["schemas"][ref]["additionalProperties"] is False, name
                assert body["application/json"]["example"], name
    paths = document["paths"]
    assert {"401", "403", "409", "413"} <= set(paths["/api/v1/claims/{id}/take/"]["post"]["responses"])
    assert "409" in paths["/api/v1/articles/"]["post"]["responses"]
    for path in ("/api/v1/verdicts/", "/api/v1/verdicts/{id}/", "/api/v1/verdicts/{id}/claimreview/"):
        read = paths[path]["get"]
        headers = set(read["responses"]["200"]["headers"])
        assert {"ETag", "Last-Modified", "Cache-Control", "RateLimit-Remaining"} <= headers, path
        assert {"ETag", "Last-Modified"} <= set(read["responses"]["304"]["headers"]), path
        assert {"If-None-Match", "If-Modified-Since"} <= {p["name"] for p in read["parameters"] if p["in"] == "header"}
    filters = {p["name"]: p for p in paths["/api/v1/verdicts/"]["get"]["parameters"]}
    assert {"published_after", "published_before", "rating", "outlet", "kind", "ordering"} <= set(filters)
    assert filters["rating"]["schema"]["type"] == "array" and filters["rating"].get("explode", True)
    assert filters["page_size"]["schema"]["maximum"] == 100


def test_the_documented_examples_are_accepted_as_the_schema_describes_them():
    """Each request body's example validates against its own schema (a client copies it first)."""
    import jsonschema
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    for operations in document["paths"].values():
        for operation in operations.values():
            media = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if media is None:
                continue
            body_schema = {"$ref": media["schema"]["$ref"], "components": document["components"]}
            jsonschema.validate(media["example"], body_schema)
            with pytest.raises(jsonschema.ValidationError, match="unknown_field"):
                jsonschema.validate({**media["example"], "unknown_field": 1}, body_schema)
