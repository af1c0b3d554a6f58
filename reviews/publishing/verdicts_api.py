"""Published verdicts for anyone: JSON, ClaimReview JSON-LD, the rating scale, the HTML page.

A verdict is a review in status `published`; what it says comes from its VerdictRevisions
(the published record), so every earlier rating stays visible with its correction note.
"""

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import JSONField, Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Language
from reviews.api.serializers import (
    PublicSourceSerializer,
    RatingScaleSerializer,
    VerdictRevisionSerializer,
    public_source,
)
from reviews.publishing.claimreview import claim_review, json_ld_script
from reviews.workflow.models import Review, VerdictRevision
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.ratings import BEST_RATING, SCALE, WORST_RATING, Rating


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def published_verdicts(*, prefetch: bool = True) -> QuerySet[Review]:
    verdicts = Review.objects.filter(status=ReviewStatus.PUBLISHED)
    if not prefetch:
        return verdicts
    return (
        verdicts.select_related("claim", "claim__article")
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


class VerdictSerializer(serializers.Serializer):
    """The shape of a verdict, for the schema. The data itself comes from `verdict_data`: a
    page of 50 built field by field through serializers cost several times its queries."""

    id = serializers.IntegerField()
    claim = VerdictClaimSerializer()
    rating = serializers.ChoiceField(choices=Rating.choices)
    rating_label = serializers.CharField()
    rating_value = serializers.IntegerField(allow_null=True, min_value=WORST_RATING, max_value=BEST_RATING)
    explanation = serializers.CharField()
    sources = PublicSourceSerializer(many=True)
    article = VerdictArticleSerializer()
    revision = serializers.IntegerField(help_text="The number of the publication shown (2 and up: corrected).")
    correction_note = serializers.CharField(allow_blank=True)
    first_published_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()
    earlier_revisions = VerdictRevisionSerializer(many=True)
    page_url = serializers.URLField()


# What a verdict reads from the review, its claim and article, and, as one JSON array, its
# revisions (the published record: rating, explanation, sources): one query per page. The
# array is built by the database (a correlated subquery on the (review, number) index), as
# raw SQL per vendor: Django compiles it at no cost, where ORM subqueries or a second query
# for the revisions cost more than the whole bare page.
VERDICT_COLUMNS = (
    "id", "version", "rating", "published_at", "updated_at", "claim_id", "claim__text", "claim__kind",
    "claim__language", "claim__speaker", "claim__article_id", "claim__article__title", "claim__article__url",
    "claim__article__outlet", "claim__article__published_on", "revisions_json",
)
_REVISIONS_SQL = {
    "postgresql": """(
        SELECT json_agg(json_build_object(
            'number', r.number, 'rating', r.rating, 'explanation', r.explanation, 'sources', r.sources,
            'published_at', r.published_at, 'correction_note', r.correction_note) ORDER BY r.number)::text
        FROM reviews_verdictrevision r WHERE r.review_id = reviews_review.id)""",
    "sqlite": """(
        SELECT json_group_array(json_object(
            'number', r.number, 'rating', r.rating, 'explanation', r.explanation, 'sources', json(r.sources),
            'published_at', r.published_at, 'correction_note', r.correction_note))
        FROM (SELECT * FROM reviews_verdictrevision WHERE review_id = reviews_review.id ORDER BY number) r)""",
}


def verdict_rows(queryset: QuerySet[Review]) -> QuerySet[Review]:
    """`queryset` as VERDICT_COLUMNS rows (dicts), for `verdict_data`."""
    revisions = RawSQL(_REVISIONS_SQL[connection.vendor], (), output_field=JSONField())  # noqa: S611 (constant SQL)
    return queryset.annotate(revisions_json=revisions).values(*VERDICT_COLUMNS)


def _instant(value: str) -> datetime.datetime:
    """A timestamp from the revisions JSON: ISO with an offset (PostgreSQL), or naive UTC (SQLite)."""
    instant = datetime.datetime.fromisoformat(value)
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=datetime.UTC)


