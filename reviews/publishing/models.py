"""Webhooks: the API's push of published and corrected verdicts to clients."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    VERDICT_PUBLISHED = "verdict.published", _("verdict published")
    VERDICT_CORRECTED = "verdict.corrected", _("verdict corrected")


def default_webhook_events() -> list[str]:
    return sorted(WebhookEvent.values)


class WebhookEndpoint(models.Model):
    """A client's URL that receives verdict events, signed with the endpoint's own secret."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_endpoints", verbose_name=_("owner")
    )
    url = models.URLField(_("URL"), max_length=2000)
    secret = models.CharField(_("signing secret"), max_length=100, editable=False)
    # After a rotation deliveries carry a second signature with the old secret until then, so a
    # receiver can switch over without losing a delivery.
    previous_secret = models.CharField(_("previous signing secret"), max_length=100, blank=True, editable=False)
    previous_secret_until = models.DateTimeField(_("previous secret valid until"), null=True, blank=True)
    events = models.JSONField(_("events"), default=default_webhook_events)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint, however many attempts it takes: the delivery log."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("endpoint")
    )
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent.choices)
    # The exact bytes signed and sent, so every retry sends (and signs) the same body.
    payload = models.TextField(_("payload"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    status_code = models.PositiveSmallIntegerField(_("last status code"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set once the broker took the delivery's task; a delivery left without it (the broker was
    # down) is queued again by the sweep.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id}"


class VerdictDocument(models.Model):
    """A published verdict's API JSON, written when the verdict changes (reviews.publishing.
    verdict_documents), so that a page of verdicts is read as text, not built row by row."""

    review = models.OneToOneField(
        "reviews.Review", on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name=_("review")
    )
    # The publication it was written for: a verdict published again (a correction) has a new
    # publication time, and its old document is not used.
    published_at = models.DateTimeField(_("published at"), null=True)
    shape = models.CharField(_("shape"), max_length=32)
    body = models.TextField(_("body"))

    class Meta:
        verbose_name = _("verdict document")
        verbose_name_plural = _("verdict documents")

    def __str__(self) -> str:
        return f"verdict {self.review_id} as published at {self.published_at}"
