"""The one Celery app: reads Django settings under the CELERY_ namespace (beat's schedule too)."""

import os
from pathlib import Path
from typing import Any

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The apps' ready() imports their tasks modules (reviews keeps them with their subjects,
# reviews/rechecks and reviews/publishing), so a worker knows every task once Django is set up.
app.autodiscover_tasks()

FILESYSTEM_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


@app.on_after_configure.connect
def make_filesystem_broker_folders(sender: Celery, **kwargs: Any) -> None:
    """kombu's filesystem transport (the embedded default) needs its folders before a message
    is sent or read; made when the app is first configured, not when settings are imported."""
    options = sender.conf.broker_transport_options or {}
    for key in FILESYSTEM_FOLDERS:
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)
