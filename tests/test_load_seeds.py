import datetime

import pytest
from django.core.management import call_command

from claims.models import Article

pytestmark = pytest.mark.django_db


def test_load_seeds_twice_leaves_one_article(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as first_run:
        call_command("load_seeds")
    with django_capture_on_commit_callbacks() as second_run:
        call_command("load_seeds")

    assert Article.objects.count() == 1
    article = Article.objects.get()
    assert article.language == "kk"
    assert article.published_on == datetime.date(2018, 2, 23)
    assert article.title.startswith("Қазақстан делегациясы Сирияда")
    assert "кемінде 340 бейбіт тұрғын" in article.body
    assert len(first_run) == 1, "the first run queues the extraction"
    assert second_run == [], "the second run queues nothing"


def test_demo_superuser_is_created_once(capsys, settings):
    settings.DEBUG = True
    call_command("create_demo_superuser")
    call_command("create_demo_superuser")
    out = capsys.readouterr().out
    assert out.count("password:") == 1
    assert "A superuser exists already" in out


def test_demo_superuser_is_refused_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("create_demo_superuser")
