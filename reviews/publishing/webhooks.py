"""Verdict webhooks: which endpoints hear of a publication, the signed body, one delivery attempt.

A publication (`approve`) is announced as `verdict.published`, a republication after a reopen
as `verdict.corrected`. Each (event, endpoint) is one WebhookDelivery row holding the exact
bytes to send; the task in reviews.publishing.tasks sends it and retries with backoff. Delivery
is at least once: receivers de-duplicate on the `X-Factcheck-Delivery` header.

Signature: `X-Factcheck-Signature: sha256=<hex>`, HMAC-SHA256 of the raw body with the
endpoint's secret.
"""

import hashlib
import hmac
import http.client
import json
import logging
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from claims.api.fetch import PinnedHTTPConnection, PinnedHTTPSConnection, public_addresses, target_of
from factcheck.exceptions import UrlFetchRefused
from factcheck.queueing import send_task
from reviews.publishing.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from reviews.workflow.models import Review
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.signals import review_moved

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Factcheck-Signature"
USER_AGENT = "factcheck-webhooks/1.0"


class Outcome(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"  # the receiver failed or was unreachable: try again later
    GIVE_UP = "give_up"  # retrying cannot help (a refused address, a gone endpoint)


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_matches(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does; here for tests and for clients to copy."""
    return hmac.compare_digest(sign(secret, body), header)


def verdict_payload(review: Review, event: str) -> dict[str, Any]:
    from reviews.publishing.claimreview import claim_review
    from reviews.publishing.verdicts_api import published_verdicts, verdict_of

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
            send_task("reviews.tasks_webhooks.deliver_webhook", delivery.pk)
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
    scheme, host, port, path = target_of(url)
    address = host if settings.WEBHOOK_ALLOW_PRIVATE_TARGETS else public_addresses(host, port)[0]
    connection_class = PinnedHTTPSConnection if scheme == "https" else PinnedHTTPConnection
    connection = connection_class(host, address, port, settings.WEBHOOK_TIMEOUT)
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
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Factcheck-Event": delivery.event,
        "X-Factcheck-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: sign(endpoint.secret, body),
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
