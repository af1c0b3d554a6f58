"""Articles as they arrived, and the checkable claims pulled out of them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")


class ExtractionStatus(models.TextChoices):
    # A URL sent to the API: its page is being fetched by a task, then extraction is pending.
    FETCHING = "fetching", _("fetching")
    PENDING = "pending", _("pending")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Article(models.Model):
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("body"))
    url = models.URLField(_("URL"), max_length=2000, null=True, blank=True, unique=True)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    published_on = models.DateField(_("published on"))
    # sha256 of the normalised body: the same text is stored once, whoever sends it.
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True, editable=False)
    extraction_status = models.CharField(
        _("extraction status"),
        max_length=10,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    extraction_error = models.TextField(_("extraction error"), blank=True)
    # What extraction left out and why (claims over ARTICLE_MAX_CLAIMS, repeated sentences).
    extraction_note = models.TextField(_("extraction note"), blank=True)
    extraction_attempts = models.PositiveSmallIntegerField(_("extraction attempts"), default=0)
    # A failure the stalled-work sweep may retry (database or broker trouble), as opposed to
    # one that would fail the same way again.
    extraction_retryable = models.BooleanField(_("retryable failure"), default=False)
    extractor_version = models.CharField(_("extractor version"), max_length=20, blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), null=True, blank=True)
    # The API client that sent it: a client without a newsroom role sees its own articles and
    # those with a published verdict.
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ingested by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_on", "-id"]
        indexes = [
            # The stalled-extraction sweep looks for old pending or failed articles.
            models.Index(fields=["extraction_status", "updated_at"], name="article_extraction_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ClaimKind(models.TextChoices):
    QUANTITY = "quantity", _("quantity")
    EVENT = "event", _("event")
    SCHEDULED = "scheduled", _("scheduled")
    STATEMENT = "statement", _("statement")


class Comparator(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    MORE_THAN = "more_than", _("more than")
    AT_MOST = "at_most", _("at most")
    LESS_THAN = "less_than", _("less than")
    ABOUT = "about", _("about")
    BETWEEN = "between", _("between")
    EXACTLY = "exactly", _("exactly")


class Claim(models.Model):
    """One checkable claim, with every field of the extraction contract."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="claims", verbose_name=_("article")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ClaimKind.choices)
    text = models.TextField(_("text"))
    span_start = models.PositiveIntegerField(_("start"))
    span_end = models.PositiveIntegerField(_("end"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)

    quantity_value = models.FloatField(_("value"), null=True, blank=True)
    quantity_upper = models.FloatField(_("upper value"), null=True, blank=True)
    quantity_comparator = models.CharField(
        _("comparator"), max_length=10, choices=Comparator.choices, blank=True
    )
    quantity_unit = models.CharField(_("unit"), max_length=40, blank=True)
    quantity_subject = models.CharField(_("counted"), max_length=300, blank=True)
    quantity_span_start = models.PositiveIntegerField(null=True, blank=True)
    quantity_span_end = models.PositiveIntegerField(null=True, blank=True)

    date_earliest = models.DateField(_("earliest date"), null=True, blank=True)
    date_latest = models.DateField(_("latest date"), null=True, blank=True)
    date_text = models.CharField(_("date as written"), max_length=300, blank=True)
    date_span_start = models.PositiveIntegerField(null=True, blank=True)
    date_span_end = models.PositiveIntegerField(null=True, blank=True)

    speaker = models.CharField(_("speaker"), max_length=300, blank=True)
    check_after = models.DateField(_("check after"), null=True, blank=True)
    checkworthiness = models.FloatField(_("check-worthiness"), default=0.0)

    # What the extractor found, independent of its score: re-extraction matches on it, so a
    # second run stores no duplicates and leaves claims under review alone.
    extraction_key = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-checkworthiness", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "extraction_key"], name="claim_once_per_article"),
            models.CheckConstraint(condition=models.Q(span_end__gte=models.F("span_start")), name="claim_span_ordered"),
            models.CheckConstraint(
                condition=models.Q(date_earliest__isnull=True)
                | models.Q(date_latest__gte=models.F("date_earliest")),
                name="claim_date_window_ordered",
            ),
        ]
        indexes = [
            # The review queue: claims of a kind, most check-worthy first.
            models.Index(fields=["kind", "-checkworthiness"], name="claim_queue_idx"),
            # Re-checks look up claims whose date has come.
            models.Index(fields=["check_after"], name="claim_check_after_idx"),
            # The dashboard's claims opened per week: a range scan on created_at. Created by the
            # dashboard's migration 0001 (hence the name), recorded here by 0002_dashboard_index.
            models.Index(fields=["created_at"], name="dashboard_claim_created_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
