"""The workflow's models: a claim's Review, its Sources, its ReviewEvents and VerdictRevisions."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from claims.models import Claim
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.notes import note_text
from reviews.workflow.ratings import Rating

# Fields only reviews.workflow.services may write: every move is a conditional UPDATE on them.
MOVE_GUARDED_FIELDS = frozenset({"status", "version", "group_lead"})


class ReviewQuerySet(models.QuerySet["Review"]):
    def untouched(self) -> "ReviewQuerySet":
        """Reviews nobody has worked on since extraction: never moved (version 0; a first
        status of `scheduled` counts as unmoved) and no source added. Re-extraction may drop
        the claim of such a review, and the review with it."""
        return self.filter(version=0, sources__isnull=True)


class Review(models.Model):
    """The verification of one claim. Created with the claim; moved only by reviews.workflow.services."""

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
    # The claim reviewed, as search engines show it (reviews.workflow.summary); written with the verdict.
    claim_summary = models.CharField(_("claim summary"), max_length=75, blank=True)
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
    # Set when the claim is closed as already checked: the published verdict of a claim that says
    # the same (a confirmed ClaimMatch), whose rating this one carries. Cleared by a verdict of its own.
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repeats",
        verbose_name=_("based on the verdict"),
    )
    # The same claim from another article or outlet is worked on once: its review points to the
    # group's lead, whose research and verdict it shares (reviews.workflow.services.groups), and
    # it is published with the lead. Written only by the services, like a move.
    group_lead = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="group_members",
        verbose_name=_("worked on with"),
    )
    # Optimistic lock: every move is `UPDATE ... WHERE status = %s AND version = %s` and bumps
    # it, so of two concurrent moves exactly one matches a row.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReviewQuerySet.as_manager()

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
            models.CheckConstraint(condition=~models.Q(group_lead=models.F("id")), name="review_not_its_own_lead"),
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


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("supports the claim")
    REFUTES = "refutes", _("refutes the claim")
    CONTEXT = "context", _("context")


class Source(models.Model):
    """A piece of evidence for a review."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="sources", verbose_name=_("review")
    )
    # Blank only for one of our own articles (`article`): its stored text is the evidence.
    url = models.URLField(_("URL"), max_length=2000, blank=True)
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
    article = models.ForeignKey(
        "claims.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stored article"),
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
            "article_id": self.article_id,
            "accessed_on": self.accessed_on.isoformat(),
            "archive_url": self.archive_url,
            "quote": self.quote,
            "stance": self.stance,
            "primary": self.primary,
        }


PUBLIC_SOURCE_FIELDS = ("id", "url", "title", "publisher", "accessed_on", "archive_url", "quote", "stance", "primary")


def public_source(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A published source for anyone: a withheld one keeps its description and stance only."""
    if snapshot.get("withheld_for_safety"):
        return {
            "id": snapshot.get("id"),
            "withheld_for_safety": True,
            "public_description": snapshot.get("public_description", ""),
            "stance": snapshot.get("stance", ""),
            "primary": snapshot.get("primary", False),
            "accessed_on": snapshot.get("accessed_on"),
        }
    return {"withheld_for_safety": False, **{name: snapshot.get(name) for name in PUBLIC_SOURCE_FIELDS}}


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
    note = models.TextField(_("note"), blank=True)  # as a person typed it
    # What the system says (reviews.workflow.notes): a code and its values, worded when read.
    note_code = models.CharField(_("system note"), max_length=30, blank=True, db_default="")
    note_values = models.JSONField(_("system note values"), null=True, blank=True)

    class Meta:
        verbose_name = _("review event")
        verbose_name_plural = _("review events")
        ordering = ["at", "id"]
        # The dashboard's range queries at 100,000 claims and more. Created by the dashboard's
        # migrations, recorded here by 0006_dashboard_indexes (which shortened two names).
        indexes = [
            # Publications per week: `to_status = 'published' AND at >= ...`.
            models.Index(fields=["to_status", "at"], name="event_to_status_at_idx"),
            # Time in status: the reviews that moved in the window, `at >= ...`.
            models.Index(fields=["at"], name="dashboard_event_at_idx"),
            # Verdicts waiting for approval: each one's latest entry into in_review.
            models.Index(fields=["review", "to_status", "at"], name="event_review_status_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or '∅'} → {self.get_to_status_display()}"

    def note_text(self) -> str:
        """The note in the reader's language: the system's words and the person's own."""
        return note_text(self.note_code, self.note_values, self.note)


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
    # The earlier verdict this publication cites (closed as already checked), as it was approved.
    based_on = models.ForeignKey(
        Review, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("based on the verdict"),
    )
    # Blank for verdicts published before summaries were written: ClaimReview then cuts the claim.
    claim_summary = models.CharField(_("claim summary"), max_length=75, blank=True)

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
