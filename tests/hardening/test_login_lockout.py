"""Password guessing: after five failures for one username from one address, sign-in is
refused for the cool-off, even with the right password."""

import base64
import datetime
import json

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory
from django.urls import path
from rest_framework.authentication import BasicAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck import urls as project_urls
from factcheck.security import lockout_response
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/?next=/admin/"
LOCKED = (
    "Too many failed sign-in attempts for this account from your address, so sign-in is locked. "
    "Try again in 30 minutes, or ask an administrator to unlock it sooner."
)


def superuser(username: str):
    user = UserFactory(username=username, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def erin():
    return superuser("erin")


def sign_in(client: Client, password: str, username: str = "erin", address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_five_times(client: Client, **kwargs) -> None:
    for attempt in range(1, 5):
        response = sign_in(client, f"guess-{attempt}", **kwargs)
        assert response.status_code == 200, attempt
        assert b"Please enter the correct username and password" in response.content
    # The fifth failure reaches the limit and is already told so.
    assert sign_in(client, "guess-5", **kwargs).status_code == 429


def test_the_right_password_signs_in(client, erin):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(erin.pk)


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, erin):
    fail_five_times(client)

    response = sign_in(client, PASSWORD)

    assert response.status_code == 429
    assert response.content.decode() == LOCKED
    assert response["Retry-After"] == "1800"
    assert SESSION_KEY not in client.session
    # ... and the repeated attempt too.
    assert sign_in(client, PASSWORD).status_code == 429


def at(hour: int, minute: int):
    return time_machine.travel(datetime.datetime(2026, 3, 1, hour, minute, tzinfo=datetime.UTC), tick=False)


def test_the_lock_lifts_after_the_cool_off(client, erin):
    with at(9, 0):
        fail_five_times(client)
    with at(9, 31):
        assert sign_in(client, PASSWORD).status_code == 302


def test_trying_during_the_lock_starts_the_cool_off_again(client, erin):
    with at(9, 0):
        fail_five_times(client)
    with at(9, 29):
        assert sign_in(client, PASSWORD).status_code == 429
    with at(9, 31):
        assert sign_in(client, PASSWORD).status_code == 429
    with at(10, 2):
        assert sign_in(client, PASSWORD).status_code == 302


def test_the_lock_is_per_username_and_address(client, erin):
    superuser("frank")
    fail_five_times(client)

    assert sign_in(Client(), PASSWORD, address="198.51.100.20").status_code == 302
    assert sign_in(Client(), PASSWORD, username="frank").status_code == 302


def test_failures_are_counted_in_the_database_without_the_password(client, erin):
    sign_in(client, "hunter2-guess")

    attempt = AccessAttempt.objects.get()
    assert attempt.failures_since_start == 1
    assert attempt.ip_address == "203.0.113.7"
    assert "hunter2-guess" not in attempt.post_data


def test_a_success_clears_the_count(client, erin):
    for attempt in range(4):
        sign_in(client, f"guess-{attempt}")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()

    assert sign_in(client, "one-more-typo").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302


def test_api_clients_are_told_in_json(erin, settings):
    request = RequestFactory().post("/api/v1/auth/token", HTTP_ACCEPT="application/json")
    response = lockout_response(request)

    assert response.status_code == 429
    assert json.loads(response.content) == {"error": "locked_out", "detail": LOCKED, "field": None, "request_id": ""}


# --- the API: a password sent with HTTP Basic (or any DRF authentication that passes the request)


class WhoAmI(APIView):
    authentication_classes = [BasicAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"username": request.user.get_username()})


urlpatterns = [path("api/v1/whoami/", WhoAmI.as_view()), *project_urls.urlpatterns]


def basic(password: str, username: str = "erin") -> dict[str, str]:
    credentials = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {credentials}", "REMOTE_ADDR": "203.0.113.7"}


@pytest.mark.urls("tests.hardening.test_login_lockout")
def test_password_guessing_through_the_api_is_locked_out_too(client, erin):
    assert client.get("/api/v1/whoami/", **basic(PASSWORD)).json() == {"username": "erin"}
    for attempt in range(4):
        assert client.get("/api/v1/whoami/", **basic(f"guess-{attempt}")).status_code == 401
    assert client.get("/api/v1/whoami/", **basic("guess-5")).status_code == 429

    response = client.get("/api/v1/whoami/", **basic(PASSWORD))

    assert response.status_code == 429
    assert json.loads(response.content) == {"error": "locked_out", "detail": LOCKED, "field": None,
                                            "request_id": response["X-Request-ID"]}
    assert AccessAttempt.objects.get().failures_since_start >= 5
    # The admin refuses the same person from the same address as well.
    assert sign_in(client, PASSWORD).status_code == 429
