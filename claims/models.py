"""Articles as they arrived, and the checkable claims pulled out of them."""

import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def search_folded(*parts: str | None) -> str:
    """Text as the admin's search compares it: NFKC, case-folded, one space between words.

    SQLite's LIKE folds only ASCII case and PostgreSQL's depends on the database's locale, so
    searching "сирия" for "Сирия" needs the text folded once, in Python, on both.
    """
    text = " ".join(part for part in parts if part)
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


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


class ArticleOrigin(models.TextChoices):
    SUBMITTED = "submitted", _("submitted (text, HTML or URL)")
    FEED = "feed", _("an outlet's feed")
    SITEMAP = "sitemap", _("an outlet's news sitemap")


class Article(models.Model):
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("body"))
    url = models.URLField(_("URL"), max_length=2000, null=True, blank=True, unique=True)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    published_on = models.DateField(_("published on"))
    # sha256 of the normalised body: the same text is stored once, whoever sends it.
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True, editable=False)
    # search_folded(title, outlet, url), kept by save(): the admin's search reads it.
    search_text = models.TextField(editable=False, default="")
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
    origin = models.CharField(
        _("came from"), max_length=10, choices=ArticleOrigin.choices, default=ArticleOrigin.SUBMITTED
    )
    feed_source = models.ForeignKey(
        "claims.FeedSource", on_delete=models.SET_NULL, null=True, blank=True, related_name="articles",
        verbose_name=_("feed or sitemap"),
    )
    # A near-duplicate (a wire story republished) points at the first article of its story;
    # its claims are not extracted again.
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="near_duplicates",
        verbose_name=_("same story as"),
    )
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

    def save(self, *args, **kwargs) -> None:
        self.search_text = search_folded(self.title, self.outlet, self.url)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "outlet", "url"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


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


class SpeakerKind(models.TextChoices):
    """Set by the extractor where the words tell, corrected by the fact-checker; blank: unknown."""

    PERSON = "person", _("person")
    ORGANISATION = "organisation", _("organisation")


class ClaimQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for claim in objs:
            claim.search_text = claim.searched_text()
        return super().bulk_create(objs, *args, **kwargs)


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
    speaker_kind = models.CharField(_("kind of speaker"), max_length=12, choices=SpeakerKind.choices, blank=True)
    # A duplicate merged into another claim points to the claim that was kept.
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged",
        verbose_name=_("merged into"),
    )
    check_after = models.DateField(_("check after"), null=True, blank=True)
    checkworthiness = models.FloatField(_("check-worthiness"), default=0.0)

    # What the extractor found, independent of its score: re-extraction matches on it, so a
    # second run stores no duplicates and leaves claims under review alone.
    extraction_key = models.CharField(max_length=64, editable=False)
    # The claim, its speaker and subject, its article's title and outlet, search_folded: kept
    # by save() and bulk_create (articles are never edited after ingest).
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ClaimQuerySet.as_manager()

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

    def save(self, *args, **kwargs) -> None:
        self.search_text = self.searched_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def searched_text(self) -> str:
        article = self.article
        return search_folded(self.text, self.speaker, self.quantity_subject, article.title, article.outlet)


