"""A digest of the files a published verdict's text is shaped by: what is kept beyond a deploy
(pages in Redis, documents in the database) is keyed by it, so new code never serves old text."""

import contextlib
import hashlib
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings


def code_digest(names: Iterable[str | Path], *settings_read: object) -> str:
    """SHA-256 hex of the files (paths relative to BASE_DIR, or absolute) and of the settings
    the text depends on; a missing file counts as empty."""
    digest = hashlib.sha256(repr(settings_read).encode())
    for name in names:
        with contextlib.suppress(OSError):
            digest.update((Path(settings.BASE_DIR) / name).read_bytes())
    return digest.hexdigest()
