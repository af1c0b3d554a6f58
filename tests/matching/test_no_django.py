"""The matcher is pure Python: importing and running it loads no Django module."""

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
PROBE = """
import datetime, sys
from claims.matching import Matcher
m = Matcher()
m.add("a", "Кеше 5 адам келді.", language="kk", published=datetime.date(2024, 5, 10))
m.search("Вчера пришли 5 человек.", language="ru", published=datetime.date(2024, 5, 10))
print(sorted(name for name in sys.modules if name == "django" or name.startswith("django.")))
"""


def test_claims_matching_imports_no_django_module():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=PROJECT, capture_output=True, text=True, timeout=300, check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT)},
    )
    assert result.stdout.strip() == "[]"
