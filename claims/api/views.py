"""Articles (ingest, list, detail) and claims (queue, detail, moves) over the API."""

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from claims.api.filters import ClaimFilter
from claims.api.permissions import CanIngestOrReadOnly, sees_unpublished
from claims.api.serializers import (
    ArticleClaimSerializer,
    ArticleDetailSerializer,
    ArticleIngestedSerializer,
    ArticleIngestSerializer,
    ArticleSerializer,
    ClaimDetailSerializer,
    ClaimSerializer,
)
from claims.models import Article, Claim, ExtractionStatus
from claims.pages import article_ingest_from
from factcheck.pagination import NumberedPages
from reviews.api.moves import ErrorSerializer, ReviewMovesMixin
from reviews.workflow.models import ReviewEvent, Source, VerdictRevision
from reviews.workflow.moves import ReviewStatus

Pages = NumberedPages


def visible_claims(user) -> QuerySet[Claim]:
    claims = Claim.objects.all()
    if not sees_unpublished(user):
        claims = claims.filter(review__status=ReviewStatus.PUBLISHED)
    return claims


def visible_articles(user) -> QuerySet[Article]:
    """The newsroom sees every article; anyone else those with a published verdict, and the
    ones they sent themselves (to follow their fetch and extraction)."""
    articles = Article.objects.all()
    if not sees_unpublished(user):
        published = Claim.objects.filter(article=OuterRef("pk"), review__status=ReviewStatus.PUBLISHED)
        articles = articles.filter(Q(Exists(published)) | Q(ingested_by=user))
    return articles


@extend_schema_view(
    list=extend_schema(summary="Articles, newest first"),
    retrieve=extend_schema(summary="An article with its claims"),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    paged_actions = ("claims",)
    # What the schema reads the id's type from; every request is scoped by get_queryset.
    queryset = Article.objects.none()
    permission_classes = [CanIngestOrReadOnly]
    pagination_class = Pages
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Article]:
        articles = visible_articles(self.request.user)
        if self.action != "retrieve":
            articles = articles.defer("body")
        return articles.order_by("-created_at", "-id")

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    @extend_schema(
        responses={200: ArticleClaimSerializer(many=True), 404: ErrorSerializer},
        summary="The claims of an article, most check-worthy first, in pages",
        description="Only the claims you may see: published ones unless you work in the newsroom.",
    )
    @action(detail=True, methods=["get"])
    def claims(self, request: Request, pk: str | None = None) -> Response:
        article = self.get_object()
        claims = (
            visible_claims(request.user)
            .filter(article=article)
            .select_related("review", "review__assignee")
            .order_by("-checkworthiness", "id")
        )
        page = self.paginate_queryset(claims)
        return self.get_paginated_response(
            ArticleClaimSerializer(page, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(
        request=ArticleIngestSerializer,
        responses={
            201: ArticleIngestedSerializer,
            200: OpenApiResponse(ArticleIngestedSerializer, description="The same text (or URL) was stored before."),
            202: OpenApiResponse(
                ArticleIngestedSerializer,
                description="A URL alone: stored as `fetching`; a task fetches the page, then the article shows"
                " `pending` and `done`, or `failed` with the reason in `extraction_error`.",
            ),
            400: ErrorSerializer,
            403: ErrorSerializer,
        },
        summary="Ingest an article from text, HTML or a URL",
    )
    def create(self, request: Request) -> Response:
        given = ArticleIngestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        ingested, text_from = article_ingest_from(
            title=data["title"],
            published_on=data["published_on"],
            body=data.get("body") or "",
            html=data.get("html") or "",
            url=data.get("url"),
            language=data["language"],
            outlet=data["outlet"],
            ingested_by=request.user,
            fetch_later=True,
        )
        article = ingested.article
        article.created, article.text_from = ingested.created, text_from  # type: ignore[attr-defined]  # shown once
        code: int
        if not ingested.created:
            code = status.HTTP_200_OK
        elif article.extraction_status == ExtractionStatus.FETCHING:
            code = status.HTTP_202_ACCEPTED
        else:
            code = status.HTTP_201_CREATED
        return Response(ArticleIngestedSerializer(article, context=self.get_serializer_context()).data, status=code)


@extend_schema_view(
    list=extend_schema(summary="Claims, most check-worthy first; published ones only without a newsroom role"),
    retrieve=extend_schema(summary="A claim with its review, sources, events and published revisions"),
)
class ClaimViewSet(ReviewMovesMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    pagination_class = Pages
    filterset_class = ClaimFilter

    def get_queryset(self) -> QuerySet[Claim]:
        claims = visible_claims(self.request.user)
        if self.action == "retrieve":
            return self.get_queryset_for_detail()
        if self.action == "list":
            return claims.select_related("article", "review", "review__assignee").defer("article__body")
        return claims

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # A claim's own page and its moves name the claim by its id: the list's filters are not
        # theirs, and building the filter form for them cost each move a few milliseconds.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def get_queryset_for_detail(self) -> QuerySet[Claim]:
        return (
            visible_claims(self.request.user)
            .select_related("article", "review", "review__assignee", "review__submitted_by", "review__approved_by")
            .defer("article__body")
            .prefetch_related(
                Prefetch("review__sources", queryset=Source.objects.select_related("added_by")),
                Prefetch("review__events", queryset=ReviewEvent.objects.select_related("actor")),
                Prefetch("review__revisions", queryset=VerdictRevision.objects.order_by("number")),
            )
        )

    def get_serializer_class(self):
        return ClaimDetailSerializer if self.action != "list" else ClaimSerializer
