"""Verdict webhooks: which endpoints hear of a publication, the signed body, one delivery attempt.

A publication (`approve`) is announced as `verdict.published`, a republication after a reopen
as `verdict.corrected`. Each (event, endpoint) is one WebhookDelivery row holding the exact
bytes to send; the task in reviews.publishing.tasks sends it and retries with backoff. Delivery
is at least once: receivers de-duplicate on the `X-Factcheck-Delivery` header.

Signature (as Stripe and Standard Webhooks sign): `X-Factcheck-Timestamp: <unix seconds>` and
`X-Factcheck-Signature: sha256=<hex>`, the HMAC-SHA256 with the endpoint's secret of
`<timestamp>.<raw body>`. After `POST webhooks/{id}/rotate-secret/` the header carries a second
`sha256=<hex>`, space-separated, made with the old secret, for WEBHOOK_SECRET_OVERLAP_HOURS.

To verify (what `signature_matches` does): refuse a timestamp more than 5 minutes from your
clock (a replayed delivery), compute the HMAC of `timestamp + "." + body` with your secret,
and accept if it equals one of the header's signatures (compare in constant time).
"""

import datetime
import hashlib
import hmac
import http.client
import json
import logging
import secrets
import time
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from factcheck.net import UrlFetchRefused, pinned_connection
from factcheck.queueing import send_task
from reviews.publishing.claimreview import claim_review
from reviews.publishing.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from reviews.publishing.verdicts import published_verdicts, verdict_of
from reviews.workflow.models import Review
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.signals import review_moved

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Factcheck-Signature"
TIMESTAMP_HEADER = "X-Factcheck-Timestamp"
# How far a receiver lets a timestamp be from its clock before refusing the delivery as replayed.
SIGNATURE_TOLERANCE_SECONDS = 300
DELIVER_TASK = "reviews.tasks_webhooks.deliver_webhook"
# A delivery not queued this long after it was recorded never reached the broker.
REQUEUE_AFTER = datetime.timedelta(minutes=2)
USER_AGENT = "factcheck-webhooks/1.0"


class Outcome(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"  # the receiver failed or was unreachable: try again later
    GIVE_UP = "give_up"  # retrying cannot help (a refused address, a gone endpoint)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signature_header(endpoint: WebhookEndpoint, timestamp: int, body: bytes) -> str:
    signatures = [sign(endpoint.secret, timestamp, body)]
    if endpoint.previous_secret and endpoint.previous_secret_until and endpoint.previous_secret_until > timezone.now():
        signatures.append(sign(endpoint.previous_secret, timestamp, body))
    return " ".join(signatures)


def signature_matches(secret: str, body: bytes, timestamp: str, header: str, *, now: float | None = None) -> bool:
    """What a receiver does, the documented recipe; here for tests and for clients to copy."""
    if not timestamp.isdigit():
        return False
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > SIGNATURE_TOLERANCE_SECONDS:
        return False
    expected = sign(secret, int(timestamp), body)
    return any(hmac.compare_digest(expected, offered) for offered in header.split())


def webhook_rotate_secret(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """A new secret; the old one still signs deliveries for WEBHOOK_SECRET_OVERLAP_HOURS."""
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_until = timezone.now() + datetime.timedelta(hours=settings.WEBHOOK_SECRET_OVERLAP_HOURS)
    endpoint.secret = secrets.token_hex(32)
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
    return endpoint


def webhook_queue(delivery_id: int) -> bool:
    """Hand one delivery to the broker and note that it did; False when the broker is down."""
    if not send_task(DELIVER_TASK, delivery_id):
        return False
    WebhookDelivery.objects.filter(pk=delivery_id, queued_at__isnull=True).update(queued_at=timezone.now())
    return True


def webhooks_requeue_unqueued(*, limit: int = 200) -> int:
    """Queue deliveries that never reached the broker (it was down when they were recorded)."""
    cutoff = timezone.now() - REQUEUE_AFTER
    waiting = (
        WebhookDelivery.objects.filter(queued_at__isnull=True, delivered_at__isnull=True, created_at__lt=cutoff)
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )
    queued = 0
    for delivery_id in waiting:
        if not webhook_queue(delivery_id):
            break
        queued += 1
    return queued


def verdict_payload(review: Review, event: str) -> dict[str, Any]:
    return {
        "event": event,
        "verdict": verdict_of(review.pk),
        "claim_review": claim_review(published_verdicts().get(pk=review.pk)),
    }


def webhooks_queue_for_verdict(*, review_id: int) -> list[WebhookDelivery]:
    """Record one delivery per subscribed endpoint for the verdict just published, and queue them."""
    review = Review.objects.filter(pk=review_id, status=ReviewStatus.PUBLISHED).first()
    if review is None:
        return []
    event = (
        WebhookEvent.VERDICT_CORRECTED if review.revisions.count() > 1 else WebhookEvent.VERDICT_PUBLISHED
    )
    endpoints = [
        endpoint for endpoint in WebhookEndpoint.objects.filter(active=True, owner__is_active=True)
        if event in (endpoint.events or [])
    ]
    if not endpoints:
        return []
    body = json.dumps(verdict_payload(review, str(event)), ensure_ascii=False, sort_keys=True, default=str)
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event=event, payload=body) for endpoint in endpoints
    )
    for delivery in deliveries:
        try:
            webhook_queue(delivery.pk)
        except Exception:
            # One endpoint's trouble must not keep the others from hearing of the verdict.
            log.exception("could not queue webhook delivery %s", delivery.pk)
    return deliveries


@receiver(review_moved, dispatch_uid="reviews.publishing.webhooks.verdict_published")
def on_review_moved(sender: Any, *, review_id: int, move: str, to_status: str, **kwargs: Any) -> None:
    # review_moved is sent after the move's commit, so the endpoints read a published verdict.
    if move == "approve" and to_status == ReviewStatus.PUBLISHED:
        try:
            webhooks_queue_for_verdict(review_id=review_id)
        except Exception:
            # A webhook problem must never surface as a failed publication.
            log.exception("could not queue webhooks for review %s", review_id)


def post_signed(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST `body` to `url` (to public addresses only unless allowed); returns the status code."""
    connection, path = pinned_connection(
        url, settings.WEBHOOK_TIMEOUT, check_address=not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS
    )
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)
        return response.status
    finally:
        connection.close()


def webhook_deliver(*, delivery_id: int) -> Outcome:
    """One attempt at one delivery; safe to call again after it succeeded (it sends nothing)."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.delivered_at is not None:
        return Outcome.DELIVERED
    endpoint = delivery.endpoint
    if not endpoint.active:
        return Outcome.GIVE_UP
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
    body = delivery.payload.encode()
    # Signed at each attempt: the timestamp says when this attempt was made.
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Factcheck-Event": delivery.event,
        "X-Factcheck-Delivery": str(delivery.pk),
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature_header(endpoint, timestamp, body),
    }
    try:
        code = post_signed(endpoint.url, body, headers)
    except UrlFetchRefused as error:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(error=error.message[:2000])
        return Outcome.GIVE_UP
    except (OSError, http.client.HTTPException) as error:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(error=f"{type(error).__name__}: {error}"[:2000])
        return Outcome.RETRY
    if 200 <= code < 300:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status_code=code, error="", delivered_at=timezone.now()
        )
        return Outcome.DELIVERED
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status_code=code, error=f"HTTP {code}")
    return Outcome.RETRY
