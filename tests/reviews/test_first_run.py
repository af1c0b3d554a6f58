"""The first run: the demo account says where to log in and how to reset its password; no kombu warning."""

import logging

import pytest
from django.core.management import call_command
from kombu import Connection

from tests.test_settings import settings_with

pytestmark = pytest.mark.django_db


def test_the_demo_password_comes_with_the_address_and_how_to_reset_it(capsys, settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8100"

    call_command("create_demo_superuser")
    call_command("create_demo_superuser")

    out = capsys.readouterr().out
    assert "Log in at http://127.0.0.1:8100/admin/ as" in out
    assert out.count("password:") == 1
    assert out.count("manage.py changepassword admin") == 2


def test_the_embedded_broker_connects_without_a_hostname_warning(caplog, monkeypatch, tmp_path):
    # The embedded defaults, whatever broker this run of the suite was given.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    embedded = settings_with(monkeypatch, tmp_path)
    assert embedded["CELERY_BROKER_URL"].startswith("filesystem://")
    with caplog.at_level(logging.WARNING, logger="kombu.connection"):
        Connection(embedded["CELERY_BROKER_URL"], transport_options=embedded["CELERY_BROKER_TRANSPORT_OPTIONS"]).info()

    assert [r.getMessage() for r in caplog.records if "hostname" in r.getMessage()] == []
