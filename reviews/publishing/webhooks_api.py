"""Clients register the URLs that receive verdict events, and read their delivery log."""

import secrets

from django.conf import settings
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from claims.api.fetch import public_addresses, target_of
from factcheck.exceptions import UrlFetchRefused
from reviews.publishing.models import WebhookDelivery, WebhookEndpoint, WebhookEvent


class WebhookEndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices), allow_empty=False, required=False
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "url", "events", "active", "created_at"]
        read_only_fields = ["id", "created_at"]

    def to_internal_value(self, data):
        # Unknown fields are refused, as on every other input (read-only ones are ignored).
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)

    def validate_url(self, url: str) -> str:
        try:
            _scheme, host, port, _path = target_of(url)
            if not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
                public_addresses(host, port)
        except UrlFetchRefused as error:
            raise serializers.ValidationError(error.message) from error
        return url

    def validate_events(self, events: list[str]) -> list[str]:
        return sorted(set(events))


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    """Shown once, on creation: the secret that signs every delivery to this endpoint."""

    secret = serializers.CharField(read_only=True)

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = [*WebhookEndpointSerializer.Meta.read_only_fields, "secret"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = ["id", "event", "attempts", "status_code", "error", "created_at", "delivered_at"]
        read_only_fields = fields


class WebhookEndpointViewSet(viewsets.ModelViewSet):
    """Your webhook endpoints. The secret is shown once, in the answer to the POST."""

    queryset = WebhookEndpoint.objects.none()  # typed path parameters for the schema
    serializer_class = WebhookEndpointSerializer
    filter_backends: list = []
    pagination_class = None  # a client has a handful of endpoints
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[WebhookEndpoint]:
        return WebhookEndpoint.objects.filter(owner=self.request.user).order_by("id")

    @extend_schema(request=WebhookEndpointSerializer, responses={201: WebhookEndpointCreatedSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        given = WebhookEndpointSerializer(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        endpoint = given.save(owner=request.user, secret=secrets.token_hex(32))
        return Response(WebhookEndpointCreatedSerializer(endpoint).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=WebhookDeliverySerializer(many=True), summary="The latest deliveries to this endpoint")
    @action(detail=True, methods=["get"], pagination_class=None)
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        endpoint = self.get_object()
        rows = endpoint.deliveries.order_by("-id")[:100]
        return Response(WebhookDeliverySerializer(rows, many=True).data)
