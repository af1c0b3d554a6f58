"""The workflow moves and sources of a claim's review, as POST actions on the claim.

Each action validates its small input, then calls the one service for the move: the service
checks role and status and applies the conditional UPDATE; its errors become 400/403/409 in
factcheck.exceptions. Nothing here writes a status.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from reviews.api.serializers import (
    ApproveInputSerializer,
    AssignInputSerializer,
    CloseAsCheckedInputSerializer,
    MoveInputSerializer,
    ScheduleInputSerializer,
    SourceInputSerializer,
    SourceSerializer,
    SubmitInputSerializer,
)
from reviews.workflow import services
from reviews.workflow.models import Review

ERROR_RESPONSES = {
    400: OpenApiResponse(description="Missing or unusable input: `{error, detail, field}`."),
    403: OpenApiResponse(description="Your role may not make this move."),
    404: OpenApiResponse(description="No such claim, or not one you may see."),
    409: OpenApiResponse(description="The review's status does not allow the move, or someone moved it first."),
}


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField()
    detail = serializers.CharField()
    field = serializers.CharField(allow_null=True)


def move_schema(input_serializer: type[serializers.Serializer], summary: str) -> Callable:
    from claims.api.serializers import ClaimDetailSerializer

    return extend_schema(
        request=input_serializer,
        responses={200: ClaimDetailSerializer, **{code: ErrorSerializer for code in ERROR_RESPONSES}},
        summary=summary,
    )


if TYPE_CHECKING:
    from django.db.models import QuerySet
    from rest_framework.viewsets import GenericViewSet

    class _ClaimsViewSet(GenericViewSet):
        """What the mixin uses of the claims viewset it is mixed into."""

        def get_queryset_for_detail(self) -> QuerySet[Any]: ...
else:
    _ClaimsViewSet = object


class ReviewMovesMixin(_ClaimsViewSet):
    """Mixed into the claims viewset: `claims/{id}/<move>/` and `claims/{id}/sources/`."""

    def _review_for_move(self, version: int | None) -> Review:
        claim = self.get_object()
        review = Review.objects.select_related("assignee").get(claim=claim)
        if version is not None:
            # The caller's view of the row: the service's conditional UPDATE then refuses the
            # move (409) if anyone moved the review since the caller read it.
            review.version = version
        return review

    def _move(
        self,
        request: Request,
        service: Callable[..., Review],
        input_class: type[serializers.Serializer] = MoveInputSerializer,
        **rename: str,
    ) -> Response:
        given = input_class(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(given.validated_data)
        review = self._review_for_move(values.pop("version", None))
        service(review=review, actor=request.user, **values)
        return self._claim_response(request)

    def _claim_response(self, request: Request, code: int = status.HTTP_200_OK) -> Response:
        from claims.api.serializers import ClaimDetailSerializer

        claim = self.get_queryset_for_detail().get(pk=self.kwargs["pk"])
        return Response(ClaimDetailSerializer(claim, context=self.get_serializer_context()).data, status=code)

    @move_schema(MoveInputSerializer, "Take the claim: assign yourself and start researching")
    @action(detail=True, methods=["post"])
    def take(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, services.review_take)

    @move_schema(AssignInputSerializer, "Assign the claim to a fact-checker (editors)")
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, services.review_assign, AssignInputSerializer)

    @move_schema(MoveInputSerializer, "Dismiss a new claim as not worth checking")
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, services.review_dismiss)

    @move_schema(MoveInputSerializer, "Restore a dismissed claim")
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, services.review_restore)

    @move_schema(ScheduleInputSerializer, "Schedule a re-check on a future date")
    @action(detail=True, methods=["post"])
    def schedule(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, services.review_schedule, ScheduleInputSerializer)

    @move_schema(MoveInputSerializer, "Re-check a scheduled claim now")
    @action(detail=True, methods=["post"], url_path="recheck-now")
    def recheck_now(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, services.review_recheck_now)

    @move_schema(SubmitInputSerializer, "Submit a verdict for an editor's review")
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, services.review_submit, SubmitInputSerializer)

    @move_schema(CloseAsCheckedInputSerializer,
                 "Close the claim as already checked: a confirmed match's published verdict, for approval")
    @action(detail=True, methods=["post"], url_path="close-as-checked")
    def close_as_checked(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, services.review_close_as_checked, CloseAsCheckedInputSerializer)

    @move_schema(MoveInputSerializer, "Send a verdict back to research with a note (editors)")
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, services.review_send_back)

    @move_schema(ApproveInputSerializer, "Approve and publish a verdict (another editor than its author)")
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, services.review_approve, ApproveInputSerializer)

    @move_schema(MoveInputSerializer, "Reopen a published verdict for correction (editors)")
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        return self._move(request, services.review_reopen)

    @extend_schema(
        methods=["GET"], responses={200: SourceSerializer(many=True)}, summary="The sources of the claim's review"
    )
    @extend_schema(
        methods=["POST"],
        request=SourceInputSerializer,
        responses={201: SourceSerializer, **{code: ErrorSerializer for code in ERROR_RESPONSES}},
        summary="Add a source to the claim's review",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def sources(self, request: Request, pk: str | None = None) -> Response:
        context = self.get_serializer_context()
        if request.method == "GET":
            claim = self.get_object()
            review = Review.objects.get(claim=claim)
            return Response(SourceSerializer(review.sources.select_related("added_by"), many=True,
                                             context=context).data)
        given = SourceInputSerializer(data=request.data, context=context)
        given.is_valid(raise_exception=True)
        review = self._review_for_move(None)
        source = services.source_add(review=review, actor=request.user, **given.validated_data)
        return Response(SourceSerializer(source, context=context).data, status=status.HTTP_201_CREATED)
