"""Published verdicts for anyone: JSON, ClaimReview JSON-LD, the rating scale, the HTML page.

What a verdict says is read by reviews.publishing.verdicts; here are its API and its page.
"""

import datetime
import hashlib
import json
from typing import Any, cast

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import http_date, parse_http_date_safe
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reviews.api.serializers import (
    PublicSourceSerializer,
    RatingScaleSerializer,
    VerdictRevisionSerializer,
)
from reviews.publishing import verdict_cache
from reviews.publishing.claimreview import claim_review, json_ld_script
from reviews.publishing.page_languages import alternates, in_language, page_language
from reviews.publishing.verdict_documents import documents_of, page_body, published_documents
from reviews.publishing.verdict_filters import VerdictCursor, VerdictFilter
from reviews.publishing.verdicts import published_verdicts, verdict_data, verdict_of, verdict_rows
from reviews.workflow.models import Review
from reviews.workflow.ratings import BEST_RATING, SCALE, WORST_RATING, Rating


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


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


class BasedOnSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The earlier verdict's id")
    page_url = serializers.URLField()
    api_url = serializers.URLField()


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
    correction_under_way = serializers.BooleanField(
        help_text="The verdict was reopened for correction: what is shown stands until the correction is published."
    )
    based_on = BasedOnSerializer(
        allow_null=True,
        help_text="The claim repeats one checked before: the earlier verdict this one takes its rating from and cites.",
    )


# --- filters, pages, conditional requests ----------------------------------------------------


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
    response["Cache-Control"] = f"public, max-age={settings.API_PUBLIC_MAX_AGE}"
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # The labels are in the caller's language: a cache must keep one copy per language.
    response["Vary"] = "Accept, Accept-Encoding, Accept-Language"
    return response


def rendered(body: bytes, content_type: str) -> Response:
    """A Response whose body is rendered already (a kept page): nothing renders it again."""
    response = Response()
    response.content = body  # marks it rendered
    response["Content-Type"] = content_type
    return response


def representation_tag(request: Request, parts: list[Any]) -> str:
    fmt = getattr(request.accepted_renderer, "format", "json")
    language = translation.get_language()
    digest = hashlib.sha256(repr((fmt, language, request.get_full_path(), parts)).encode()).hexdigest()[:32]
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

    def filter_queryset(self, queryset: QuerySet[Any, Any]) -> QuerySet[Any, Any]:
        # Most readers page through everything: building the filter form for no filter costs a
        # good part of the request, so it is built only when a filter is asked for.
        if not set(VerdictFilter.base_filters) & set(self.request.query_params):
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # A page is built once per version of the published verdicts and kept, rendered, in
        # the cache (reviews.publishing.verdict_cache); the JSON format only. Its body is the
        # verdicts' stored documents joined (reviews.publishing.verdict_documents).
        renderer = request.accepted_renderer
        key = verdict_cache.page_key(request, renderer.format) if renderer.format == "json" else None
        at, kept = verdict_cache.page(key) if key is not None else (0, None)
        if kept is None:
            ordering = cast(VerdictCursor, self.paginator).get_ordering(request, None, self)
            verdicts = published_documents(with_published_at=any("published_at" in column for column in ordering))
            rows = self.paginate_queryset(self.filter_queryset(verdicts)) or []
            tag = representation_tag(request, [(row["id"], row["version"]) for row in rows])
            last_modified = max((row["updated_at"].timestamp() for row in rows), default=None)
            if not_modified(request, tag, last_modified):
                return conditional(request, tag, last_modified, Response)
            head = dict(self.get_paginated_response([]).data)
            body = page_body(head, rows, documents_of(rows, request), request)
            if renderer.format != "json":  # the browsable API (DEBUG): it renders data itself
                return conditional(request, tag, last_modified, lambda: Response(json.loads(body)))
            if key is None:
                return conditional(request, tag, last_modified, lambda: rendered(body, renderer.media_type))
            kept = verdict_cache.keep(key, at, body, renderer.media_type, tag, last_modified)
        return conditional(
            request, kept["etag"], kept["last_modified"],
            lambda: rendered(kept["body"], kept["content_type"]),
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if getattr(request.accepted_renderer, "format", "") == "jsonld":
            # An @action is typed as a plain function by the DRF stubs, not as a method.
            return self.claimreview(request, *args, **kwargs)  # type: ignore[arg-type]
        # get_object_or_404 for its 404 on a malformed id; the stubs take model rows only.
        row = cast(dict[str, Any], get_object_or_404(verdict_rows(self.get_queryset()), pk=kwargs["pk"]))  # type: ignore[type-var]
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
        response = conditional(request, tag, review.updated_at.timestamp(),
                               lambda: Response(claim_review(review, request)))
        # Whatever the reader's language, the ClaimReview is in the claim's.
        response["Content-Language"] = review.claim.language
        return response


class RatingScaleView(APIView):
    allowed_query_params: tuple[str, ...] = ()
    permission_classes = [AllowAny]

    @extend_schema(responses=RatingScaleSerializer, summary="The rating scale: values, numbers, labels, definitions")
    def get(self, request: Request) -> Response:
        response = Response({
            "best_rating": BEST_RATING,
            "worst_rating": WORST_RATING,
            "ratings": [
                {"value": str(level.value), "label": level.label, "number": level.number,
                 "definition": level.definition}
                for level in SCALE
            ],
        })
        response["Cache-Control"] = f"public, max-age={settings.API_PUBLIC_MAX_AGE}"
        response["Vary"] = "Accept, Accept-Encoding, Accept-Language"
        return response


def _parsed(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def verdict_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The public HTML page of a verdict, with its ClaimReview embedded for search engines."""
    review = published_verdicts().filter(pk=pk).first()
    if review is None:
        raise Http404("No published verdict with this id.")
    language = page_language(request)
    with translation.override(language or translation.get_language()):
        data = verdict_of(pk, request)
        if data is None:
            raise Http404("No published verdict with this id.")
        # Dates as the page's language writes them ("23 ақпан 2018 ж."), not ISO.
        earlier = [_parsed(revision["published_at"]) for revision in data["earlier_revisions"]]
        when = {
            "article": datetime.date.fromisoformat(data["article"]["published_on"]),
            "first": _parsed(data["first_published_at"]),
            "updated": _parsed(data["published_at"]),
            "earlier": earlier,
        }
        for revision, published_at in zip(data["earlier_revisions"], earlier, strict=True):
            revision["published_on"] = published_at
        response = render(request, "reviews/verdict_page.html", {
            "verdict": data,
            "when": when,
            "claim_review_script": json_ld_script(claim_review(review, request)),
            "canonical": in_language(data["page_url"], language),
            "alternates": alternates(data["page_url"]),
            "page_language": translation.get_language(),
        })
        response["Content-Language"] = translation.get_language()
    return response
