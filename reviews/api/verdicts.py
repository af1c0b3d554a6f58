"""Published verdicts for anyone: JSON, ClaimReview JSON-LD, the rating scale, the HTML page.

A verdict is a review in status `published`; what it says comes from its VerdictRevisions
(the published record), so every earlier rating stays visible with its correction note.
"""

import hashlib
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import http_date, parse_http_date_safe
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Language
from reviews.api.serializers import (
    PublicSourceSerializer,
    RatingFieldsMixin,
    RatingScaleSerializer,
    VerdictRevisionSerializer,
    public_source,
)
from reviews.claimreview import claim_review, json_ld_script, verdict_page_url
from reviews.models import Review, VerdictRevision
from reviews.ratings import BEST_RATING, SCALE, WORST_RATING, Rating
from reviews.workflow import ReviewStatus


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def published_verdicts() -> QuerySet[Review]:
    return (
        Review.objects.filter(status=ReviewStatus.PUBLISHED)
        .select_related("claim", "claim__article")
        .defer("claim__article__body")
        .prefetch_related(Prefetch("revisions", queryset=VerdictRevision.objects.order_by("number")))
    )


# --- serializers ------------------------------------------------------------------------------


class VerdictClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.CharField()
    language = serializers.CharField()
    speaker = serializers.CharField(allow_blank=True)


class VerdictArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    outlet = serializers.CharField(allow_blank=True)
    published_on = serializers.DateField()


class VerdictSerializer(RatingFieldsMixin, serializers.ModelSerializer):
    """Everything a reader needs; withheld sources appear as their public description."""

    claim = serializers.SerializerMethodField()
    article = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()
    revision = serializers.SerializerMethodField()
    correction_note = serializers.SerializerMethodField()
    first_published_at = serializers.SerializerMethodField()
    earlier_revisions = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id", "claim", "rating", "rating_label", "rating_value", "explanation", "sources", "article",
            "revision", "correction_note", "first_published_at", "published_at", "updated_at", "earlier_revisions",
            "page_url",
        ]
        read_only_fields = fields

    def _revisions(self, review: Review) -> list[VerdictRevision]:
        return list(review.revisions.all())  # prefetched, ordered by number

    def _current(self, review: Review) -> VerdictRevision | None:
        revisions = self._revisions(review)
        return revisions[-1] if revisions else None

    @extend_schema_field(VerdictClaimSerializer)
    def get_claim(self, review: Review) -> dict[str, Any]:
        claim = review.claim
        return {"id": claim.pk, "text": claim.text, "kind": claim.kind, "language": claim.language,
                "speaker": claim.speaker}

    @extend_schema_field(VerdictArticleSerializer)
    def get_article(self, review: Review) -> dict[str, Any]:
        article = review.claim.article
        return {"id": article.pk, "title": article.title, "url": article.url, "outlet": article.outlet,
                "published_on": article.published_on.isoformat()}

    def get_explanation(self, review: Review) -> str:
        current = self._current(review)
        return current.explanation if current else review.explanation

    @extend_schema_field(PublicSourceSerializer(many=True))
    def get_sources(self, review: Review) -> list[dict[str, Any]]:
        current = self._current(review)
        return [public_source(snapshot) for snapshot in (current.sources if current else [])]

    def get_revision(self, review: Review) -> int:
        current = self._current(review)
        return current.number if current else 0

    def get_correction_note(self, review: Review) -> str:
        current = self._current(review)
        return current.correction_note if current else ""

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_first_published_at(self, review: Review) -> str | None:
        revisions = self._revisions(review)
        return serializers.DateTimeField().to_representation(revisions[0].published_at) if revisions else None

    @extend_schema_field(VerdictRevisionSerializer(many=True))
    def get_earlier_revisions(self, review: Review) -> list[dict[str, Any]]:
        earlier = self._revisions(review)[:-1]
        return VerdictRevisionSerializer(reversed(earlier), many=True, context=self.context).data

    def get_page_url(self, review: Review) -> str:
        return verdict_page_url(review, self.context.get("request"))


# --- filters, pages, conditional requests ----------------------------------------------------


