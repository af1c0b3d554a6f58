""""Checked before" on the review page: claims the matcher found alike, each with its verdict.

Each match shows the earlier claim, its verdict's rating and date when published, its
language, why it matched and what disagrees; a fact-checker confirms or rejects it. The
buttons sit inside the page's own form and post it to the decision URL (`formaction`): the
decision view reads only the decision and the CSRF token.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.matching_service import match_decide
from claims.models import ClaimMatch, MatchState
from reviews.admin import external_verdicts
from reviews.workflow.models import Review
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.roles import is_fact_checker

DECISIONS = {"confirm": True, "reject": False}
# Where a review closed as already checked cites its match: a rejection then waits for a send-back.
CITING = {ReviewStatus.IN_REVIEW, ReviewStatus.PUBLISHED}


def decision_url(review: Review, match: ClaimMatch) -> str:
    return reverse("admin:reviews_review_match", args=[review.pk, match.pk])


def based_on_line(review: Review) -> str:
    """Which verdict checked before this one carries, when the claim was closed as already checked."""
    if review.based_on_id is None:
        return ""
    return format_html('<p id="based-on">{} <a href="{}">#{}</a></p>', gettext("Closed as already checked: verdict"),
                       reverse("admin:reviews_review_change", args=[review.based_on_id]), review.based_on_id)


def panel(review: Review) -> str:
    matches = (ClaimMatch.objects.filter(claim_id=review.claim_id)
               .select_related("matched__article", "matched__review", "decided_by", "external_verdict__outlet")
               .defer("matched__article__body").order_by("-score", "id"))
    if not matches:
        return format_html("{}{}", based_on_line(review), gettext("Nothing like it was checked before."))
    rows = []
    for m in matches:
        earlier = getattr(m.matched, "review", None)
        if m.matched is None and m.external_verdict is not None:  # another fact-checker's verdict
            text, language, outlet, verdict = external_verdicts.cells(m.external_verdict)
        elif earlier is not None and earlier.status == ReviewStatus.PUBLISHED:
            verdict = format_html('<a href="{}">{}</a> · {}', reverse("admin:reviews_review_change", args=[earlier.pk]),
                                  earlier.get_rating_display(),
                                  earlier.published_at.date().isoformat() if earlier.published_at else "—")
        else:
            verdict = format_html("{}", earlier.get_status_display() if earlier is not None else "—")
        if m.matched is not None:
            text, language, outlet = m.matched.text, m.matched.get_language_display(), m.matched.article.outlet or "—"
        if m.state == MatchState.SUGGESTED:
            decision = format_html(
                '<button type="submit" formaction="{}" formmethod="post" name="decision" value="confirm">{}</button> '
                '<button type="submit" formaction="{}" formmethod="post" name="decision" value="reject">{}</button>',
                decision_url(review, m), gettext("Confirm"), decision_url(review, m), gettext("Reject"))
        else:
            who = m.decided_by.get_username() if m.decided_by else "—"
            decision = format_html("{} · {}", m.get_state_display(), who)
        rows.append((text, language, outlet, verdict,
                     m.get_tier_display(), f"{m.score:.2f}", m.why, m.conflict or "—", decision))
    body = format_html_join(
        "", "<tr><td><q>{}</q><br><small>{} · {}</small></td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td>"
            "<td>{}</td></tr>", rows)
    return format_html(
        '{}<table class="checked-before"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>'
        "<th>{}</th></tr></thead><tbody>{}</tbody></table>",
        based_on_line(review), gettext("claim"), gettext("verdict"), gettext("match"), gettext("why"),
        gettext("conflict"), gettext("decision"), body)


def decide(request: HttpRequest, review: Review, match_id: int) -> HttpResponse:
    page = reverse("admin:reviews_review_change", args=[review.pk])
    if not is_fact_checker(request.user):
        raise PermissionDenied
    confirmed = DECISIONS.get(request.POST.get("decision", ""))
    if confirmed is None:
        messages.error(request, gettext("Choose to confirm or reject the match."))
        return HttpResponseRedirect(page)
    if not ClaimMatch.objects.filter(pk=match_id, claim_id=review.claim_id).exists():
        raise Http404(f"No match {match_id} on this review")
    if not confirmed and review.based_on_id is not None and review.status in CITING and ClaimMatch.objects.filter(
            pk=match_id, matched__review=review.based_on_id).exists():
        messages.error(request, gettext(
            "The verdict of this claim was closed on this match; send it back or reopen it before rejecting it."))
        return HttpResponseRedirect(page)
    match = match_decide(match_id=match_id, user=request.user, confirmed=confirmed)
    messages.success(request, (_("Match confirmed: %(claim)s") if confirmed else _("Match rejected: %(claim)s"))
                     % {"claim": match.earlier_text[:80]})
    return HttpResponseRedirect(page)
