"""What the system writes in a review's history, stored as a code and its values and put
into words when read, in the reader's language (a person's own note is kept as typed).

Dates are stored as ISO strings and shown in the reader's date format.
"""

import datetime
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reviews.workflow.ratings import Rating

NOTES: dict[str, Promise] = {
    "extracted": _("Claim extracted"),
    "assigned": _("Assigned to %(assignee)s"),
    "recheck_due": _("Re-check date %(date)s arrived"),
    "check_again_due": _("Check-again date %(date)s arrived"),
    "check_again_due_because": _("Check-again date %(date)s arrived (%(reason)s)"),
    "rescheduled": _("Re-check date moved to %(date)s"),
    "rescheduled_from": _("Re-check date moved to %(date)s (was %(was)s)"),
    "source_added": _("Source added: %(source)s"),
    "source_changed": _("Source changed: %(source)s (%(fields)s)"),
    "source_removed": _("Source removed: %(source)s"),
    "added_by_hand": _("Claim added by hand (seen: %(seen)s)"),
    "claim_corrected": _("Claim corrected: %(changes)s"),
    "claim_split": _("Claim split: the rest is claim #%(claim)s"),
    "split_from": _("Split from claim #%(claim)s"),
    "merged_into": _("Merged into claim #%(claim)s"),
    "closed_as_checked": _("Closed as already checked: verdict #%(verdict)s (%(rating)s)"),
    "joined_group": _("The same claim as #%(claim)s: worked on with it"),
    "left_group": _("Not the same claim as #%(claim)s: worked on by itself"),
    "published_with_lead": _("Published with claim #%(claim)s, the same claim"),
}
DATE_VALUES = {"date", "was"}
RATING_VALUES = {"rating"}  # stored as the rating's value, shown as its label


def note_values(**values: Any) -> dict[str, str]:
    """Values as stored: dates as ISO strings, everything else as text."""
    return {
        name: value.isoformat() if isinstance(value, datetime.date) else str(value) for name, value in values.items()
    }


def _shown(name: str, value: str) -> str:
    if name in RATING_VALUES and value in Rating.values:
        return str(Rating(value).label)
    if name in DATE_VALUES:
        try:
            return formats.date_format(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    return value


def note_text(code: str, values: dict[str, str] | None, typed: str = "") -> str:
    """The note in the active language: the system's words, then the person's own."""
    if code not in NOTES:
        return typed
    said = str(NOTES[code]) % {name: _shown(name, value) for name, value in (values or {}).items()}
    return f"{said}: {typed}" if typed else said
