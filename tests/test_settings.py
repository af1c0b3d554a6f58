import os
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


def test_database_url_selects_the_database(monkeypatch):
    import dj_database_url

    parsed = dj_database_url.parse("postgres://postgres@127.0.0.1:5432/factcheck")
    assert parsed["ENGINE"] == "django.db.backends.postgresql"
    assert parsed["NAME"] == "factcheck"


def test_env_example_lists_every_setting_read_from_the_environment():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    source = "\n".join(path.read_text() for path in (root / "factcheck").glob("*.py"))
    read = set(re.findall(r'(?:os\.environ(?:\.get)?[\[(]|env_bool\(|env_list\()"([A-Z][A-Z0-9_]+)"', source))
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (root / ".env.example").read_text(), re.M))

    assert read - {"DJANGO_SETTINGS_MODULE"} - listed == set()