# --- Media monitoring: the outlets a newsroom watches, their feeds and sitemaps, every entry
# seen in them, near-duplicate stories, and other fact-checkers' verdicts (claims/monitoring/).
class Outlet(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    home_page = models.URLField(_("home page"), max_length=500, blank=True)
    # Comma-separated language codes ("kk,ru"): most outlets publish in one or two.
    languages = models.CharField(_("languages"), max_length=50, blank=True)
    # A fact-checker's own feed brings ClaimReview markup as well as articles.
    is_fact_checker = models.BooleanField(_("is a fact-checker"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS or Atom feed")
    SITEMAP = "sitemap", _("news sitemap")


class FeedSource(models.Model):
    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="sources", verbose_name=_("outlet"))
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices, default=SourceKind.FEED)
    url = models.URLField(_("URL"), max_length=2000, unique=True)
    poll_minutes = models.PositiveIntegerField(_("poll every (minutes)"), default=15)
    enabled = models.BooleanField(_("enabled"), default=True)
    # The beat sweep polls sources whose due_at has come: a column and an index, never an ETA.
    due_at = models.DateTimeField(_("next poll due"), default=timezone.now)
    # Set while a worker polls the source: a second sweep does not claim it again until it expires.
    polling_until = models.DateTimeField(_("polling until"), null=True, blank=True, editable=False)
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    last_entry_at = models.DateTimeField(_("newest entry seen"), null=True, blank=True)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # What the last poll found and what it skipped, each with its reason.
    last_report = models.TextField(_("last poll"), blank=True)
    disabled_reason = models.TextField(_("why it was switched off"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("feed or sitemap")
        verbose_name_plural = _("feeds and sitemaps")
        ordering = ["outlet__name", "url"]
        indexes = [
            # The sweep: enabled sources whose due date has come, oldest first.
            models.Index(fields=["enabled", "due_at"], name="feedsource_due_idx"),
        ]

    def __str__(self) -> str:
        return self.url


class EntryStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be fetched")
    STORED = "stored", _("stored")
    DUPLICATE = "duplicate", _("same text as a stored article")
    FAILED = "failed", _("failed")


class FeedEntry(models.Model):
    """One URL seen in a feed or sitemap: the record that it is never fetched twice."""

    # The URL after normalisation (scheme, host case, tracking parameters): unique, so the same
    # story in two feeds, or seen again in the next poll, is fetched once.
    url = models.CharField(_("URL"), max_length=2000, unique=True)
    # The link as the feed gave it: the page is fetched here.
    link = models.URLField(_("link"), max_length=2000)
    source = models.ForeignKey(FeedSource, on_delete=models.CASCADE, related_name="entries", verbose_name=_("source"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.PENDING)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    article = models.ForeignKey(
        "claims.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="appearances",
        verbose_name=_("article"),
    )
    seen_at = models.DateTimeField(_("seen at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("feed entry")
        verbose_name_plural = _("feed entries")
        ordering = ["-seen_at", "-id"]
        indexes = [
            # The stalled-entry sweep: pending entries whose task was lost.
            models.Index(fields=["status", "updated_at"], name="feedentry_pending_idx"),
        ]

    def __str__(self) -> str:
        return self.url


class StoryBand(models.Model):
    """One LSH band of an article's MinHash: articles sharing a band are near-duplicate candidates."""

    article = models.ForeignKey("claims.Article", on_delete=models.CASCADE, related_name="story_bands")
    band = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("story band")
        verbose_name_plural = _("story bands")
        # Internal to near-duplicate detection: nobody is granted anything on it.
        default_permissions = ()
        indexes = [models.Index(fields=["band"], name="storyband_band_idx")]

    def __str__(self) -> str:
        return self.band


class StorySignature(models.Model):
    article = models.OneToOneField("claims.Article", on_delete=models.CASCADE, related_name="story_signature")
    # The MinHash values as little-endian uint64 bytes: the estimated Jaccard similarity of two
    # candidates is compared on them, so a band collision alone never links two stories.
    hashvalues = models.BinaryField()

    class Meta:
        verbose_name = _("story signature")
        verbose_name_plural = _("story signatures")
        default_permissions = ()

    def __str__(self) -> str:
        return f"story signature of article {self.article_id}"


class ExternalVerdict(models.Model):
    """Another fact-checker's published verdict, from their ClaimReview markup."""

    # The review's URL, or its `identifier` when it has none: verdicts are stored once by it.
    key = models.CharField(_("key"), max_length=2000, unique=True, editable=False)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    claim_reviewed = models.TextField(_("claim reviewed"))
    rating_text = models.CharField(_("rating"), max_length=300, blank=True)
    rating_value = models.FloatField(_("rating value"), null=True, blank=True)
    rating_best = models.FloatField(_("best rating"), null=True, blank=True)
    rating_worst = models.FloatField(_("worst rating"), null=True, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    publisher_url = models.URLField(_("publisher URL"), max_length=2000, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=20, blank=True)
    claim_author = models.CharField(_("claim made by"), max_length=300, blank=True)
    claim_appearance = models.URLField(_("claim appeared at"), max_length=2000, blank=True)
    licence = models.CharField(_("markup licence"), max_length=500, blank=True)
    imported_from = models.CharField(_("imported from"), max_length=2000, blank=True)
    outlet = models.ForeignKey(
        Outlet, on_delete=models.SET_NULL, null=True, blank=True, related_name="verdicts", verbose_name=_("outlet")
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("other fact-checker's verdict")
        verbose_name_plural = _("other fact-checkers' verdicts")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["publisher", "published_on"], name="externalverdict_pub_idx")]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.rating_text}"


class MatchingStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ClaimSignature(models.Model):
    """What the matcher keeps of a claim (claims.matching.Prepared), so the index is rebuilt from rows.

    The vector is the float32 bytes of the embedding (384 values), not a JSON list; the
    signature is the extractor's figures and dates with the claim's words. `status` says
    whether the claim has been matched against those stored before it; a failure keeps its
    reason and the sweep retries it.
    """

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="signature", verbose_name=_("claim"))
    vector = models.BinaryField(_("vector"), null=True, blank=True)
    embedding = models.CharField(_("embedding"), max_length=100, blank=True)
    signature = models.JSONField(_("signature"), default=dict)
    matcher_version = models.CharField(_("matcher version"), max_length=20, blank=True)
    status = models.CharField(_("matching"), max_length=10, choices=MatchingStatus.choices,
                              default=MatchingStatus.PENDING)
    error = models.TextField(_("matching error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("matching attempts"), default=0)
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("claim signature")
        verbose_name_plural = _("claim signatures")
        indexes = [
            # The matching sweep: pending or failed signatures, oldest first.
            models.Index(fields=["status", "updated_at"], name="signature_matching_idx"),
        ]

    def __str__(self) -> str:
        return f"signature of claim {self.claim_id}"


class ExternalVerdictSignature(models.Model):
    """What the matcher keeps of another fact-checker's verdict (its claimReviewed), like
    ClaimSignature for our claims: the index is rebuilt from these rows too, and a verdict
    imported again with another text is signed again (its `updated_at` is newer)."""

    verdict = models.OneToOneField(ExternalVerdict, on_delete=models.CASCADE, related_name="signature",
                                   verbose_name=_("other fact-checker's verdict"))
    vector = models.BinaryField(_("vector"), null=True, blank=True)
    embedding = models.CharField(_("embedding"), max_length=100, blank=True)
    signature = models.JSONField(_("signature"), default=dict)
    matcher_version = models.CharField(_("matcher version"), max_length=20, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("verdict signature")
        verbose_name_plural = _("verdict signatures")
        default_permissions = ()

    def __str__(self) -> str:
        return f"signature of external verdict {self.verdict_id}"


class MatchTier(models.TextChoices):
    SAME = "same", _("same claim")
    RELATED = "related", _("related")


class MatchState(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class ClaimMatch(models.Model):
    """A claim stored earlier, or another fact-checker's verdict, that the matcher found alike:
    "checked before?", with its reason. Exactly one of `matched` and `external_verdict` is set."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches", verbose_name=_("claim"))
    matched = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matched_by", null=True, blank=True,
                                verbose_name=_("matched claim"))
    external_verdict = models.ForeignKey(ExternalVerdict, on_delete=models.CASCADE, related_name="matches",
                                         null=True, blank=True, verbose_name=_("other fact-checker's verdict"))
    score = models.FloatField(_("score"))
    tier = models.CharField(_("tier"), max_length=10, choices=MatchTier.choices)
    why = models.CharField(_("why"), max_length=500, blank=True)
    conflict = models.CharField(_("conflict"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=MatchState.choices, default=MatchState.SUGGESTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("claim match")
        verbose_name_plural = _("claim matches")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "matched"], name="claim_match_once"),
            models.UniqueConstraint(fields=["claim", "external_verdict"], name="claim_match_external_once"),
            models.CheckConstraint(
                condition=models.Q(matched__isnull=False, external_verdict__isnull=True)
                | models.Q(matched__isnull=True, external_verdict__isnull=False),
                name="claim_match_one_earlier",
            ),
            models.CheckConstraint(condition=~models.Q(claim=models.F("matched")), name="claim_match_not_itself"),
            # Never "same" where a figure, date or place disagrees.
            models.CheckConstraint(condition=~models.Q(tier="same") | models.Q(conflict=""),
                                   name="claim_match_same_has_no_conflict"),
        ]

    def __str__(self) -> str:
        earlier = self.matched_id if self.matched_id is not None else f"external {self.external_verdict_id}"
        return f"{self.claim_id} ~ {earlier} ({self.tier} {self.score:.2f})"

    @property
    def earlier_text(self) -> str:
        """The text matched: the earlier claim's, or the claim the other fact-checker reviewed."""
        if self.matched is not None:
            return self.matched.text
        return self.external_verdict.claim_reviewed if self.external_verdict is not None else ""
