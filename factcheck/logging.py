"""Structured logs: one JSON object a line, each with the request or task it belongs to.

The formatter is python-json-logger's; this module adds what it cannot know: the request id
(set by `factcheck.middleware.RequestIdMiddleware`), the Celery task running in a worker, and
redaction of credentials before anything is written.
"""

import contextvars
import logging
import logging.config
import re
from collections.abc import Mapping
from typing import Any

REDACTED = "[redacted]"

# The request being served by this thread or task, for log lines and error bodies.
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# Attribute and dict keys whose values are credentials: headers (Authorization, Cookie,
# X-CSRFToken), form fields (password, password1, new_password), settings (SECRET_KEY), tokens.
SENSITIVE_KEY = re.compile(
    r"authorization|cookie|passw|secret|token|api[-_]?key|session|csrf|signature|credential",
    re.IGNORECASE,
)

# The same credentials where they turn up inside text: a header line, a query string, a DSN.
SENSITIVE_TEXT = [
    # "Authorization: Token abc", "'HTTP_AUTHORIZATION': 'Bearer abc'", "Cookie: sessionid=…"
    re.compile(
        r"(?P<keep>\b(?:HTTP_)?(?:authorization|proxy-authorization|cookie|set-cookie|x-csrftoken)['\"]?\s*[:=]\s*['\"]?)"
        r"(?P<secret>[^'\"\r\n]+)",
        re.IGNORECASE,
    ),
    # "Bearer abc", "Token abc", "Basic abc" anywhere
    re.compile(r"(?P<keep>\b(?:bearer|token|basic)\s+)(?P<secret>[A-Za-z0-9._~+/=-]{8,})", re.IGNORECASE),
    # "password=hunter2", "api_key: abc", "sessionid=abc", "'secret': 'abc'"
    re.compile(
        r"(?P<keep>\b[\w-]*(?:passw\w*|secret\w*|token|api[-_]?key|sessionid|csrftoken|csrfmiddlewaretoken)"
        r"['\"]?\s*[:=]\s*['\"]?)(?P<secret>[^\s&'\",;}]+)",
        re.IGNORECASE,
    ),
    # postgres://user:password@host
    re.compile(r"(?P<keep>\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)(?P<secret>[^@\s]+)(?=@)", re.IGNORECASE),
]

# Attributes every LogRecord has; everything else on a record came in through `extra=`.
STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


def redact_text(text: str) -> str:
    for pattern in SENSITIVE_TEXT:
        text = pattern.sub(lambda match: match.group("keep") + REDACTED, text)
    return text


def redact(value: Any, depth: int = 0) -> Any:
    """A copy of value with credentials replaced; objects become their (redacted) text."""
    if depth > 5:
        return REDACTED
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, Mapping):
        return {
            key: REDACTED if SENSITIVE_KEY.search(str(key)) else redact(item, depth + 1)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [redact(item, depth + 1) for item in value]
    return redact_text(str(value))


class RedactSecretsFilter(logging.Filter):
    """Replace credentials in the message, its arguments, `extra` fields and tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the line
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact_text(message)
        record.args = ()
        if record.exc_info:
            record.exc_text = redact_text(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        for key in [key for key in vars(record) if key not in STANDARD_ATTRS]:
            value = getattr(record, key)
            setattr(record, key, REDACTED if SENSITIVE_KEY.search(key) else redact(value))
        return True


class ContextFilter(logging.Filter):
    """Add the request id, and in a worker the Celery task's id and name, to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            # django.request logs a 4xx/5xx after the middleware has returned, with the request.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", "") or request_id_var.get()
        if not getattr(record, "request_id", "") and isinstance(record.args, Mapping):
            # Gunicorn's access line: its arguments hold the response headers, ours included.
            record.request_id = str(record.args.get("{x-request-id}o") or "")
        task = current_celery_task()
        if task is not None:
            record.task_id = task.request.id
            record.task_name = task.name
            if not getattr(record, "request_id", ""):
                record.request_id = getattr(task.request, "request_id", None) or task.request.id or ""
        return True


def current_celery_task() -> Any:
    try:
        from celery import current_task
    except ImportError:  # pragma: no cover (celery is a dependency)
        return None
    task = current_task._get_current_object() if current_task else None
    if task is None or getattr(task.request, "id", None) is None:
        return None
    return task


def logging_config(*, level: str, json: bool) -> dict[str, Any]:
    """The LOGGING dict for settings: JSON lines (or plain text for a terminal) on stderr."""
    formatter: dict[str, Any]
    if json:
        formatter = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            # ISO 8601 in UTC, whatever TIME_ZONE says.
            "timestamp": "time",
            "json_ensure_ascii": False,
        }
    else:
        formatter = {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "context": {"()": "factcheck.logging.ContextFilter"},
            "redact": {"()": "factcheck.logging.RedactSecretsFilter"},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["context", "redact"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # django-axes says INFO for every sign-in; its warnings (failures, lockouts) are what matter.
            "axes": {"level": "WARNING"},
            # In gunicorn's workers, once Django has loaded, its error and access lines (with
            # --access-logfile) come through this handler too; the master's start-up lines don't.
            "gunicorn.error": {"level": level, "handlers": [], "propagate": True},
            "gunicorn.access": {"level": level, "handlers": [], "propagate": True},
        },
    }


def configure_worker_logging(**kwargs: Any) -> None:
    """Celery's `setup_logging` signal: keep the Django LOGGING config in workers and beat.

    Connected, Celery leaves logging alone instead of installing its own plain-text handler.
    """
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


def pass_request_id_to_task(headers: dict | None = None, **kwargs: Any) -> None:
    """Celery's `before_task_publish`: work queued while serving a request carries its id, so
    the worker's lines for it can be found with the request's."""
    request_id = request_id_var.get()
    if headers is not None and request_id:
        headers.setdefault("request_id", request_id)


def connect_celery_signals() -> None:
    from celery import signals

    signals.setup_logging.connect(configure_worker_logging, weak=False, dispatch_uid="factcheck-logging")
    signals.before_task_publish.connect(pass_request_id_to_task, weak=False, dispatch_uid="factcheck-request-id")


connect_celery_signals()
