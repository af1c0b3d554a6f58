"""Reviews of claims: workflow status, sources, events and verdict revisions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from claims.models import Claim
from reviews.ratings import Rating
from reviews.workflow import ReviewStatus

__all__ = ["Rating", "Review", "ReviewEvent", "ReviewStatus", "Source", "Stance", "VerdictRevision"]

# Fields only reviews.services may write: every move is a conditional UPDATE on them.
MOVE_GUARDED_FIELDS = frozenset({"status", "version"})


class Review(models.Model):
    """The verification of one claim. Created with the claim; moved only by reviews.services."""

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, related_name="review", verbose_name=_("claim")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.NEW, editable=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reviews",
        verbose_name=_("assignee"),
    )
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    recheck_on = models.DateField(_("re-check on"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Optimistic lock: every move is `UPDATE ... WHERE status = %s AND version = %s` and bumps
    # it, so of two concurrent moves exactly one matches a row.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-claim__checkworthiness", "id"]
        permissions = [("approve_review", _("Can approve, send back, assign and reopen verdicts"))]
        indexes = [
            # The re-check sweep: `status = 'scheduled' AND recheck_on <= today`. Partial, so
            # it holds only the scheduled rows and stays small however many reviews close.
            models.Index(
                fields=["recheck_on"],
                condition=models.Q(status=ReviewStatus.SCHEDULED),
                name="review_recheck_due_idx",
            ),
            # The admin queue filtered by status and assignee.
            models.Index(fields=["status", "assignee"], name="review_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ReviewStatus.SCHEDULED) | models.Q(recheck_on__isnull=False),
                name="review_scheduled_has_recheck_on",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.claim}"

    def save(self, *args, **kwargs) -> None:
        # An ordinary save of a loaded review must not write back a status or version that a
        # concurrent move has since changed: only the services' conditional UPDATE writes them.
        if not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None:
                update_fields = [
                    f.name for f in self._meta.concrete_fields if not f.primary_key
                ]
            kwargs["update_fields"] = [f for f in update_fields if f not in MOVE_GUARDED_FIELDS]
        super().save(*args, **kwargs)

    @property
    def is_untouched(self) -> bool:
        """Nobody has moved it since extraction: re-extraction may drop its claim."""
        return self.status == ReviewStatus.NEW and self.version == 0


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("supports the claim")
    REFUTES = "refutes", _("refutes the claim")
    CONTEXT = "context", _("context")


class Source(models.Model):
    """A piece of evidence for a review."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="sources", verbose_name=_("review")
    )
    url = models.URLField(_("URL"), max_length=2000)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    accessed_on = models.DateField(_("date accessed"))
    archive_url = models.URLField(_("archived copy"), max_length=2000, blank=True)
    quote = models.TextField(_("quoted passage"), blank=True)
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    primary = models.BooleanField(_("primary source"), default=False)
    # A source that would endanger someone if named: the verdict shows the description only.
    withheld_for_safety = models.BooleanField(_("withheld for safety"), default=False)
    public_description = models.CharField(
        _("public description"),
        max_length=500,
        blank=True,
        help_text=_("What readers see instead of a withheld source, e.g. 'a hospital doctor in Almaty'."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-primary", "added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withheld_for_safety=False) | ~models.Q(public_description=""),
                name="source_withheld_has_public_description",
            ),
        ]

    def __str__(self) -> str:
        return self.public_description if self.withheld_for_safety else self.title

    def clean(self) -> None:
        super().clean()
        if self.withheld_for_safety and not self.public_description.strip():
            raise ValidationError(
                {"public_description": _("A source withheld for safety needs a public description.")}
            )

    def snapshot(self) -> dict[str, object]:
        """The source as a published verdict records it; a withheld source keeps no trace of
        who or where it is, so the snapshot is safe to publish as it stands."""
        if self.withheld_for_safety:
            return {
                "id": self.pk,
                "withheld_for_safety": True,
                "public_description": self.public_description,
                "stance": self.stance,
                "primary": self.primary,
                "accessed_on": self.accessed_on.isoformat(),
            }
        return {
            "id": self.pk,
            "withheld_for_safety": False,
            "url": self.url,
            "title": self.title,
            "publisher": self.publisher,
            "accessed_on": self.accessed_on.isoformat(),
            "archive_url": self.archive_url,
            "quote": self.quote,
            "stance": self.stance,
            "primary": self.primary,
        }


