"""Reviews of claims: workflow status, sources, events and verdict revisions."""
