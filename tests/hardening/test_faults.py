"""Faults: the database connection lost mid-request, the broker down, a worker killed mid-task.

Each answers cleanly (503 with a JSON body, or a queued retry) and leaves no partial write."""

import datetime
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.db.models.signals import pre_save

from claims.models import Article, Claim, ExtractionStatus
from reviews.models import Review, ReviewEvent, ReviewStatus
from tests.conftest import skip_or_fail
from tests.factories import ReviewFactory
from tests.hardening.conftest import client_as

ROOT = Path(__file__).resolve().parents[2]
BODY = (
    "Қалада кемінде 20 мектеп жөндеуден өтті.\n"
    "Министрдің айтуынша, 2023 жылы 340-тан астам жол салынды.\n"
    "Келесі кездесу наурыздың ортасына жоспарланып отыр."
)


def wait_for(predicate: Callable[[], bool], timeout: float = 60.0, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


# --- PostgreSQL goes away mid-request --------------------------------------------------------


def terminate_our_backend() -> None:
    """Kill this test's PostgreSQL session from another connection, as a failover or an
    administrator would: the next statement on it fails with OperationalError."""
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    dsn = {key: params[key] for key in ("dbname", "user", "host", "port", "password") if params.get(key)}
    with psycopg.connect(**dsn, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


@contextmanager
def database_lost_when_saving(model) -> Iterator[None]:
    def terminate(sender, **kwargs):
        pre_save.disconnect(terminate, sender=model)
        terminate_our_backend()

    pre_save.connect(terminate, sender=model, weak=False)
    try:
        yield
    finally:
        pre_save.disconnect(terminate, sender=model)
        # The test client keeps the request's connection; drop the dead one.
        connection.close()


def service_unavailable(response) -> None:
    assert response.status_code == 503, response.content
    assert response["Retry-After"] == "5"
    body = json.loads(response.content)
    assert body == {
        "error": "service_unavailable",
        "detail": "The database is unavailable; try again shortly.",
        "field": None,
        "request_id": response["X-Request-ID"],
    }


@pytest.mark.postgres
def test_a_move_cut_off_by_a_lost_database_answers_503_and_changes_nothing(require_postgres, transactional_db):
    client = client_as("fact_checker")
    review = ReviewFactory()
    client.get("/api/v1/claims/")  # the session's connection is open

    # The conditional UPDATE has run; the event row is next when the connection goes.
    with database_lost_when_saving(ReviewEvent):
        response = client.post(f"/api/v1/claims/{review.claim_id}/take/", {}, format="json")

    service_unavailable(response)
    review = Review.objects.get(pk=review.pk)
    assert (review.status, review.version, review.assignee_id) == (ReviewStatus.NEW, 0, None)
    assert ReviewEvent.objects.count() == 0
    # The next request gets a fresh connection and the move goes through once.
    response = client.post(f"/api/v1/claims/{review.claim_id}/take/", {}, format="json")
    assert response.status_code == 200, response.content
    assert ReviewEvent.objects.filter(review=review).count() == 1


@pytest.mark.postgres
def test_an_ingest_cut_off_by_a_lost_database_answers_503_and_stores_nothing(require_postgres, transactional_db):
    client = client_as("api_client")
    client.get("/api/v1/articles/")

    with database_lost_when_saving(Article):
        response = client.post(
            "/api/v1/articles/", {"title": "Мектептер", "body": BODY, "published_on": "2026-11-20"}, format="json"
        )

    service_unavailable(response)
    assert Article.objects.count() == 0


@pytest.mark.postgres
def test_a_read_on_a_lost_connection_answers_503(require_postgres, transactional_db):
    client = client_as("fact_checker")
    assert client.get("/api/v1/claims/").status_code == 200
    terminate_our_backend()
    try:
        response = client.get("/api/v1/claims/")
    finally:
        connection.close()
    service_unavailable(response)
    assert client.get("/api/v1/claims/").status_code == 200


# --- Redis (the broker) goes down --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DisposableRedis:
    """A redis-server of our own on a free loopback port, to stop and start at will."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        assert wait_for(lambda: self.answers(), timeout=10), "redis-server did not start"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


def point_celery_at(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Publish to and consume from `url` from now on.

    Celery reads CELERY_BROKER_URL from the environment before its configuration, and caches
    its connection pools; both are replaced."""
    from factcheck.celery import app

    monkeypatch.setenv("CELERY_BROKER_URL", url)
    monkeypatch.setitem(app.conf, "broker_url", url)
    app._after_fork()  # drops the cached connection and producer pools


@pytest.fixture
def own_redis(monkeypatch) -> Iterator[DisposableRedis]:
    if not shutil.which("redis-server"):
        skip_or_fail("needs redis-server on PATH to stop and start a broker of its own")
    from factcheck.celery import app

    redis = DisposableRedis(free_port())
    redis.start()
    eager = app.conf.task_always_eager
    point_celery_at(redis.url, monkeypatch)
    app.conf.task_always_eager = False
    try:
        yield redis
    finally:
        redis.stop()
        app.conf.task_always_eager = eager
        monkeypatch.undo()
        app._after_fork()


@pytest.mark.celery_worker
def test_with_the_broker_down_reads_work_ingest_succeeds_and_the_sweep_runs_it_later(own_redis, transactional_db):
    from celery.contrib.testing.worker import start_worker

    from claims.tasks import retry_stalled_extractions
    from factcheck.celery import app

    newsroom_site = client_as("api_client")
    own_redis.stop()

    # Reads keep working; the readiness check says what is wrong.
    assert newsroom_site.get("/api/v1/articles/").status_code == 200
    assert newsroom_site.get("/healthz").status_code == 200
    readiness = newsroom_site.get("/readyz")
    assert readiness.status_code == 503, readiness.content
    assert readiness.json()["problems"] == ["broker: OperationalError"]
    # The write that queues work succeeds: the article is stored and left pending.
    started = time.monotonic()
    response = newsroom_site.post(
        "/api/v1/articles/", {"title": "Мектептер", "body": BODY, "published_on": "2026-11-20"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert time.monotonic() - started < 10, "publishing to a dead broker must fail fast"
    article = Article.objects.get()
    assert article.extraction_status == ExtractionStatus.PENDING

    # The broker is back; the beat sweep queues the stalled article and a worker extracts it.
    own_redis.start()
    Article.objects.filter(pk=article.pk).update(
        updated_at=article.updated_at - datetime.timedelta(minutes=settings.EXTRACTION_STALLED_AFTER_MINUTES + 1)
    )
    assert retry_stalled_extractions() == 1
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert wait_for(lambda: Article.objects.get(pk=article.pk).extraction_status == ExtractionStatus.DONE)
    assert Claim.objects.filter(article=article).exists()
    assert Review.objects.filter(claim__article=article).count() == Claim.objects.filter(article=article).count()


# --- A worker killed in the middle of an extraction ---------------------------------------------


class WorkerProcess:
    """`celery worker` as production runs it (prefork, acks_late, reject_on_worker_lost), with
    the extraction slowed by tests/hardening/slow_worker.py so it can be killed mid-task."""

    def __init__(self, name: str, log: Path, environment: dict[str, str]) -> None:
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.hardening.slow_worker", "worker", "--pool=prefork",
             "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"{name}@%h"],
            cwd=ROOT, env=environment, stdout=log.open("ab"), stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, to kill parent and children at once
        )

    def kill_everything(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill_everything()


@pytest.fixture
def worker_environment(require_postgres, require_redis, transactional_db, tmp_path) -> dict[str, str]:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    database_url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": require_redis,
        "FACTCHECK_VAR_DIR": str(tmp_path / "var"),
        "SLOW_EXTRACTION_MARKER": str(tmp_path / "started"),
        "SLOW_EXTRACTION_SECONDS": "120",
        "LOG_FORMAT": "json",
    }


def ingest_and_wait_until_started(environment: dict[str, str]) -> Article:
    from factcheck.celery import app

    app.control.purge()
    client = client_as("api_client")
    response = client.post(
        "/api/v1/articles/", {"title": "Мектептер", "body": BODY, "published_on": "2026-11-20"}, format="json"
    )
    assert response.status_code == 201, response.content
    marker = Path(environment["SLOW_EXTRACTION_MARKER"])
    assert wait_for(marker.exists, timeout=60), "the worker never started the extraction"
    article = Article.objects.get()
    article.ingest_request_id = response["X-Request-ID"]
    return article


def assert_claims_stored_once(article: Article) -> None:
    from claims.extraction import extract

    expected = extract(article.body, published=article.published_on, language=article.language or None)
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.DONE
    assert article.extraction_attempts == 2
    assert Claim.objects.filter(article=article).count() == len(expected) > 0
    assert Review.objects.filter(claim__article=article).count() == len(expected)


@pytest.mark.postgres
@pytest.mark.celery_worker
def test_a_killed_worker_child_is_replaced_and_the_task_runs_again_once(worker_environment, tmp_path):
    worker = WorkerProcess("child", tmp_path / "worker.log", worker_environment)
    try:
        article = ingest_and_wait_until_started(worker_environment)
        child = int(Path(worker_environment["SLOW_EXTRACTION_MARKER"]).read_text())
        assert child != worker.process.pid
        os.kill(child, signal.SIGKILL)

        # reject_on_worker_lost: the message goes back to the queue at once, a new child runs it.
        assert wait_for(
            lambda: Article.objects.get(pk=article.pk).extraction_status == ExtractionStatus.DONE, timeout=90
        ), (tmp_path / "worker.log").read_text()[-3000:]
        # The task's own log lines come after its commit: wait for them before stopping the worker.
        wait_for(lambda: '"task_name": "claims.tasks.extract_article"' in (tmp_path / "worker.log").read_text(),
                 timeout=30)
    finally:
        worker.stop()
    assert_claims_stored_once(article)
    log = (tmp_path / "worker.log").read_text()
    assert "WorkerLostError" in log
    # The worker writes JSON lines naming the task, and the request that queued it.
    task_lines = [json.loads(line) for line in log.splitlines() if line.startswith("{") and '"task_id"' in line]
    extraction_lines = [line for line in task_lines if line["task_name"] == "claims.tasks.extract_article"]
    assert extraction_lines
    assert {line["request_id"] for line in extraction_lines} == {article.ingest_request_id}


@pytest.mark.postgres
@pytest.mark.celery_worker
def test_a_worker_killed_outright_leaves_the_task_to_the_next_worker(worker_environment, tmp_path):
    # The broker hands an unacknowledged task to another worker after the visibility timeout
    # (an hour in production, longer than any task may run; seconds here).
    environment = {**worker_environment, "TEST_VISIBILITY_TIMEOUT": "6"}
    first = WorkerProcess("first", tmp_path / "first.log", environment)
    try:
        article = ingest_and_wait_until_started(environment)
        first.kill_everything()
        assert Article.objects.get(pk=article.pk).extraction_status == ExtractionStatus.PENDING
        second = WorkerProcess("second", tmp_path / "second.log", environment)
        try:
            assert wait_for(
                lambda: Article.objects.get(pk=article.pk).extraction_status == ExtractionStatus.DONE, timeout=90
            ), (tmp_path / "second.log").read_text()[-3000:]
        finally:
            second.stop()
    finally:
        first.stop()
    assert_claims_stored_once(article)