class VerdictFilter(filters.FilterSet):
    language = filters.ChoiceFilter(field_name="claim__language", choices=Language.choices)
    rating = filters.ChoiceFilter(choices=Rating.choices)
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    q = filters.CharFilter(method="filter_text", help_text="Words in the claim's text.")

    class Meta:
        model = Review
        fields = ["language", "rating", "updated_since", "q"]

    def filter_text(self, queryset: QuerySet[Review], name: str, value: str) -> QuerySet[Review]:
        for word in value.split()[:10]:
            queryset = queryset.filter(claim__text__icontains=word)
        return queryset


class VerdictCursor(CursorPagination):
    # Newest first by id: the primary key index serves every page, so a deep page costs what
    # the first one does (no OFFSET, no COUNT).
    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


def not_modified(request: Request, etag: str, last_modified: float | None) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return "*" in tags or etag in tags
    if_modified_since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return bool(last_modified is not None and if_modified_since is not None and int(last_modified) <= if_modified_since)


def conditional(request: Request, etag: str, last_modified: float | None, build: Any) -> Response:
    """304 when the caller has this representation already, else `build()`; both carry validators."""
    response = Response(status=304) if not_modified(request, etag, last_modified) else build()
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Vary"] = "Accept, Accept-Encoding"
    return response


def representation_tag(request: Request, parts: list[Any]) -> str:
    fmt = getattr(request.accepted_renderer, "format", "json")
    digest = hashlib.sha256(repr((fmt, request.get_full_path(), parts)).encode()).hexdigest()[:32]
    return f'"{digest}"'


# --- views ------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Published verdicts, newest first (cursor pages, ETag)"),
    retrieve=extend_schema(
        summary="A published verdict (JSON, or ClaimReview with Accept: application/ld+json)",
        responses={200: VerdictSerializer, 304: OpenApiResponse(description="Not modified.")},
    ),
)
class VerdictViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [AllowAny]
    serializer_class = VerdictSerializer
    pagination_class = VerdictCursor
    filterset_class = VerdictFilter

    def get_queryset(self) -> QuerySet[Review]:
        return published_verdicts()

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.action in {"retrieve", "claimreview"}:
            renderers.append(JSONLDRenderer())
        return renderers

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = page or []
        tag = representation_tag(request, [(review.pk, review.version) for review in rows])
        last_modified = max((review.updated_at.timestamp() for review in rows), default=None)
        return conditional(
            request, tag, last_modified,
            lambda: self.get_paginated_response(self.get_serializer(rows, many=True).data),
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        review = self.get_object()
        tag = representation_tag(request, [review.pk, review.version])
        if getattr(request.accepted_renderer, "format", "") == "jsonld":
            return conditional(request, tag, review.updated_at.timestamp(),
                               lambda: Response(claim_review(review, request)))
        return conditional(request, tag, review.updated_at.timestamp(),
                           lambda: Response(self.get_serializer(review).data))

    @extend_schema(
        summary="The verdict as schema.org ClaimReview JSON-LD",
        responses={200: OpenApiResponse(description="ClaimReview JSON-LD")},
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONLDRenderer, JSONRenderer], filter_backends=[])
    def claimreview(self, request: Request, pk: str | None = None) -> Response:
        review = self.get_object()
        tag = representation_tag(request, [review.pk, review.version])
        return conditional(request, tag, review.updated_at.timestamp(),
                           lambda: Response(claim_review(review, request)))


class RatingScaleView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=RatingScaleSerializer, summary="The rating scale: values, numbers, labels, definitions")
    def get(self, request: Request) -> Response:
        return Response({
            "best_rating": BEST_RATING,
            "worst_rating": WORST_RATING,
            "ratings": [
                {"value": str(level.value), "label": level.label, "number": level.number,
                 "definition": level.definition}
                for level in SCALE
            ],
        })


def verdict_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The public HTML page of a verdict, with its ClaimReview embedded for search engines."""
    review = published_verdicts().filter(pk=pk).first()
    if review is None:
        raise Http404("No published verdict with this id.")
    data = VerdictSerializer(review, context={"request": request}).data
    return render(request, "reviews/verdict_page.html", {
        "verdict": data,
        "claim_review_script": json_ld_script(claim_review(review, request)),
    })
