"""Unknown or empty query parameters are refused by name: `?raitng=false` must not quietly
list everything, as a filter silently ignored would."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from rest_framework.viewsets import ViewSetMixin

from factcheck.middleware import error_response
from factcheck.pagination import query_params_of

# DRF's format override (`?format=json`) is read by every view.
ALWAYS_ALLOWED = frozenset({"format"})


def allowed_query_params(view_class: type, action: str | None) -> set[str] | None:
    """The query parameters `action` of an API view reads; None for views that say nothing."""
    if not issubclass(view_class, ViewSetMixin):
        declared = getattr(view_class, "allowed_query_params", None)
        return None if declared is None else set(declared) | ALWAYS_ALLOWED
    allowed = set(ALWAYS_ALLOWED)
    options = getattr(getattr(view_class, action or "", None), "kwargs", {}) or {}
    if action == "list" or action in getattr(view_class, "paged_actions", ()):
        allowed |= query_params_of(options.get("pagination_class", getattr(view_class, "pagination_class", None)))
    filterset = getattr(view_class, "filterset_class", None)
    backends = options.get("filter_backends", getattr(view_class, "filter_backends", ()))
    if action == "list" and filterset is not None and backends:
        allowed |= set(filterset.base_filters)
    if action == "list":
        # A list that reads its parameters itself (no filterset) names them.
        allowed |= set(getattr(view_class, "list_query_params", ()))
    return allowed


class UnknownQueryParamsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        view_class = getattr(view_func, "cls", None)
        if view_class is None or not request.path.startswith("/api/"):
            return None
        actions = getattr(view_func, "actions", None) or {}
        method = (request.method or "").lower()
        # DRF answers HEAD with the GET action (it adds the mapping on the first request).
        action = actions.get(method) or (actions.get("get") if method == "head" else None)
        handled = action is not None if actions else hasattr(view_class, "get" if method == "head" else method)
        if not handled:
            return None  # a method the endpoint does not have: DRF's 405 says so, not a 400 about parameters
        allowed = allowed_query_params(view_class, action)
        if allowed is None:
            return None
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            known = ", ".join(sorted(allowed - ALWAYS_ALLOWED)) or "none"
            return error_response(
                400, "unknown_parameter",
                f"Unknown query parameter: {', '.join(unknown)}. This endpoint reads: {known}.", field=unknown[0],
            )
        # `?rating=` would otherwise mean "no filter" to one filter and an error to the next.
        empty = sorted(name for name, values in request.GET.lists() if not all(values))
        if empty:
            return error_response(
                400, "empty_parameter", f"The query parameter {empty[0]} is empty: give a value or leave it out.",
                field=empty[0],
            )
        # PostgreSQL refuses a NUL in any text: a 400 here, not a 500 from the query.
        with_nul = sorted(name for name, values in request.GET.lists() if any("\x00" in value for value in values))
        if with_nul:
            return error_response(
                400, "invalid_parameter", f"The query parameter {with_nul[0]} holds a NUL character.",
                field=with_nul[0],
            )
        return None
