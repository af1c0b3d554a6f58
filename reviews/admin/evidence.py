"""Suggested evidence on the review page: what the re-check sweep found, to accept or reject.

The inline sits inside the page's own form and HTML forms do not nest, so each suggestion's
buttons belong (by their `form` attribute) to a small form of its own rendered outside it:
a decision posts only its CSRF token, the decision and the stance.
"""

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reviews.rechecks.evidence import evidence_accept, evidence_reject, reason_text
from reviews.rechecks.models import SuggestedEvidence, SuggestionStatus
from reviews.workflow.errors import ReviewConflict, ReviewError
from reviews.workflow.models import Review, Stance
from reviews.workflow.roles import is_fact_checker

DECISIONS = ("accept", "reject")


def decision_form_id(suggestion: SuggestedEvidence) -> str:
    return f"evidence-{suggestion.pk}"


def decision_url(suggestion: SuggestedEvidence) -> str:
    return reverse("admin:reviews_review_evidence", args=[suggestion.review_id, suggestion.pk])


class SuggestedEvidenceInline(admin.TabularInline):
    model = SuggestedEvidence
    verbose_name_plural = _("suggested evidence")
    extra = 0
    can_delete = False
    show_change_link = False
    fields = readonly_fields = ("article_link", "matched_by", "reason_words", "score", "status", "decide")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "decided_by").defer("article__body")

    # The roles predate suggested evidence and grant no permission on it: the newsroom sees it.
    def has_view_permission(self, request, obj=None):
        return is_fact_checker(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("why suggested"))
    def reason_words(self, suggestion: SuggestedEvidence) -> str:
        return reason_text(suggestion.reason)

    @admin.display(description=_("article"))
    def article_link(self, suggestion: SuggestedEvidence) -> str:
        article = suggestion.article
        url = reverse("admin:claims_article_change", args=[article.pk])
        return format_html(
            '<a href="{}">{}</a><br><small>{} · {}</small>', url, article.title, article.outlet or "—",
            article.published_on.isoformat(),
        )

    @admin.display(description=_("decision"))
    def decide(self, suggestion: SuggestedEvidence) -> str:
        if suggestion.status != SuggestionStatus.SUGGESTED:
            who = suggestion.decided_by.get_username() if suggestion.decided_by else "—"
            return format_html("{} · {}", suggestion.get_status_display(), who)
        form = decision_form_id(suggestion)
        stances = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((value, " selected" if value == Stance.CONTEXT else "", label) for value, label in Stance.choices),
        )
        return format_html(
            '<select name="stance" form="{}" aria-label="{}">{}</select> '
            '<button type="submit" form="{}" name="decision" value="accept" class="button">{}</button> '
            '<button type="submit" form="{}" name="decision" value="reject" class="button">{}</button>',
            form, gettext("stance"), stances, form, gettext("Accept"), form, gettext("Reject"),
        )


def decision_forms(request: HttpRequest, review: Review) -> list[dict[str, str]]:
    """The forms the open suggestions' buttons post through, rendered outside the page's form."""
    if not is_fact_checker(request.user):
        return []
    return [
        {"id": decision_form_id(suggestion), "url": decision_url(suggestion)}
        for suggestion in SuggestedEvidence.objects.filter(review=review, status=SuggestionStatus.SUGGESTED).only(
            "pk", "review_id"
        )
    ]


def decide(request: HttpRequest, review: Review, suggestion_id: int) -> HttpResponse:
    page = reverse("admin:reviews_review_change", args=[review.pk])
    suggestion = SuggestedEvidence.objects.select_related("article").filter(pk=suggestion_id, review=review).first()
    if suggestion is None:
        messages.error(request, gettext("That suggestion is not on this review."))
        return HttpResponseRedirect(page)
    suggestion.review = review
    decision = request.POST.get("decision")
    stance = request.POST.get("stance") or Stance.CONTEXT
    title = suggestion.article.title
    if decision not in DECISIONS:
        messages.error(request, gettext("Choose Accept or Reject."))
        return HttpResponseRedirect(page)
    if stance not in Stance.values:
        messages.error(request, gettext("“%(stance)s” is not a stance.") % {"stance": stance})
        return HttpResponseRedirect(page)
    try:
        if decision == "accept":
            source = evidence_accept(suggestion=suggestion, actor=request.user, stance=stance)
        else:
            evidence_reject(suggestion=suggestion, actor=request.user)
    except ReviewConflict as error:
        messages.warning(request, error.message)
    except ReviewError as error:
        messages.error(request, error.message)
    else:
        if decision == "reject":
            messages.success(request, gettext("Rejected “%(title)s”.") % {"title": title})
        elif source is None:
            messages.warning(
                request,
                gettext("Accepted “%(title)s”; the article has no URL, so no source was added.") % {"title": title},
            )
        else:
            messages.success(
                request,
                gettext("Accepted “%(title)s”: it is now a source of this review (%(stance)s).")
                % {"title": title, "stance": source.get_stance_display()},
            )
    return HttpResponseRedirect(page)
