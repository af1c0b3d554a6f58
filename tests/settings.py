"""The suite runs on the development settings: production ones refuse to start without a key."""

import os

os.environ.setdefault("DEBUG", "1")

from factcheck.settings import *  # noqa: F403
