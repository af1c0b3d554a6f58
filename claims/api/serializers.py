"""Serializers of articles and claims. Explicit fields; extraction and review state read-only."""

import datetime
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import Article, Claim, Language
from reviews.api.serializers import (
    ReviewDetailSerializer,
    ReviewEventSerializer,
    ReviewSummarySerializer,
    SourceSerializer,
    StrictInputSerializer,
    VerdictRevisionSerializer,
)
from reviews.workflow.roles import is_fact_checker

# --- articles ------------------------------------------------------------------------------


class ArticleIngestSerializer(StrictInputSerializer):
    """One of `body` (plain text), `html` (main text found by trafilatura) or `url` alone
    (the page is fetched, then treated as `html`)."""

    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    body = serializers.CharField(required=False, allow_blank=False, trim_whitespace=True)
    html = serializers.CharField(required=False, allow_blank=False, trim_whitespace=False)
    url = serializers.URLField(max_length=2000, required=False, allow_null=True)
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
    language = serializers.ChoiceField(choices=Language.choices, required=False, allow_blank=True, default="")
    outlet = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = [name for name in ("body", "html") if attrs.get(name)]
        if len(given) > 1:
            raise serializers.ValidationError({"body": "Send either body or html, not both."})
        if not given and not attrs.get("url"):
            raise serializers.ValidationError({"body": "Send the article as body (text), html, or url."})
        return attrs


class ArticleClaimSerializer(serializers.ModelSerializer):
    review = ReviewSummarySerializer(read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "kind", "text", "language", "span_start", "span_end", "checkworthiness", "review"]
        read_only_fields = fields


class ArticleSerializer(serializers.ModelSerializer):
    # Declared so the schema knows "" (not yet detected) is a value; read-only model fields lose it.
    language = serializers.ChoiceField(choices=Language.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Article
        fields = [
            "id", "title", "url", "outlet", "language", "published_on", "extraction_status", "extraction_error",
            "extraction_note", "extracted_at", "created_at",
        ]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    """An article with its text; its claims are pages of their own (`claims_url`)."""

    body = serializers.CharField(read_only=True)
    claims_url = serializers.SerializerMethodField()

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body", "claims_url"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_claims_url(self, article: Article) -> str:
        path = reverse("article-claims", args=[article.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class ArticleIngestedSerializer(ArticleSerializer):
    """The answer to an ingest: the article, whether it is new, and where its text came from."""

    created = serializers.BooleanField(read_only=True)
    text_from = serializers.ChoiceField(
        choices=["body", "html", "url"], read_only=True,
        help_text="Where the text came from; `url`: the page is fetched by a task (extraction_status `fetching`).",
    )

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "created", "text_from"]
        read_only_fields = fields


# --- claims ---------------------------------------------------------------------------------


class ArticleSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "title", "url", "outlet", "published_on"]
        read_only_fields = fields


class ClaimSerializer(serializers.ModelSerializer):
    article = ArticleSummarySerializer(read_only=True)
    review = ReviewSummarySerializer(read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id", "article", "kind", "text", "language", "speaker", "checkworthiness", "check_after", "created_at",
            "review",
        ]
        read_only_fields = fields


class QuantitySerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True)
    upper = serializers.FloatField(allow_null=True)
    comparator = serializers.CharField(allow_blank=True)
    unit = serializers.CharField(allow_blank=True)
    subject = serializers.CharField(allow_blank=True)


class DateWindowSerializer(serializers.Serializer):
    earliest = serializers.DateField(allow_null=True)
    latest = serializers.DateField(allow_null=True)
    text = serializers.CharField(allow_blank=True)


class ClaimDetailSerializer(ClaimSerializer):
    review = ReviewDetailSerializer(read_only=True)
    quantity = serializers.SerializerMethodField()
    date = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()
    revisions = serializers.SerializerMethodField()

    class Meta(ClaimSerializer.Meta):
        fields = [
            *ClaimSerializer.Meta.fields, "span_start", "span_end", "quantity", "date", "sources", "events",
            "revisions",
        ]
        read_only_fields = fields

    @extend_schema_field(QuantitySerializer(allow_null=True))
    def get_quantity(self, claim: Claim) -> dict[str, Any] | None:
        if claim.quantity_value is None:
            return None
        return {
            "value": claim.quantity_value,
            "upper": claim.quantity_upper,
            "comparator": claim.quantity_comparator,
            "unit": claim.quantity_unit,
            "subject": claim.quantity_subject,
        }

    @extend_schema_field(DateWindowSerializer(allow_null=True))
    def get_date(self, claim: Claim) -> dict[str, datetime.date | str | None] | None:
        if claim.date_earliest is None and not claim.date_text:
            return None
        return {"earliest": claim.date_earliest, "latest": claim.date_latest, "text": claim.date_text}

    def _review(self, claim: Claim):
        return getattr(claim, "review", None)

    @extend_schema_field(SourceSerializer(many=True))
    def get_sources(self, claim: Claim) -> list[dict[str, Any]]:
        review = self._review(claim)
        if review is None:
            return []
        return list(SourceSerializer(review.sources.all(), many=True, context=self.context).data)

    @extend_schema_field(ReviewEventSerializer(many=True))
    def get_events(self, claim: Claim) -> list[dict[str, Any]]:
        # The audit log names newsroom staff: for the newsroom only.
        request = self.context.get("request")
        review = self._review(claim)
        if review is None or not is_fact_checker(getattr(request, "user", None)):
            return []
        return list(ReviewEventSerializer(review.events.all(), many=True, context=self.context).data)

    @extend_schema_field(VerdictRevisionSerializer(many=True))
    def get_revisions(self, claim: Claim) -> list[dict[str, Any]]:
        review = self._review(claim)
        if review is None:
            return []
        return list(VerdictRevisionSerializer(review.revisions.all(), many=True, context=self.context).data)
