"""Re-checks: check-again dates of published verdicts, suggested evidence, notices."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.models import Claim
from reviews.workflow.models import Review, ReviewEvent, Source


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
    # The claim matcher (claims.matching) found one of the article's claims alike, in any language.
    CLAIM_MATCH = "claim_match", _("says the same or alike")


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
        return gettext("%(why)s: article %(id)s") % {"why": self.get_matched_by_display(), "id": self.article_id}


class NoticeReason(models.TextChoices):
    RECHECK_DUE = "recheck_due", _("re-check date arrived")
    VERDICT_DUE = "verdict_due", _("published verdict's check-again date arrived")
    SUBMITTED = "submitted", _("verdict submitted")


class Notice(models.Model):
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


