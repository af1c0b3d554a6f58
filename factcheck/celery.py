"""The one Celery app: reads Django settings under the CELERY_ namespace."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# From the environment, as settings.RECHECK_SWEEP_MINUTES is: this module is imported while the
# settings module is still loading, so django.conf.settings cannot be read here.
RECHECK_SWEEP_MINUTES = int(os.environ.get("RECHECK_SWEEP_MINUTES", "5"))
app.conf.beat_schedule = {
    "retry-stalled-extractions": {
        "task": "claims.tasks.retry_stalled_extractions",
        "schedule": 300.0,
    },
    # Scheduled reviews whose re-check date has come go back to reviewers. A date is a
    # column swept here, never a Celery ETA (see design.md, Re-checks).
    "open-due-rechecks": {
        "task": "reviews.tasks.open_due_rechecks",
        "schedule": RECHECK_SWEEP_MINUTES * 60.0,
    },
    # Outlets' feeds and sitemaps whose poll is due (a due column swept, like the re-checks).
    "poll-due-feeds": {
        "task": "claims.monitoring.tasks.poll_due_sources",
        "schedule": float(os.environ.get("FEED_SWEEP_SECONDS", "60")),
    },
}
