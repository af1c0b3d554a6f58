"""Webhooks: clients register URLs, receive signed verdict.published / verdict.corrected, retried."""

import datetime
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine

from reviews.models import WebhookDelivery, WebhookEndpoint
from reviews.publishing import webhooks
from reviews.publishing.tasks import backoff
from reviews.workflow import services
from tests.api.conftest import publish
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


class Receiver:
    """A real HTTP server on 127.0.0.1 answering the queued status codes, then 200."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses, self.received = list(statuses), []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                code = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/factcheck"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Receiver":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def private_targets_allowed(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True


@pytest.fixture
def worker_like_retries():
    """Eager tasks that retry as a worker would (run again) instead of raising Retry."""
    from factcheck.celery import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


def register(client, url: str, **extra) -> dict:
    response = client.post("/api/v1/webhooks/", {"url": url, **extra})
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_client_registers_an_endpoint_and_sees_its_secret_once(reader):
    response = reader.post("/api/v1/webhooks/", {"url": "https://93.184.216.34/hooks"})

    assert response.status_code == 201
    endpoint = WebhookEndpoint.objects.get()
    assert response.json() == {
        "id": endpoint.pk, "url": "https://93.184.216.34/hooks", "events": ["verdict.corrected", "verdict.published"],
        "active": True, "created_at": response.json()["created_at"], "secret": endpoint.secret,
    }
    assert len(endpoint.secret) == 64
    assert "secret" not in reader.get(f"/api/v1/webhooks/{endpoint.pk}/").json()
    assert [row["id"] for row in reader.get("/api/v1/webhooks/").json()] == [endpoint.pk]


def test_endpoints_on_private_addresses_are_refused(reader):
    for url in ("http://127.0.0.1:9000/", "http://10.0.0.1/", "http://169.254.169.254/", "http://[::1]/"):
        response = reader.post("/api/v1/webhooks/", {"url": url})
        assert (response.status_code, response.json()["field"]) == (400, "url"), url
    assert WebhookEndpoint.objects.count() == 0


def test_clients_see_only_their_own_endpoints(reader, writer):
    theirs = register(writer, "https://93.184.216.34/theirs")

    assert reader.get("/api/v1/webhooks/").json() == []
    assert reader.get(f"/api/v1/webhooks/{theirs['id']}/").status_code == 404
    assert reader.delete(f"/api/v1/webhooks/{theirs['id']}/").status_code == 404


def test_anonymous_callers_cannot_register(anon):
    assert anon.post("/api/v1/webhooks/", {"url": "https://93.184.216.34/"}).status_code == 401


def test_an_unknown_event_is_refused(reader):
    response = reader.post("/api/v1/webhooks/", {"url": "https://93.184.216.34/", "events": ["claim.deleted"]})

    assert (response.status_code, response.json()["field"]) == (400, "events.0")


def test_a_publication_is_delivered_signed_and_retried_after_a_failure(
    reader, alice, erin, private_targets_allowed, worker_like_retries, django_capture_on_commit_callbacks
):
    with Receiver([500]) as receiver:
        endpoint = register(reader, receiver.url)
        review = ReviewFactory()
        with django_capture_on_commit_callbacks(execute=True):
            publish(review, author=alice, editor_user=erin)

    assert len(receiver.received) == 2
    (_, first_body), (headers, body) = receiver.received
    assert body == first_body
    timestamp = headers["X-Factcheck-Timestamp"]
    assert abs(int(timestamp) - time.time()) < 60
    assert headers["X-Factcheck-Signature"] == "sha256=" + hmac.new(
        endpoint["secret"].encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    assert webhooks.signature_matches(endpoint["secret"], body, timestamp, headers["X-Factcheck-Signature"])
    assert not webhooks.signature_matches("another secret", body, timestamp, headers["X-Factcheck-Signature"])
    assert headers["X-Factcheck-Event"] == "verdict.published"
    payload = json.loads(body)
    assert payload["event"] == "verdict.published"
    assert (payload["verdict"]["id"], payload["verdict"]["rating"]) == (review.pk, "false")
    assert payload["claim_review"]["@type"] == "ClaimReview"
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.status_code, delivery.error) == (2, 200, "")
    assert delivery.delivered_at is not None
    assert headers["X-Factcheck-Delivery"] == str(delivery.pk)
    deliveries = reader.get(f"/api/v1/webhooks/{endpoint['id']}/deliveries/").json()
    assert [(d["event"], d["attempts"], d["status_code"]) for d in deliveries] == [("verdict.published", 2, 200)]


def test_a_republication_after_reopen_is_a_correction(
    reader, alice, erin, frank, private_targets_allowed, django_capture_on_commit_callbacks
):
    review = publish(ReviewFactory(), author=alice, editor_user=erin)
    with Receiver([]) as receiver:
        register(reader, receiver.url, events=["verdict.corrected"])
        with django_capture_on_commit_callbacks(execute=True):
            services.review_reopen(review=review, actor=erin, note="New figures")
            services.review_submit(review=review, actor=alice, rating="true", explanation="Recount.")
            services.review_approve(review=review, actor=frank, correction_note="Recount.")

    ((headers, body),) = receiver.received
    assert headers["X-Factcheck-Event"] == "verdict.corrected"
    assert json.loads(body)["verdict"]["correction_note"] == "Recount."


def test_endpoints_not_subscribed_or_inactive_hear_nothing(
    reader, writer, alice, erin, private_targets_allowed, django_capture_on_commit_callbacks
):
    with Receiver([]) as receiver:
        register(reader, receiver.url, events=["verdict.corrected"])
        inactive = register(writer, receiver.url)
        writer.patch(f"/api/v1/webhooks/{inactive['id']}/", {"active": False})
        with django_capture_on_commit_callbacks(execute=True):
            publish(ReviewFactory(), author=alice, editor_user=erin)

    assert receiver.received == []
    assert WebhookDelivery.objects.count() == 0


def test_a_delivered_webhook_is_not_sent_again(reader, alice, erin, private_targets_allowed,
                                               django_capture_on_commit_callbacks):
    with Receiver([]) as receiver:
        register(reader, receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            publish(ReviewFactory(), author=alice, editor_user=erin)
        delivery = WebhookDelivery.objects.get()

        assert webhooks.webhook_deliver(delivery_id=delivery.pk) == webhooks.Outcome.DELIVERED

    assert len(receiver.received) == 1


def test_deliveries_to_private_addresses_are_given_up_without_retrying(reader, alice, erin, settings):
    endpoint = WebhookEndpoint.objects.create(owner=alice, url="http://127.0.0.1:9/", secret="s")
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event="verdict.published", payload="{}")

    assert webhooks.webhook_deliver(delivery_id=delivery.pk) == webhooks.Outcome.GIVE_UP
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.delivered_at) == (1, None)
    assert "private" in delivery.error


def test_retries_back_off_exponentially_up_to_an_hour():
    assert [backoff(n) for n in (0, 1, 2, 3)] == [10, 20, 40, 80]
    assert backoff(20) == 3600


# --- replay, rotation, limits, the broker down ------------------------------------------------


def delivered_once(reader, alice, erin, capture) -> tuple[dict, list]:
    with Receiver([]) as receiver:
        endpoint = register(reader, receiver.url)
        with capture(execute=True):
            publish(ReviewFactory(), author=alice, editor_user=erin)
    return endpoint, receiver.received


def test_the_signature_covers_the_timestamp_so_a_replay_is_refused(
    reader, alice, erin, private_targets_allowed, django_capture_on_commit_callbacks
):
    endpoint, ((headers, body),) = delivered_once(reader, alice, erin, django_capture_on_commit_callbacks)
    secret, timestamp = endpoint["secret"], headers["X-Factcheck-Timestamp"]
    signature = headers["X-Factcheck-Signature"]

    assert webhooks.signature_matches(secret, body, timestamp, signature)
    # The same delivery replayed six minutes later, or with a fresh timestamp on the old signature.
    assert not webhooks.signature_matches(secret, body, timestamp, signature, now=int(timestamp) + 301)
    assert webhooks.signature_matches(secret, body, timestamp, signature, now=int(timestamp) + 299)
    assert not webhooks.signature_matches(secret, body, str(int(timestamp) + 100), signature)
    assert not webhooks.signature_matches(secret, body + b" ", timestamp, signature)
    # A body-only HMAC, the old scheme, no longer passes.
    body_only = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert signature != body_only
    assert not webhooks.signature_matches(secret, body, timestamp, body_only)


def test_rotating_the_secret_signs_with_both_for_a_day_then_with_the_new_one(
    reader, writer, alice, erin, private_targets_allowed, django_capture_on_commit_callbacks
):
    with Receiver([]) as receiver:
        endpoint = register(reader, receiver.url)
        assert writer.post(f"/api/v1/webhooks/{endpoint['id']}/rotate-secret/").status_code == 404
        rotated = reader.post(f"/api/v1/webhooks/{endpoint['id']}/rotate-secret/")
        assert rotated.status_code == 200
        new_secret = rotated.json()["secret"]
        assert new_secret != endpoint["secret"] and len(new_secret) == 64
        until = datetime.datetime.fromisoformat(rotated.json()["previous_secret_until"])
        assert abs((until - datetime.datetime.now(datetime.UTC)) - datetime.timedelta(hours=24)) < datetime.timedelta(
            minutes=1)
        with django_capture_on_commit_callbacks(execute=True):
            publish(ReviewFactory(), author=alice, editor_user=erin)
        with time_machine.travel(datetime.timedelta(hours=25)), django_capture_on_commit_callbacks(execute=True):
            publish(ReviewFactory(), author=alice, editor_user=erin)

    (during_headers, during_body), (after_headers, after_body) = receiver.received
    during = during_headers["X-Factcheck-Signature"], during_headers["X-Factcheck-Timestamp"]
    assert len(during[0].split()) == 2
    assert webhooks.signature_matches(new_secret, during_body, during[1], during[0])
    assert webhooks.signature_matches(endpoint["secret"], during_body, during[1], during[0])
    after = after_headers["X-Factcheck-Signature"], after_headers["X-Factcheck-Timestamp"]
    assert len(after[0].split()) == 1
    assert webhooks.signature_matches(new_secret, after_body, after[1], after[0], now=int(after[1]))
    assert not webhooks.signature_matches(endpoint["secret"], after_body, after[1], after[0], now=int(after[1]))


def test_a_client_registers_at_most_webhooks_per_client(reader, writer, settings):
    settings.WEBHOOKS_PER_CLIENT = 3
    for n in range(3):
        register(reader, f"https://93.184.216.34/hooks/{n}")

    refused = reader.post("/api/v1/webhooks/", {"url": "https://93.184.216.34/hooks/4"})

    assert (refused.status_code, refused.json()["error"]) == (409, "too_many_webhooks")
    assert "3 webhook endpoints" in refused.json()["detail"]
    assert WebhookEndpoint.objects.count() == 3
    register(writer, "https://93.184.216.34/theirs")  # the limit is per client
    reader.delete(f"/api/v1/webhooks/{WebhookEndpoint.objects.filter(url__endswith='/0').get().pk}/")
    register(reader, "https://93.184.216.34/hooks/4")


def test_a_delivery_recorded_while_the_broker_is_down_is_queued_by_the_sweep(
    reader, alice, erin, private_targets_allowed, django_capture_on_commit_callbacks, caplog
):
    from reviews.publishing.tasks import requeue_unqueued_webhooks
    from tests.recheck.conftest import broker_at

    with Receiver([]) as receiver:
        register(reader, receiver.url)
        with broker_at("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
            publish(ReviewFactory(), author=alice, editor_user=erin)
        delivery = WebhookDelivery.objects.get()
        assert (delivery.queued_at, delivery.delivered_at) == (None, None)
        assert "left for the next sweep" in caplog.text

        assert requeue_unqueued_webhooks() == 0  # too fresh: its send may be under way
        with time_machine.travel(datetime.timedelta(minutes=3)):
            assert requeue_unqueued_webhooks() == 1
            assert requeue_unqueued_webhooks() == 0

    delivery.refresh_from_db()
    assert delivery.queued_at is not None and delivery.delivered_at is not None
    assert len(receiver.received) == 1
