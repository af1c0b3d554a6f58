"""Celery task of the verdict webhooks: thin, takes an id.

Its name is the one it had in `reviews.tasks_webhooks`: a delivery waiting for its retry
countdown sits in the broker under that name.
"""

from celery import shared_task
from django.conf import settings

from reviews.publishing.webhooks import Outcome, webhook_deliver, webhooks_requeue_unqueued

# Seconds before retry n (1-based): 10 s, 20 s, 40 s ... capped at an hour. Short enough for a
# countdown; the due date never lives weeks in the broker.
BACKOFF_BASE = 10
BACKOFF_CAP = 3600


def backoff(retries: int) -> int:
    return min(BACKOFF_CAP, BACKOFF_BASE * 2**retries)


@shared_task(name="reviews.tasks_webhooks.deliver_webhook", bind=True, max_retries=None, acks_late=True)
def deliver_webhook(self, delivery_id: int) -> str:
    """Send one webhook delivery; retried with backoff until it lands or attempts run out."""
    outcome = webhook_deliver(delivery_id=delivery_id)
    if outcome == Outcome.RETRY and self.request.retries + 1 < settings.WEBHOOK_MAX_ATTEMPTS:
        raise self.retry(countdown=backoff(self.request.retries))
    return str(outcome)


@shared_task(name="reviews.publishing.tasks.requeue_unqueued_webhooks", acks_late=True)
def requeue_unqueued_webhooks() -> int:
    """The beat sweep: queue deliveries recorded while the broker was down."""
    return webhooks_requeue_unqueued()
