class IngestError(ValueError):
    """An article that cannot be stored as given; the message says why."""


class UrlTaken(IngestError):
    """The URL is stored already, with another text: a conflict with what is stored, not bad input."""
