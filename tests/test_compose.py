from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_compose_names_the_six_services_with_their_commands():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]

    assert set(services) == {"db", "redis", "web", "worker", "worker-io", "beat"}
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert "gunicorn" in services["web"]["command"]
    assert "migrate" in services["web"]["command"] and "load_seeds" in services["web"]["command"]
    assert "celery -A factcheck worker" in services["worker"]["command"]
    assert "celery -A factcheck worker" in services["worker-io"]["command"]
    assert "celery -A factcheck beat" in services["beat"]["command"]
    for name in ("web", "worker", "worker-io", "beat"):
        assert services[name]["build"] == "." or services[name]["image"] == services["web"]["image"]
    for name in ("db", "redis", "web"):
        assert "healthcheck" in services[name], f"{name} has no health check"


def test_compose_environment_points_the_app_at_its_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    env = compose["x-app-environment"]
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379")
    assert env["DEBUG"] == "0"


def test_the_workers_between_them_consume_every_queue():
    from django.conf import settings

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    consumed = set()
    for name in ("worker", "worker-io"):
        words = compose["services"][name]["command"].split()
        consumed |= set(words[words.index("-Q") + 1].split(","))
    assert consumed == {queue.name for queue in settings.CELERY_TASK_QUEUES}
