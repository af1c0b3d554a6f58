"""Log lines are JSON with the request or task they belong to, and never carry credentials."""

import io
import json
import logging
import logging.config

import pytest
from celery import shared_task

from factcheck.logging import ContextFilter, RedactSecretsFilter, logging_config, request_id_var

SECRETS = ["s3cr3t-t0ken-value", "hunter2-password", "cookie-session-value", "abcdef0123456789abcdef"]


@pytest.fixture
def json_lines():
    """The production handler (JSON formatter, context and redaction filters) writing to a buffer."""
    stream = io.StringIO()
    config = logging_config(level="INFO", json=True)
    config["handlers"]["console"]["stream"] = stream
    config["root"]["handlers"] = []
    config["loggers"] = {"factcheck.test": {"handlers": ["console"], "level": "INFO", "propagate": False}}
    logging.config.dictConfig(config)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@pytest.fixture
def filtered_caplog(caplog):
    caplog.handler.addFilter(ContextFilter())
    caplog.handler.addFilter(RedactSecretsFilter())
    caplog.set_level(logging.INFO)
    return caplog


def test_a_line_is_one_json_object_with_time_level_logger_and_request_id(json_lines):
    token = request_id_var.set("req-0123456789")
    try:
        logging.getLogger("factcheck.test").info("article %s stored", 42, extra={"article_id": 42})
    finally:
        request_id_var.reset(token)

    (line,) = json_lines()
    assert set(line) == {"time", "level", "logger", "message", "request_id", "article_id"}
    assert line["time"].endswith("+00:00")
    assert {key: line[key] for key in ("level", "logger", "message", "request_id", "article_id")} == {
        "level": "INFO",
        "logger": "factcheck.test",
        "message": "article 42 stored",
        "request_id": "req-0123456789",
        "article_id": 42,
    }


def test_kazakh_text_is_written_as_it_is(json_lines):
    logging.getLogger("factcheck.test").info("Мақала сақталды")
    assert json_lines()[0]["message"] == "Мақала сақталды"


def test_credentials_are_redacted_from_message_arguments_extra_and_tracebacks(json_lines):
    log = logging.getLogger("factcheck.test")
    log.warning(
        "request headers %s",
        {"HTTP_AUTHORIZATION": "Token s3cr3t-t0ken-value", "HTTP_COOKIE": "sessionid=cookie-session-value"},
        extra={
            "password": "hunter2-password",
            "headers": {"Authorization": "Bearer abcdef0123456789abcdef", "Accept": "application/json"},
            "form": {"username": "erin", "password1": "hunter2-password"},
        },
    )
    log.info("Authorization: Token s3cr3t-t0ken-value")
    log.info("GET /api/v1/claims/?token=s3cr3t-t0ken-value&page=2")
    log.info("database postgres://factcheck:hunter2-password@db:5432/factcheck")
    try:
        raise ValueError("login failed for password=hunter2-password")
    except ValueError:
        log.exception("sign-in broke")

    lines = json_lines()
    written = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
    for secret in SECRETS:
        assert secret not in written
    first = lines[0]
    assert first["password"] == "[redacted]"
    assert first["headers"] == {"Authorization": "[redacted]", "Accept": "application/json"}
    assert first["form"] == {"username": "erin", "password1": "[redacted]"}
    assert lines[1]["message"] == "Authorization: [redacted]"
    assert lines[2]["message"] == "GET /api/v1/claims/?token=[redacted]&page=2"
    assert lines[3]["message"] == "database postgres://factcheck:[redacted]@db:5432/factcheck"
    assert "ValueError: login failed for password=[redacted]" in lines[4]["exc_info"]


def test_ordinary_words_are_left_alone(filtered_caplog):
    logging.getLogger("factcheck.test").info("the token bucket refilled; 3 sessions open")
    assert filtered_caplog.records[0].getMessage() == "the token bucket refilled; 3 sessions open"


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_so_do_its_log_lines(client, filtered_caplog):
    response = client.get("/no-such-page")

    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    (record,) = [r for r in filtered_caplog.records if r.name == "django.request"]
    assert record.request_id == request_id
    assert client.get("/healthz")["X-Request-ID"] != request_id


@pytest.mark.django_db
def test_a_sane_request_id_from_the_proxy_is_kept(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="edge-4f1c2a9e-0001")
    assert response["X-Request-ID"] == "edge-4f1c2a9e-0001"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "offered",
    ["short", "x" * 200, "evil\nINFO forged line", "spaces are not allowed", '"quoted"', "ид-запроса-123"],
)
def test_an_unusable_request_id_is_replaced(client, offered):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=offered)
    assert response["X-Request-ID"] != offered
    assert len(response["X-Request-ID"]) == 32


@shared_task(name="tests.hardening.log_something")
def log_something() -> None:
    logging.getLogger("factcheck.test").info("inside the task")


def test_a_task_log_line_names_the_task_and_its_id(filtered_caplog):
    result = log_something.apply(task_id="task-id-0001")

    assert result.successful()
    (record,) = [r for r in filtered_caplog.records if r.getMessage() == "inside the task"]
    assert (record.task_id, record.task_name) == ("task-id-0001", "tests.hardening.log_something")
    assert record.request_id == "task-id-0001"


def test_a_gunicorn_access_line_carries_the_request_id_and_no_token(filtered_caplog):
    atoms = {"h": "127.0.0.1", "r": "GET /healthz?token=abcdef123456789 HTTP/1.1", "s": "200",
             "{x-request-id}o": "edge-4f1c2a9e-0002"}
    logging.getLogger("gunicorn.access").info('%(h)s "%(r)s" %(s)s', atoms)

    (record,) = filtered_caplog.records
    assert record.request_id == "edge-4f1c2a9e-0002"
    assert record.getMessage() == '127.0.0.1 "GET /healthz?token=[redacted] HTTP/1.1" 200'
