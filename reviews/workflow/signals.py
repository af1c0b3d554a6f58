"""Sent after a move's transaction commits, for side effects (notifications, caches).

Receivers get `review_id`, `event_id`, `move`, `from_status`, `to_status`, `actor_id`
(None for the system) and `published` (the review has a published verdict, so the move changes
what the verdicts show: its status, version and update time); they run outside the move's
transaction, so a failing receiver never undoes a move.
"""

from django.dispatch import Signal

review_moved = Signal()
