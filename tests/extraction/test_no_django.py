"""The extractor is pure Python: importing and running it loads no Django module."""

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
PROBE = """
import datetime, sys
from claims.extraction import EXTRACTOR_VERSION, extract
extract("Кеше 5 адам келді.", published=datetime.date(2024, 5, 10))
loaded = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
print(EXTRACTOR_VERSION, loaded)
"""


def test_claims_extraction_imports_no_django_module():
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT)},
    )
    version, loaded = result.stdout.split(" ", 1)
    assert loaded.strip() == "[]"
    assert version.count(".") == 2