class AppendOnly(Exception):
    """Audit rows are written once and never changed or deleted."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly(f"{self.model.__name__} rows are never updated")

    def delete(self):
        raise AppendOnly(f"{self.model.__name__} rows are never deleted")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnly(f"{type(self).__name__} rows are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly(f"{type(self).__name__} rows are never deleted")


class ReviewEvent(AppendOnlyModel):
    """One row per move of a review, the first one included: the audit log."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="events", verbose_name=_("review")
    )
    # Null: the system (extraction, the re-check sweep). PROTECT: the log keeps its people;
    # deactivate a user instead of deleting them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    move = models.CharField(_("move"), max_length=20, blank=True)
    from_status = models.CharField(_("from"), max_length=12, choices=ReviewStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=ReviewStatus.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("review event")
        verbose_name_plural = _("review events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"


class VerdictRevision(AppendOnlyModel):
    """One publication of a verdict, kept forever: the API shows every earlier rating."""

    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("review")
    )
    number = models.PositiveIntegerField(_("number"))
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices)
    explanation = models.TextField(_("explanation"))
    sources = models.JSONField(_("sources"), default=list)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("editor")
    )
    published_at = models.DateTimeField(_("published at"))
    correction_note = models.TextField(_("correction note"), blank=True)

    class Meta:
        verbose_name = _("verdict revision")
        verbose_name_plural = _("verdict revisions")
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="verdict_revision_number_once"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="verdict_revision_number_from_1"),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.get_rating_display()}"


# --- Re-checks: check-again dates of published verdicts, suggested evidence, notices --------


class VerdictRecheck(models.Model):
    """A date on which a published verdict is looked at again (a forecast, a promise).

    Kept beside the Review rather than on it: the sweep reopens the verdict for a correction
    review when the date comes and deletes this row in the same transaction (the ReviewEvent's
    note keeps the date).
    """

    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, related_name="verdict_recheck", verbose_name=_("review")
    )
    check_again_on = models.DateField(_("check again on"))
    reason = models.CharField(
        _("why"), max_length=300, blank=True, help_text=_("e.g. 'the minister promised it by June'.")
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("verdict re-check")
        verbose_name_plural = _("verdict re-checks")
        indexes = [
            # The sweep's second query: `check_again_on <= today`.
            models.Index(fields=["check_again_on"], name="verdict_recheck_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.review_id} on {self.check_again_on}"


class EvidenceTerm(models.Model):
    """The words and months of each stored claim: the index suggested evidence is found by.

    A term is a word stem (its first letters, so Kazakh and Russian endings still match), a
    month its date window touches ("@2018-03"), or "#", which every indexed claim has once (its
    count is the number of claims words are weighed against).
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+", db_index=False)
    article = models.ForeignKey("claims.Article", on_delete=models.CASCADE, related_name="+", db_index=False)
    term = models.CharField(max_length=16)

    class Meta:
        verbose_name = _("evidence term")
        verbose_name_plural = _("evidence terms")
        constraints = [
            # Also the index behind "the highest indexed claim" (the indexer's watermark).
            models.UniqueConstraint(fields=["claim", "term"], name="evidence_term_once_per_claim"),
        ]
        indexes = [
            # "Claims of articles stored after X that share this term", and df counts.
            models.Index(fields=["term", "article"], name="evidence_term_lookup_idx"),
        ]

    def __str__(self) -> str:
        return self.term


class EvidenceMatch(models.TextChoices):
    DATE_OVERLAP = "date_overlap", _("date windows overlap")
    SHARED_WORDS = "shared_words", _("names the same event")


class SuggestionStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class SuggestedEvidence(models.Model):
    """An article stored after the claim that may settle it, for the reviewer to accept or reject."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="suggested_evidence", verbose_name=_("review")
    )
    article = models.ForeignKey(
        "claims.Article", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    matched_by = models.CharField(_("matched by"), max_length=12, choices=EvidenceMatch.choices)
    score = models.FloatField(_("score"))
    reason = models.CharField(_("why suggested"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.SUGGESTED
    )
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("source")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("suggested evidence")
        verbose_name_plural = _("suggested evidence")
        ordering = ["review", "-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "article"], name="suggested_evidence_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_matched_by_display()}: article {self.article_id}"


class NoticeReason(models.TextChoices):
    RECHECK_DUE = "recheck_due", _("re-check date arrived")
    VERDICT_DUE = "verdict_due", _("published verdict's check-again date arrived")
    SUBMITTED = "submitted", _("verdict submitted")


class RecheckNotice(models.Model):
    """The email owed for one event (a re-check opening, a submitted verdict).

    One row per event (unique): an opening happens once however many sweeps run, so it is
    announced once. The sending task claims the row with a conditional UPDATE before it sends,
    so a task delivered twice sends once.
    """

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="notices", verbose_name=_("review"))
    event = models.OneToOneField(
        ReviewEvent, on_delete=models.CASCADE, related_name="notice", verbose_name=_("event")
    )
    reason = models.CharField(_("reason"), max_length=12, choices=NoticeReason.choices)
    recipients = models.JSONField(_("recipients"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set while a worker is sending; a claim older than the lease is taken as abandoned.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [
            # The sweep re-queues unsent notices (the broker was down): a partial index keeps
            # only those, however many were sent.
            models.Index(fields=["created_at"], condition=models.Q(sent_at__isnull=True), name="notice_unsent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.review_id})"


# --- webhooks (the API's push to clients) ---------------------------------------------------


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
