"""Clients register the URLs that receive verdict events, and read their delivery log."""

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.net import UrlFetchRefused, public_addresses, target_of
from reviews.api.serializers import refuse_unknown_fields
from reviews.publishing.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from reviews.publishing.webhooks import webhook_rotate_secret


class WebhookEndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices), allow_empty=False, required=False
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "url", "events", "active", "created_at"]
        read_only_fields = ["id", "created_at"]

    def to_internal_value(self, data: Any) -> Any:
        refuse_unknown_fields(data, self.fields)  # as every other input does
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


class WebhookSecretSerializer(WebhookEndpointCreatedSerializer):
    """The answer to a rotation: the new secret, and until when the old one still signs."""

    previous_secret_until = serializers.DateTimeField(read_only=True)

    class Meta(WebhookEndpointCreatedSerializer.Meta):
        fields = [*WebhookEndpointCreatedSerializer.Meta.fields, "previous_secret_until"]
        read_only_fields = [*WebhookEndpointCreatedSerializer.Meta.read_only_fields, "previous_secret_until"]


class TooManyWebhooks(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "too_many_webhooks"


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
        return WebhookEndpoint.objects.filter(owner_id=self.request.user.pk).order_by("id")

    @extend_schema(request=WebhookEndpointSerializer, responses={201: WebhookEndpointCreatedSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        given = WebhookEndpointSerializer(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        limit = settings.WEBHOOKS_PER_CLIENT
        with transaction.atomic():
            # The owner's row is the lock: two registrations at once cannot both pass the count.
            get_user_model().objects.select_for_update().filter(pk=request.user.pk or 0).first()
            if self.get_queryset().count() >= limit:
                raise TooManyWebhooks(f"You have {limit} webhook endpoints, the most a client may; delete one first.")
            endpoint = given.save(owner=request.user, secret=secrets.token_hex(32))
        return Response(WebhookEndpointCreatedSerializer(endpoint).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={200: WebhookSecretSerializer},
        summary="Rotate the endpoint's signing secret",
        description="A new secret signs every delivery from now on; the old one signs them too (a second"
        " signature in the header) until `previous_secret_until`, 24 hours by default, so your receiver can"
        " switch over without losing a delivery.",
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request: Request, pk: str | None = None) -> Response:
        endpoint = webhook_rotate_secret(endpoint=self.get_object())
        return Response(WebhookSecretSerializer(endpoint).data)

    @extend_schema(responses=WebhookDeliverySerializer(many=True), summary="The latest deliveries to this endpoint")
    @action(detail=True, methods=["get"], pagination_class=None)
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        endpoint = self.get_object()
        rows = endpoint.deliveries.order_by("-id")[:100]
        return Response(WebhookDeliverySerializer(rows, many=True).data)
