"""Request-level hardening: a request id on every request, a cap on bodies, and a clean 503
when the database goes away mid-request."""

import logging
import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.views import defaults

from factcheck.logging import request_id_var

log = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
# An id from a proxy or client is kept only if it can't smuggle anything into a log line.
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


def error_response(status: int, code: str, detail: str, field: str | None = None) -> JsonResponse:
    """The API's error shape (`factcheck.exceptions.error_body`), for refusals made before DRF."""
    return JsonResponse(
        {"error": code, "detail": detail, "field": field, "request_id": request_id_var.get()},
        status=status,
    )


class RequestIdMiddleware:
    """Take a sane X-Request-ID or make one; every log line of the request carries it, and
    the response sends it back so a newsroom can quote it when something goes wrong."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = offered if SANE_REQUEST_ID.match(offered) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            return response
        finally:
            request_id_var.reset(token)


class PublicGZipMiddleware(GZipMiddleware):
    """gzip for responses anyone may cache (`Cache-Control: public`), and only those."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if "public" not in response.get("Cache-Control", ""):
            return response
        return super().process_response(request, response)


class UrlLengthLimitMiddleware:
    """A URL over REQUEST_MAX_URL_CHARS answers 414 in the API's JSON, not a server's HTML page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.REQUEST_MAX_URL_CHARS
        if len(request.get_full_path()) > limit:
            return error_response(414, "uri_too_long", f"The URL is longer than the {limit:,} characters accepted.")
        return self.get_response(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: JSON with the request id under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return error_response(
            500, "server_error", "Something went wrong on our side; quote the request_id when you report it."
        )
    return defaults.server_error(request)


class RequestBodyLimitMiddleware:
    """Refuse bodies over DATA_UPLOAD_MAX_MEMORY_SIZE with 413 before anything reads them.

    Django alone answers 400 (RequestDataTooBig is a SuspiciousOperation), and only once a view
    reads request.POST or request.body; DRF reads the stream itself and never checks. The
    declared length is checked up front; a body without one (chunked) still ends here through
    process_exception when a view reads too much of it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return error_response(400, "invalid_request", "The Content-Length header is not a number.")
        if limit is not None and declared > limit:
            return self.too_large(limit)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RequestDataTooBig):
            return self.too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return None

    @staticmethod
    def too_large(limit: int | None) -> JsonResponse:
        return error_response(
            413, "request_too_large", f"The request body is larger than the {limit:,} bytes this server accepts."
        )


class DatabaseUnavailableMiddleware:
    """A lost or refused database connection answers 503 with a JSON body, not a 500 page.

    Writes go through services under transaction.atomic, so the transaction the error
    interrupted is rolled back by PostgreSQL and nothing half-done is left behind. Django closes
    the broken connection when the request ends (close_old_connections), so the next request
    opens a fresh one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        log.error("database unavailable: %s: %s", type(exception).__name__, exception)
        response = error_response(503, "service_unavailable", "The database is unavailable; try again shortly.")
        response["Retry-After"] = "5"
        return response
