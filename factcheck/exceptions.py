"""The one API exception handler: every refusal is JSON `{"error", "detail", "field"}`.

Domain errors keep their meaning across the API: a move from the wrong status or a lost race
is a conflict (409), a role that may not make the move is 403, missing or unusable input 400.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from claims.errors import IngestError, UrlTaken
from factcheck.net import UrlFetchRefused
from reviews.workflow.errors import (
    InvalidInput,
    MoveNotAllowed,
    NotAllowedForRole,
    ReviewConflict,
    ReviewError,
)


def review_error_status(error: ReviewError) -> int:
    if isinstance(error, NotAllowedForRole):
        return status.HTTP_403_FORBIDDEN
    if isinstance(error, InvalidInput):
        return status.HTTP_400_BAD_REQUEST
    if isinstance(error, MoveNotAllowed | ReviewConflict):
        return status.HTTP_409_CONFLICT
    return status.HTTP_400_BAD_REQUEST


def error_body(code: str, detail: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"error": code, "detail": detail, "field": field, **extra}


def _first_validation_message(detail: Any, prefix: str = "") -> tuple[str | None, str]:
    """The first (field, message) of a DRF ValidationError detail, however nested."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = None if key == "non_field_errors" else key
            field, message = _first_validation_message(value, prefix if name is None else f"{prefix}{name}.")
            return field or (None if name is None else f"{prefix}{name}"), message
        return None, "Invalid input."
    if isinstance(detail, list):
        for item in detail:
            return _first_validation_message(item, prefix)
        return None, "Invalid input."
    return None, str(detail)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ReviewError):
        field = getattr(exc, "field", None)
        return Response(error_body(exc.code, exc.message, field), status=review_error_status(exc))
    if isinstance(exc, UrlTaken):
        return Response(error_body("url_taken", str(exc), "url"), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, IngestError):
        return Response(error_body("invalid_article", str(exc)), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, UrlFetchRefused):
        return Response(error_body("url_refused", exc.message, "url"), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        field, message = _first_validation_message(exc.detail)
        response.data = error_body("invalid_input", message, field, errors=exc.detail)
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        message = str(detail) if not isinstance(detail, dict | list) else _first_validation_message(detail)[1]
        code = str(exc.default_code if not hasattr(detail, "code") else detail.code)
        response.data = error_body(code, message, getattr(exc, "field", None))
    return response
