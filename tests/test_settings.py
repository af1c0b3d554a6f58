import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_check(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_production_settings_start_with_a_secret_key():
    result = run_check(DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="factcheck.example.org")
    assert result.returncode == 0, result.stderr


def test_a_boolean_setting_that_is_not_a_boolean_is_refused():
    result = run_check(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def settings_with(monkeypatch, tmp_path, **env: str) -> dict:
    """The settings module run afresh with this environment (the running settings stay as they are)."""
    for name in ("DATABASE_URL", "DATABASE_CONN_MAX_AGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.setenv("FACTCHECK_VAR_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "factcheck" / "settings.py"))


def test_database_url_selects_the_database_and_our_connection_settings(monkeypatch, tmp_path):
    database = settings_with(
        monkeypatch, tmp_path,
        DATABASE_URL="postgres://reporter:s3cret@db.newsroom.example:6543/newsroom", DATABASE_CONN_MAX_AGE="5",
    )["DATABASES"]["default"]

    wanted = {"ENGINE": "django.db.backends.postgresql", "NAME": "newsroom", "USER": "reporter",
              "PASSWORD": "s3cret", "HOST": "db.newsroom.example", "PORT": 6543, "CONN_MAX_AGE": 5,
              "CONN_HEALTH_CHECKS": True}
    assert {key: database.get(key) for key in wanted} == wanted


def test_without_a_database_url_it_is_sqlite_in_the_var_folder(monkeypatch, tmp_path):
    database = settings_with(monkeypatch, tmp_path)["DATABASES"]["default"]

    assert (database["ENGINE"], database["NAME"]) == ("django.db.backends.sqlite3", str(tmp_path / "factcheck.sqlite3"))
    assert database["CONN_MAX_AGE"] == 60


def test_env_example_lists_every_setting_read_from_the_environment():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    source = "\n".join(
        path.read_text()
        for package in ("factcheck", "claims", "reviews", "seeds")
        for path in (root / package).rglob("*.py")
    )
    read = set(re.findall(r'(?:os\.environ(?:\.get)?[\[(]|env_bool\(|env_list\()"([A-Z][A-Z0-9_]+)"', source))
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (root / ".env.example").read_text(), re.M))

    assert {"SITE_URL", "FACTCHECK_ORGANIZATION_NAME", "FACTCHECK_ORGANIZATION_URL", "SECURE_SSL_REDIRECT",
            "API_THROTTLE_ANON", "WEBHOOK_TIMEOUT", "ARTICLE_FETCH_DEADLINE"} <= read
    assert read - {"DJANGO_SETTINGS_MODULE"} - listed == set()


def test_production_has_no_development_address(monkeypatch, tmp_path):
    for name in ("SITE_URL", "FACTCHECK_ORGANIZATION_URL", "FACTCHECK_ORGANIZATION_NAME"):
        monkeypatch.delenv(name, raising=False)
    production = settings_with(
        monkeypatch, tmp_path, DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="factcheck.example.org,.example.org",
    )
    development = settings_with(monkeypatch, tmp_path, DEBUG="1")

    assert (production["SITE_URL"], production["FACTCHECK_ORGANIZATION"]["url"]) == (
        "https://factcheck.example.org", "https://factcheck.example.org/",
    )
    assert "127.0.0.1:8000" not in repr({name: value for name, value in production.items() if name.isupper()})
    assert development["SITE_URL"] == "http://127.0.0.1:8000"


def test_the_newsroom_and_its_address_come_from_the_environment(monkeypatch, tmp_path):
    configured = settings_with(
        monkeypatch, tmp_path, DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="*",
        SITE_URL="https://verdicts.newsroom.example/", FACTCHECK_ORGANIZATION_NAME="Factcheck.kz",
        FACTCHECK_ORGANIZATION_URL="https://factcheck.kz/",
    )
    unnamed_host = settings_with(monkeypatch, tmp_path, DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="*",
                                 SITE_URL="", FACTCHECK_ORGANIZATION_URL="")

    assert configured["SITE_URL"] == "https://verdicts.newsroom.example"
    assert configured["FACTCHECK_ORGANIZATION"] == {"name": "Factcheck.kz", "url": "https://factcheck.kz/"}
    # No host to name: ClaimReview takes the request's own address (reviews.publishing.claimreview).
    assert (unnamed_host["SITE_URL"], unnamed_host["FACTCHECK_ORGANIZATION"]["url"]) == ("", "")
