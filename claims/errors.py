class IngestError(ValueError):
    """An article that cannot be stored as given; the message says why."""