def revisions_in(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The verdict's revisions, oldest first."""
    return [
        {**revision, "published_at": _instant(revision["published_at"])} for revision in row["revisions_json"] or []
    ]


def _when(value: datetime.datetime | None) -> str | None:
    """As DRF's DateTimeField writes it (the current time zone, ISO 8601), at a tenth of the cost."""
    if value is None:
        return None
    text = value.astimezone(timezone.get_current_timezone()).isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def rating_labels() -> dict[str, tuple[str, int | None]]:
    return {"": ("", None), **{str(level.value): (level.label, level.number) for level in SCALE}}


def revision_data(row: dict[str, Any], labels: dict[str, tuple[str, int | None]]) -> dict[str, Any]:
    label, number = labels[row["rating"]]
    return {
        "number": row["number"], "rating": row["rating"], "rating_label": label, "rating_value": number,
        "explanation": row["explanation"], "sources": [public_source(source) for source in row["sources"] or []],
        "published_at": _when(row["published_at"]), "correction_note": row["correction_note"],
    }


def verdict_data(rows: list[dict[str, Any]], request: Any = None) -> list[dict[str, Any]]:
    """Verdicts as the API shows them, from `verdict_rows` rows."""
    labels = rating_labels()
    page_path = reverse("verdict-page", args=[0]).removesuffix("0/")
    page_base = (
        request.build_absolute_uri(page_path)
        if request is not None
        else settings.SITE_URL + page_path
    )
    verdicts = []
    for row in rows:
        published = revisions_in(row)
        # A published review always has a revision (approve writes it); the review's own
        # rating is only a fallback.
        current = published[-1] if published else None
        rating = current["rating"] if current else row["rating"]
        label, number = labels[rating]
        verdicts.append({
            "id": row["id"],
            "claim": {"id": row["claim_id"], "text": row["claim__text"], "kind": row["claim__kind"],
                      "language": row["claim__language"], "speaker": row["claim__speaker"]},
            "rating": rating,
            "rating_label": label,
            "rating_value": number,
            "explanation": current["explanation"] if current else "",
            "sources": [public_source(source) for source in current["sources"] or []] if current else [],
            "article": {"id": row["claim__article_id"], "title": row["claim__article__title"],
                        "url": row["claim__article__url"], "outlet": row["claim__article__outlet"],
                        "published_on": row["claim__article__published_on"].isoformat()},
            "revision": current["number"] if current else 0,
            "correction_note": current["correction_note"] if current else "",
            "first_published_at": _when(published[0]["published_at"]) if published else None,
            "published_at": _when(row["published_at"]),
            "updated_at": _when(row["updated_at"]),
            "earlier_revisions": [revision_data(revision, labels) for revision in reversed(published[:-1])],
            "page_url": f"{page_base}{row['id']}/",
        })
    return verdicts


def verdict_of(review_id: int, request: Any = None) -> dict[str, Any] | None:
    rows = list(verdict_rows(published_verdicts(prefetch=False).filter(pk=review_id)))
    return verdict_data(rows, request)[0] if rows else None


# --- filters, pages, conditional requests ----------------------------------------------------


class VerdictFilter(filters.FilterSet):
    language = filters.ChoiceFilter(field_name="claim__language", choices=Language.choices)
    rating = filters.ChoiceFilter(choices=Rating.choices)
    updated_since = filters.IsoDateTimeFilter(method="filter_updated_since", help_text="ISO 8601 date and time.")
    q = filters.CharFilter(method="filter_text", help_text="Words in the claim's text.")

    class Meta:
        model = Review
        fields = ["language", "rating", "updated_since", "q"]

    def filter_updated_since(self, queryset: QuerySet[Review], name: str, value: datetime.datetime) -> QuerySet[Review]:
        # In UTC before it reaches the database: Python takes offsets up to 24 hours, PostgreSQL
        # refuses those over 16 (a 500 Schemathesis found).
        try:
            since = value.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as error:
            raise ValidationError({"updated_since": ["This date and time is out of range."]}) from error
        return queryset.filter(updated_at__gte=since)

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
        # list and retrieve read VERDICT_COLUMNS rows; the ClaimReview action reads models.
        return published_verdicts(prefetch=self.action == "claimreview")

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.action in {"retrieve", "claimreview"}:
            renderers.append(JSONLDRenderer())
        return renderers

    def filter_queryset(self, queryset: QuerySet[Review]) -> QuerySet[Review]:
        # Most readers page through everything: building the filter form for no filter costs a
        # good part of the request, so it is built only when a filter is asked for.
        if not set(VerdictFilter.base_filters) & set(self.request.query_params):
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = self.paginate_queryset(verdict_rows(self.filter_queryset(self.get_queryset()))) or []
        tag = representation_tag(request, [(row["id"], row["version"]) for row in rows])
        last_modified = max((row["updated_at"].timestamp() for row in rows), default=None)
        return conditional(
            request, tag, last_modified, lambda: self.get_paginated_response(verdict_data(rows, request))
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if getattr(request.accepted_renderer, "format", "") == "jsonld":
            return self.claimreview(request, *args, **kwargs)
        row = get_object_or_404(verdict_rows(self.get_queryset()), pk=kwargs["pk"])
        tag = representation_tag(request, [row["id"], row["version"]])
        return conditional(request, tag, row["updated_at"].timestamp(),
                           lambda: Response(verdict_data([row], request)[0]))

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
    data = verdict_of(pk, request)
    return render(request, "reviews/verdict_page.html", {
        "verdict": data,
        "claim_review_script": json_ld_script(claim_review(review, request)),
    })
