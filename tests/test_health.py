import pytest
from django.db import connection

from tests.recheck.conftest import broker_at

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_checks_database_broker_and_migrations(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok"}


def test_readyz_answers_503_when_the_broker_is_unreachable(client):
    with broker_at("redis://127.0.0.1:1/0"):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "problems": ["broker: OperationalError"]}


def test_readyz_answers_503_with_pending_migrations(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("claims", "0099_future")])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["database: 1 migrations not applied"]
    assert connection.is_usable()


def test_health_endpoints_refuse_writes(client):
    assert client.post("/healthz").status_code == 405
