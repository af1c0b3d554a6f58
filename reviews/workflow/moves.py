"""Review statuses and the one table of moves between them (style rule 1).

The services in `reviews/workflow/services/` are the only code that applies a move; they read this
table for where a move may start, where it lands and who may make it. The admin and the API
read it to show the moves a user may make now.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    NEW = "new", _("new")
    RESEARCHING = "researching", _("researching")
    SCHEDULED = "scheduled", _("scheduled")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")
    DISMISSED = "dismissed", _("dismissed")


class Role(StrEnum):
    FACT_CHECKER = "fact_checker"  # editors and superusers hold it too
    EDITOR = "editor"
    SYSTEM = "system"  # no person: the actor is None (the re-check sweep)


@dataclass(frozen=True)
class Move:
    name: str
    label: str | Promise  # lazily translated
    paths: dict[str, str]  # from status -> to status
    role: Role
    needs: tuple[str, ...] = ()  # inputs the move refuses to run without
    # Where the move lands instead when nobody is assigned: `researching` always has an owner.
    unassigned_to: str | None = None
    help_text: str | Promise = field(default="", compare=False)

    @property
    def sources(self) -> frozenset[str]:
        return frozenset(self.paths)

    def target(self, from_status: str, *, assigned: bool) -> str:
        if not assigned and self.unassigned_to is not None:
            return self.unassigned_to
        return self.paths[from_status]


S = ReviewStatus
# fmt: off
MOVES: dict[str, Move] = {move.name: move for move in (
    Move("take",        _("Take"),           {S.NEW: S.RESEARCHING},            Role.FACT_CHECKER,
         help_text=_("Assign yourself and start researching.")),
    # Assigning a new claim starts its research, so `researching` keeps meaning "someone is
    # on it"; elsewhere assigning hands the work over and leaves the status as it is.
    Move("assign",      _("Assign"),         {S.NEW: S.RESEARCHING, S.RESEARCHING: S.RESEARCHING,
                                              S.SCHEDULED: S.SCHEDULED, S.IN_REVIEW: S.IN_REVIEW},
         Role.EDITOR, needs=("assignee",)),
    Move("dismiss",     _("Dismiss"),        {S.NEW: S.DISMISSED},              Role.FACT_CHECKER,
         help_text=_("Not worth checking.")),
    Move("restore",     _("Restore"),        {S.DISMISSED: S.NEW},              Role.FACT_CHECKER),
    Move("schedule",    _("Schedule"),       {S.NEW: S.SCHEDULED, S.RESEARCHING: S.SCHEDULED},
         Role.FACT_CHECKER, needs=("recheck_on",),
         help_text=_("Wait until the claim can be settled; it comes back on the re-check date.")),
    Move("recheck_now", _("Re-check now"),   {S.SCHEDULED: S.RESEARCHING},      Role.FACT_CHECKER,
         unassigned_to=S.NEW),
    # The beat sweep's move when the re-check date has come (reviews.rechecks.tasks.open_due_rechecks).
    Move("open_due",    _("Re-check date"),  {S.SCHEDULED: S.RESEARCHING},      Role.SYSTEM,
         unassigned_to=S.NEW),
    Move("submit",      _("Submit verdict"), {S.RESEARCHING: S.IN_REVIEW},      Role.FACT_CHECKER,
         needs=("rating", "explanation", "sources")),
    # A confirmed match to a published verdict: the claim goes to an editor as a verdict that
    # carries the earlier one's rating and cites it (reviews.workflow.services.moves).
    Move("close_as_checked", _("Close as already checked"), {S.NEW: S.IN_REVIEW, S.RESEARCHING: S.IN_REVIEW},
         Role.FACT_CHECKER, needs=("match",),
         help_text=_("Checked before: the verdict of the confirmed match, its rating and a link to it, "
                     "go to an editor for approval.")),
    Move("send_back",   _("Send back"),      {S.IN_REVIEW: S.RESEARCHING},      Role.EDITOR,
         needs=("note",)),
    Move("approve",     _("Approve and publish"), {S.IN_REVIEW: S.PUBLISHED},   Role.EDITOR,
         help_text=_("Another editor than the one who submitted it must approve.")),
    Move("reopen",      _("Reopen for correction"), {S.PUBLISHED: S.RESEARCHING}, Role.EDITOR,
         needs=("note",), help_text=_("The next publication needs a correction note.")),
    # The sweep's move when a published verdict's check-again date comes (reviews.rechecks.sweep).
    Move("reopen_due",  _("Check-again date"), {S.PUBLISHED: S.RESEARCHING},   Role.SYSTEM,
         unassigned_to=S.NEW),
)}
# fmt: on
del S
