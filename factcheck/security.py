"""Sign-in lockout (django-axes): what a locked-out caller is told, and the same lockout for
the API, whose authentication runs on DRF's own request object."""

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext, ngettext

from factcheck.logging import request_id_var


def lockout_minutes() -> int:
    cool_off = settings.AXES_COOLOFF_TIME
    return math.ceil(cool_off.total_seconds() / 60) if cool_off else 0


def lockout_message() -> str:
    minutes = lockout_minutes()
    if minutes:
        return ngettext(
            "Too many failed sign-in attempts for this account from your address, so sign-in is locked. "
            "Try again in %(minutes)d minute, or ask an administrator to unlock it sooner.",
            "Too many failed sign-in attempts for this account from your address, so sign-in is locked. "
            "Try again in %(minutes)d minutes, or ask an administrator to unlock it sooner.",
            minutes,
        ) % {"minutes": minutes}
    return gettext(
        "Too many failed sign-in attempts for this account from your address. Ask an administrator to unlock it."
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: JSON for API clients, plain text for people.

    429 either way, with Retry-After, and the same words whether or not the password was
    right, so the lockout says nothing about the password.
    """
    status: int = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)  # django-axes' default
    message = lockout_message()
    wants_json = request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")
    if wants_json:
        response: HttpResponse = JsonResponse(
            {"error": "locked_out", "detail": message, "field": None, "request_id": request_id_var.get()},
            status=status,
        )
    else:
        response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    if settings.AXES_COOLOFF_TIME:
        response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


def carry_lockout_to_django_request(sender: object, request: object = None, **kwargs: object) -> None:
    """`user_login_failed` receiver, after django-axes' own: DRF authenticates with its own
    Request object, so the lockout flag axes sets lands there; copy it to the Django request
    that AxesMiddleware looks at, so the API client gets the lockout answer too."""
    inner = getattr(request, "_request", None)
    if inner is not None and getattr(request, "axes_locked_out", False):
        inner.axes_locked_out = True
        inner.axes_credentials = getattr(request, "axes_credentials", None)
