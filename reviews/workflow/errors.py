"""Domain errors of the review workflow.

Each is a distinct class so callers can map them: the API turns `MoveNotAllowed` and
`InvalidInput` (with its subclass `MissingInput`) into 400, `NotAllowedForRole` into 403 and
`ReviewConflict` into 409; the admin shows `message` to the user.
"""


class ReviewError(Exception):
    """Base class: a workflow move was refused and nothing changed. `message` says why."""

    code = "review_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MoveNotAllowed(ReviewError):
    """The move does not start from the review's current status."""

    code = "move_not_allowed"


class NotAllowedForRole(ReviewError):
    """The actor's role (or relation to the review: assignee, submitter) forbids the move."""

    code = "not_allowed_for_role"


class InvalidInput(ReviewError):
    """A value given to the move is unusable (a past re-check date, an unknown rating)."""

    code = "invalid_input"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class MissingInput(InvalidInput):
    """A value the move needs was not given (rating, explanation, a source, a note)."""

    code = "missing_input"


class ReviewConflict(ReviewError):
    """Someone else moved the review first (a lost race); this move changed nothing."""

    code = "review_conflict"
