"""The one Celery app: reads Django settings under the CELERY_ namespace."""

import os

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = {
    "retry-stalled-extractions": {
        "task": "claims.tasks.retry_stalled_extractions",
        "schedule": 300.0,
    },
    # Scheduled reviews whose re-check date has come go back to reviewers. A date is a
    # column swept here, never a Celery ETA (see design.md, Re-checks).
    "open-due-rechecks": {
        "task": "reviews.tasks.open_due_rechecks",
        "schedule": settings.RECHECK_SWEEP_MINUTES * 60.0,
    },
}
