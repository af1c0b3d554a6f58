"""Articles (ingest, list, detail) and claims (queue, detail, moves) over the API."""

import datetime

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from claims.api.fetch import fetch_page
from claims.api.filters import ClaimFilter
from claims.api.permissions import CanIngestOrReadOnly, sees_unpublished
from claims.api.serializers import (
    ArticleDetailSerializer,
    ArticleIngestedSerializer,
    ArticleIngestSerializer,
    ArticleSerializer,
    ClaimDetailSerializer,
    ClaimSerializer,
)
from claims.errors import IngestError
from claims.models import Article, Claim
from claims.services import article_ingest
from factcheck.exceptions import UrlFetchRefused
from reviews.api.moves import ErrorSerializer, ReviewMovesMixin
from reviews.models import ReviewEvent, Source, VerdictRevision
from reviews.workflow import ReviewStatus


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


def main_text(html: str, url: str | None = None) -> tuple[str, str, datetime.date | None]:
    """(title, text, date) of the main content of a page, found by trafilatura."""
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if document is None or not (document.text or "").strip():
        raise IngestError("No article text could be found in the HTML.")
    found_date = None
    if document.date:
        try:
            found_date = datetime.date.fromisoformat(str(document.date)[:10])
        except ValueError:
            found_date = None
    return document.title or "", document.text, found_date


def visible_claims(user) -> QuerySet[Claim]:
    claims = Claim.objects.all()
    if not sees_unpublished(user):
        claims = claims.filter(review__status=ReviewStatus.PUBLISHED)
    return claims


@extend_schema_view(
    list=extend_schema(summary="Articles, newest first"),
    retrieve=extend_schema(summary="An article with its claims"),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [CanIngestOrReadOnly]
    pagination_class = Pages
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Article]:
        articles = Article.objects.defer("body") if self.action == "list" else Article.objects.all()
        if self.action == "retrieve":
            claims = visible_claims(self.request.user).select_related("review", "review__assignee")
            articles = articles.prefetch_related(Prefetch("claims", queryset=claims, to_attr="visible_claims"))
        return articles.order_by("-created_at", "-id")

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    @extend_schema(
        request=ArticleIngestSerializer,
        responses={
            201: ArticleIngestedSerializer,
            200: OpenApiResponse(ArticleIngestedSerializer, description="The same text was stored before."),
            400: ErrorSerializer,
            403: ErrorSerializer,
        },
        summary="Ingest an article from text, HTML or a URL",
    )
    def create(self, request: Request) -> Response:
        given = ArticleIngestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        title, published_on = data["title"], data["published_on"]
        if data.get("body"):
            text, text_from = data["body"], "body"
        else:
            if data.get("html"):
                html, text_from = data["html"], "html"
            else:
                page = fetch_page(
                    data["url"], timeout=settings.ARTICLE_FETCH_TIMEOUT, max_bytes=settings.ARTICLE_FETCH_MAX_BYTES
                )
                if "html" not in page.content_type and page.content_type:
                    raise UrlFetchRefused(f"{data['url']} is not an HTML page ({page.content_type}).")
                html, text_from = page.html, "url"
            found_title, text, found_date = main_text(html, data.get("url"))
            title = title or found_title
            published_on = published_on or found_date
        ingested = article_ingest(
            title=title,
            body=text,
            published_on=published_on or timezone.localdate(),
            language=data["language"],
            outlet=data["outlet"],
            url=data.get("url"),
        )
        article = ingested.article
        article.created, article.text_from = ingested.created, text_from
        return Response(
            ArticleIngestedSerializer(article, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED if ingested.created else status.HTTP_200_OK,
        )


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
