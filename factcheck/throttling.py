"""Throttles that tell the client where it stands: `RateLimit-Limit`, `RateLimit-Remaining` and
`RateLimit-Reset` (seconds) on every throttled endpoint, as the IETF RateLimit fields draft and
GitHub's API do, so a client slows down before it meets a 429."""

import math
from collections.abc import Callable
from typing import Any, cast

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


class Counts:
    """The sliding window's length and oldest entry where the cache keeps the log itself (Redis,
    factcheck.cache): all that DRF's throttle and `note_standing` read of its `history`."""

    def __init__(self, count: int, oldest: float) -> None:
        self.count, self.oldest = count, oldest

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __getitem__(self, index: int) -> float:
        if index != -1:
            raise IndexError(index)
        return self.oldest


class LoggedThrottle(SimpleRateThrottle):
    """DRF's sliding log, in one round trip to a cache that keeps the log itself."""

    def allow_request(self, request: Any, view: Any) -> bool:
        log_request = getattr(self.cache, "log_request", None)
        if log_request is None or self.rate is None:
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        # Set by SimpleRateThrottle.__init__ from the rate, which the DRF stubs leave out.
        duration, limit = cast(Any, self).duration, cast(Any, self).num_requests
        allowed, count, oldest = log_request(self.key, self.now, duration, limit)
        self.history = cast(list[float], Counts(count, oldest))  # what DRF reads of it, Counts has
        return allowed


class AnonymousThrottle(AnonRateThrottle, LoggedThrottle):
    def allow_request(self, request: Any, view: Any) -> bool:
        allowed = super().allow_request(request, view)
        note_standing(self, request)
        return allowed


class ClientThrottle(UserRateThrottle, LoggedThrottle):
    """Signed-in clients, per user. DRF's user throttle also counts anonymous callers by address,
    which AnonymousThrottle does already at its lower rate: two cache reads and writes a request
    for nothing (they were most of the cost of a verdict page served from the cache)."""

    def allow_request(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return True
        allowed = super().allow_request(request, view)
        note_standing(self, request)
        return allowed


class ScopedThrottle(ScopedRateThrottle, LoggedThrottle):
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
