"""Every model of the `reviews` app, for Django's registry.

Django imports `<app>.models` to find an app's models, and the migrations name this module
(`reviews.models.default_webhook_events`); the models themselves live with their subjects:
`reviews.workflow.models` (Review, Source, ReviewEvent, VerdictRevision),
`reviews.rechecks.models` and `reviews.publishing.models`. All stay in app_label "reviews".
Code inside reviews/ imports from the subject modules (the layers never import upwards
through here); tests and scripts may import from here.
"""

from reviews.publishing.models import (
    VerdictDocument,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    default_webhook_events,
)
from reviews.rechecks.models import (
    EvidenceMatch,
    EvidenceTerm,
    Notice,
    NoticeReason,
    SuggestedEvidence,
    SuggestionStatus,
    VerdictRecheck,
)
from reviews.workflow.models import AppendOnly, Review, ReviewEvent, Source, Stance, VerdictRevision
from reviews.workflow.moves import ReviewStatus

__all__ = [
    "AppendOnly",
    "EvidenceMatch",
    "EvidenceTerm",
    "Notice",
    "NoticeReason",
    "Review",
    "ReviewEvent",
    "ReviewStatus",
    "Source",
    "Stance",
    "SuggestedEvidence",
    "SuggestionStatus",
    "VerdictDocument",
    "VerdictRecheck",
    "VerdictRevision",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
    "default_webhook_events",
]
