"""What the review page keeps between page loads and shows around its forms: a refused
move's typed input, the editor's send-back note, and where a published verdict is read."""

from typing import Any

from django.db.models import F
from django.http import HttpRequest, QueryDict
from django.urls import reverse

from reviews.workflow.models import Review, ReviewEvent
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.roles import is_editor

# A refused move's form comes back on the page with what was typed: kept in the session for
# the one page load after the redirect (the URL stays the page's, reloading it is harmless).
TYPED_KEY = "reviews.refused_move"


def keep_typed(
    request: HttpRequest, review: Review, move: str, *, field: str | None = None, message: str = ""
) -> None:
    request.session[TYPED_KEY] = {
        "review": review.pk, "move": move, "data": request.POST.urlencode(), "field": field, "message": message,
    }


def typed_back(request: HttpRequest, review: Review) -> dict[str, Any] | None:
    typed = request.session.pop(TYPED_KEY, None) if TYPED_KEY in request.session else None
    return typed if typed is not None and typed.get("review") == review.pk else None


def refused_form(form_class: type, review: Review, move: str, typed: dict[str, Any]) -> Any:
    data = QueryDict(typed["data"], mutable=True)
    # The user has seen why it was refused and the page as it is now: a second try is on this version.
    data["move-version"] = str(review.version)
    form = form_class(data, review=review, auto_id=f"id_{move}_%s")
    if form.is_valid() and typed.get("message"):
        field = typed.get("field")
        name = field if field in form.fields else f"source_{field}" if f"source_{field}" in form.fields else None
        form.add_error(name, typed["message"])
    return form


def sent_back_event(review: Review) -> ReviewEvent | None:
    """The editor's send-back, while the claim is still being reworked after it."""
    if review.status != ReviewStatus.RESEARCHING:
        return None
    last_move = (
        ReviewEvent.objects.filter(review=review).exclude(from_status=F("to_status"))
        .select_related("actor").order_by("-at", "-id").first()
    )
    return last_move if last_move is not None and last_move.move == "send_back" else None


def public_links(request: HttpRequest, review: Review) -> dict[str, str] | None:
    """Where the published verdict is read: its page and its ClaimReview (once published)."""
    if not is_editor(request.user) or not review.revisions.exists():
        return None
    return {
        "page": reverse("verdict-page", args=[review.pk]),
        "claimreview": reverse("verdict-claimreview", args=[review.pk]),
    }


