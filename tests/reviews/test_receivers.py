"""The receivers of review moves are connected in every process, not only where imported."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_move_receivers_are_connected_once_django_is_set_up():
    script = (
        "import django; django.setup();"
        "from reviews.workflow.signals import review_moved;"
        "print(sorted(str(key[0]) for key in review_moved.receivers))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "reviews.rechecks.notices.on_submit" in result.stdout
    assert "reviews.publishing.webhooks.verdict_published" in result.stdout
