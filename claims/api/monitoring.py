"""Outlets and their feeds and sitemaps, and other fact-checkers' verdicts, over the API.

The newsroom only: fact-checkers read, editors add outlets and switch sources on and off.
"""

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from claims.api.views import Pages
from claims.models import ExternalVerdict, FeedSource, Language, Outlet
from claims.monitoring.outlets import OutletError, SourceTaken, outlet_add
from claims.monitoring.polling import source_switch_on
from factcheck.exceptions import error_body
from reviews.api.serializers import StrictInputSerializer, refuse_other_types
from reviews.workflow.roles import is_editor, is_fact_checker


class NewsroomReadsEditorsWrite(BasePermission):
    message = "Outlets and other fact-checkers' verdicts are for the newsroom; editors change them."

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return is_fact_checker(request.user) if request.method in SAFE_METHODS else is_editor(request.user)


class FeedSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeedSource
        fields = ["id", "outlet", "kind", "url", "poll_minutes", "enabled", "due_at", "last_polled_at",
                  "last_success_at", "last_entry_at", "consecutive_failures", "last_error", "disabled_reason",
                  "last_report"]
        read_only_fields = [name for name in fields if name not in {"poll_minutes", "enabled"}]

    def to_internal_value(self, data: Any) -> Any:
        if hasattr(data, "keys"):
            fixed = sorted(set(data.keys()) - {"poll_minutes", "enabled"})
            if fixed:
                raise serializers.ValidationError({name: ["Not a field you can change."] for name in fixed})
            refuse_other_types(data, self.fields)
        return super().to_internal_value(data)

    def validate_poll_minutes(self, value: int) -> int:
        if value < 1:
            raise serializers.ValidationError("The poll interval is at least one minute.")
        return value


class OutletSerializer(serializers.ModelSerializer):
    languages = serializers.ListField(source="language_list", child=serializers.CharField(), read_only=True)
    sources = FeedSourceSerializer(many=True, read_only=True)

    class Meta:
        model = Outlet
        fields = ["id", "name", "home_page", "languages", "is_fact_checker", "sources", "created_at"]
        read_only_fields = fields


class OutletAddSerializer(StrictInputSerializer):
    name = serializers.CharField(max_length=200)
    home_page = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    languages = serializers.ListField(child=serializers.ChoiceField(choices=Language.choices), required=False,
                                      default=list)
    is_fact_checker = serializers.BooleanField(required=False, default=False)
    feeds = serializers.ListField(child=serializers.URLField(max_length=2000), required=False, default=list)
    sitemaps = serializers.ListField(child=serializers.URLField(max_length=2000), required=False, default=list)
    poll_minutes = serializers.IntegerField(min_value=1, max_value=7 * 24 * 60, required=False, default=15)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["feeds"] and not attrs["sitemaps"]:
            raise serializers.ValidationError({"feeds": "Give at least one feed or sitemap URL."})
        return attrs


class SourceQuerySerializer(serializers.Serializer):
    enabled = serializers.BooleanField(required=False, allow_null=True, default=None)
    outlet = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


# Ids in URLs are at most 18 digits: a longer one is a 404 before any query (a 64-bit column).
ID_IN_URL = r"[0-9]{1,18}"


class ExternalVerdictSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalVerdict
        fields = ["id", "url", "claim_reviewed", "rating_text", "rating_value", "rating_best", "rating_worst",
                  "publisher", "publisher_url", "published_on", "language", "claim_author", "claim_appearance",
                  "licence", "outlet", "imported_from", "created_at"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Outlets the newsroom watches, with their feeds and sitemaps"),
    retrieve=extend_schema(summary="An outlet with its feeds and sitemaps and their state"),
)
class OutletViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [NewsroomReadsEditorsWrite]
    pagination_class = Pages
    serializer_class = OutletSerializer
    filter_backends: list = []
    lookup_value_regex = ID_IN_URL

    def get_queryset(self) -> QuerySet[Outlet]:
        return Outlet.objects.prefetch_related("sources").order_by("name", "id")

    @extend_schema(request=OutletAddSerializer, responses={201: OutletSerializer},
                   summary="Add an outlet (or sources to an outlet of that name); each source is due at once")
    def create(self, request: Request) -> Response:
        given = OutletAddSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            outlet, _ = outlet_add(**given.validated_data)
        except SourceTaken as error:
            return Response(error_body("source_taken", str(error), "feeds"), status=status.HTTP_409_CONFLICT)
        except OutletError as error:
            raise serializers.ValidationError({"detail": str(error)}) from error
        outlet = self.get_queryset().get(pk=outlet.pk)
        return Response(OutletSerializer(outlet).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Feeds and sitemaps, with their poll state",
                       parameters=[SourceQuerySerializer]),
    retrieve=extend_schema(summary="A feed or sitemap with its poll state"),
    partial_update=extend_schema(summary="Change a source's poll interval, or switch it off"),
)
class FeedSourceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [NewsroomReadsEditorsWrite]
    pagination_class = Pages
    serializer_class = FeedSourceSerializer
    list_query_params = ("enabled", "outlet")
    filter_backends: list = []
    lookup_value_regex = ID_IN_URL

    def get_queryset(self) -> QuerySet[FeedSource]:
        sources = FeedSource.objects.order_by("outlet__name", "id")
        if self.action != "list":
            return sources
        query = SourceQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        if query.validated_data.get("enabled") is not None:
            sources = sources.filter(enabled=query.validated_data["enabled"])
        if "outlet" in query.validated_data:
            sources = sources.filter(outlet_id=query.validated_data["outlet"])
        return sources

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        source = self.get_object()
        given = FeedSourceSerializer(source, data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        if given.validated_data.get("enabled") and not source.enabled:
            # On again: through the service, so the failures and the reason are cleared too.
            source_switch_on(source=source)
            source.refresh_from_db()
            given = FeedSourceSerializer(source, data=request.data, partial=True)
            given.is_valid(raise_exception=True)
        given.save()
        return Response(given.data)

    @extend_schema(request=None, responses={200: FeedSourceSerializer},
                   summary="Switch a source on again: failures cleared, polled at the next sweep")
    @action(detail=True, methods=["post"], url_path="switch-on")
    def switch_on(self, request: Request, pk: str | None = None) -> Response:
        source = self.get_object()
        source_switch_on(source=source)
        source.refresh_from_db()
        return Response(FeedSourceSerializer(source).data)


@extend_schema_view(
    list=extend_schema(
        summary="Other fact-checkers' verdicts, newest first",
        parameters=[OpenApiParameter("q", str, description="Words in the claim reviewed, publisher or rating"),
                    OpenApiParameter("publisher", str), OpenApiParameter("language", str)],
    ),
    retrieve=extend_schema(summary="One of another fact-checker's verdicts"),
)
class ExternalVerdictViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [NewsroomReadsEditorsWrite]
    pagination_class = Pages
    serializer_class = ExternalVerdictSerializer
    list_query_params = ("q", "publisher", "language")
    filter_backends: list = []
    lookup_value_regex = ID_IN_URL

    def get_queryset(self) -> QuerySet[ExternalVerdict]:
        verdicts = ExternalVerdict.objects.order_by("-published_on", "-id")
        params = self.request.query_params
        if words := params.get("q", "").strip():
            for word in words.split()[:10]:
                verdicts = verdicts.filter(
                    Q(claim_reviewed__icontains=word) | Q(publisher__icontains=word) | Q(rating_text__icontains=word)
                )
        if publisher := params.get("publisher", "").strip():
            verdicts = verdicts.filter(publisher__iexact=publisher)
        if language := params.get("language", "").strip():
            verdicts = verdicts.filter(language__iexact=language)
        return verdicts
