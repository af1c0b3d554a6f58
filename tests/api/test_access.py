"""Who gets in: tokens from create_api_token, admin sessions, throttles per IP and per client."""

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from claims.api.permissions import API_CLIENTS_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch):
    # DRF reads the rates once, into the throttle class, when it is imported.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})


def create_token(*args: str) -> str:
    out = io.StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue().strip()


def test_create_api_token_makes_one_token_and_prints_it_again():
    key = create_token("newsroom-site")

    assert Token.objects.get(user__username="newsroom-site").key == key
    assert create_token("newsroom-site") == key
    assert Token.objects.count() == 1


def test_write_access_joins_the_api_clients_group():
    create_token("aggregator")
    create_token("aggregator", "--write")

    token = Token.objects.select_related("user").get(user__username="aggregator")
    assert list(token.user.groups.values_list("name", flat=True)) == [API_CLIENTS_GROUP]
    assert token.user.has_perm("claims.add_article")
    assert not token.user.has_usable_password()


def test_a_token_authenticates_and_a_wrong_one_is_refused():
    key = create_token("site")
    client = APIClient()

    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/claims/").status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    refused = client.get("/api/v1/claims/")
    assert (refused.status_code, refused.json()["error"]) == (401, "authentication_failed")


def test_an_admin_session_works_and_needs_csrf_for_writes(alice, new_review):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(alice)

    assert client.get("/api/v1/claims/").status_code == 200
    refused = client.post(f"/api/v1/claims/{new_review.claim_id}/take/", {})
    assert (refused.status_code, refused.json()["error"]) == (403, "permission_denied")
    assert "CSRF" in refused.json()["detail"]


def test_anonymous_reads_verdicts_ratings_and_schema_only(anon):
    assert anon.get("/api/v1/verdicts/").status_code == 200
    assert anon.get("/api/v1/ratings/").status_code == 200
    assert anon.get("/api/v1/schema/").status_code == 200
    for url in ("/api/v1/claims/", "/api/v1/articles/", "/api/v1/webhooks/"):
        assert anon.get(url).status_code == 401, url


def test_anonymous_callers_are_throttled_per_address(anon, low_rates):

    codes = [anon.get("/api/v1/ratings/").status_code for _ in range(4)]
    other_address = APIClient(REMOTE_ADDR="203.0.113.9").get("/api/v1/ratings/")

    assert codes == [200, 200, 200, 429]
    assert other_address.status_code == 200
    throttled = anon.get("/api/v1/ratings/")
    assert throttled.json()["error"] == "throttled"
    assert int(throttled["Retry-After"]) > 0


def test_a_forged_forwarded_for_header_does_not_reset_the_anonymous_limit(anon, low_rates):
    codes = [
        anon.get("/api/v1/ratings/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(6)
    ]

    assert codes == [200, 200, 200, 429, 429, 429]


def test_behind_a_configured_proxy_the_client_address_comes_from_forwarded_for(anon, low_rates, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    # The proxy appends the address it saw; whatever the client put before it is not trusted.
    first = [anon.get("/api/v1/ratings/", HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.7").status_code
             for n in range(4)]
    other = anon.get("/api/v1/ratings/", HTTP_X_FORWARDED_FOR="203.0.113.8").status_code

    assert (first, other) == ([200, 200, 200, 429], 200)


def test_clients_are_throttled_per_token(reader, writer, low_rates):

    codes = [reader.get("/api/v1/verdicts/").status_code for _ in range(6)]

    assert codes == [200] * 5 + [429]
    assert writer.get("/api/v1/verdicts/").status_code == 200


@pytest.mark.parametrize("username", ["", " ", "x" * 200, "bad\nname"])
def test_create_api_token_refuses_an_unusable_username(username):
    with pytest.raises(CommandError):
        create_token(username)
    assert Token.objects.count() == 0


def test_the_docs_load_swagger_ui_without_inline_script(anon):
    html = anon.get("/api/v1/docs/").content.decode()

    assert "<script>" not in html.replace(" ", "")
    assert '<script src="/api/v1/docs/?script="></script>' in html
    start_up = anon.get("/api/v1/docs/?script=")
    assert start_up.status_code == 200
    assert "SwaggerUIBundle" in start_up.content.decode()
