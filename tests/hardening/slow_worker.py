"""The Celery app for the killed-worker tests (`celery -A tests.hardening.slow_worker worker`).

The first extraction in a run writes its process id to SLOW_EXTRACTION_MARKER and then waits
SLOW_EXTRACTION_SECONDS, long enough for the test to kill it; later ones run at full speed.
Nothing here is used outside those tests.
"""

import os
import time
from pathlib import Path

import claims.extraction
from factcheck.celery import app

__all__ = ["app"]

_extract = claims.extraction.extract


def slow_first_extract(*args, **kwargs):
    marker = Path(os.environ["SLOW_EXTRACTION_MARKER"])
    if not marker.exists():
        marker.write_text(str(os.getpid()))
        time.sleep(float(os.environ.get("SLOW_EXTRACTION_SECONDS", "120")))
    return _extract(*args, **kwargs)


claims.extraction.extract = slow_first_extract

if os.environ.get("TEST_VISIBILITY_TIMEOUT"):
    app.conf.broker_transport_options = {
        **app.conf.broker_transport_options,
        "visibility_timeout": int(os.environ["TEST_VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
