"""The one Celery app: reads Django settings under the CELERY_ namespace."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = {
    "retry-stalled-extractions": {
        "task": "claims.tasks.retry_stalled_extractions",
        "schedule": 300.0,
    },
}
