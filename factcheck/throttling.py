"""Throttles that tell the client where it stands: `RateLimit-Limit`, `RateLimit-Remaining` and
`RateLimit-Reset` (seconds) on every throttled endpoint, as the IETF RateLimit fields draft and
GitHub's API do, so a client slows down before it meets a 429."""

import math
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, SimpleRateThrottle, UserRateThrottle


def note_standing(throttle: SimpleRateThrottle, request: Any) -> None:
    history = getattr(throttle, "history", None)
    limit, duration = getattr(throttle, "num_requests", None), getattr(throttle, "duration", None)
    if history is None or limit is None or duration is None:
        return  # this throttle does not count this caller (an anonymous throttle, a signed-in one)
    remaining = max(0, limit - len(history))
    reset = math.ceil(history[-1] + duration - throttle.now) if history else duration
    django_request = getattr(request, "_request", request)
    standing = getattr(django_request, "rate_limit", None)
    # Several throttles: the client hears about the one it will meet first.
    if standing is None or remaining < standing[1]:
        django_request.rate_limit = (limit, remaining, max(0, reset))


class AnonymousThrottle(AnonRateThrottle):
    def allow_request(self, request: Any, view: Any) -> bool:
        allowed = super().allow_request(request, view)
        note_standing(self, request)
        return allowed


class ClientThrottle(UserRateThrottle):
    """Signed-in clients, per user. DRF's user throttle also counts anonymous callers by address,
    which AnonymousThrottle does already at its lower rate: two cache reads and writes a request
    for nothing (they were most of the cost of a verdict page served from the cache)."""

    def allow_request(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return True
        allowed = super().allow_request(request, view)
        note_standing(self, request)
        return allowed


class ScopedThrottle(ScopedRateThrottle):
    """A dearer endpoint's own rate (`throttle_scope`), told in the same headers."""

    def allow_request(self, request: Any, view: Any) -> bool:
        allowed = super().allow_request(request, view)
        note_standing(self, request)
        return allowed


class RateLimitHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        standing = getattr(request, "rate_limit", None)
        if standing is not None:
            limit, remaining, reset = standing
            response["RateLimit-Limit"] = str(limit)
            response["RateLimit-Remaining"] = str(remaining)
            response["RateLimit-Reset"] = str(reset)
        return response
