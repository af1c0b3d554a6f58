"""The review desk in the admin: the claim queue, the review page with its moves, sources.

Nothing here writes a status: list actions and the review page's move buttons call
reviews.workflow.services, and the review's own fields are read-only (its sources are the only thing
edited in place). The page's dates (re-check, check again) are in `reviews.admin.dates`, its
suggested evidence in `reviews.admin.evidence`; each posts to a small view of its own, like the moves.
"""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from claims.display import claim_short
from reviews.admin import dates, evidence
from reviews.admin.filters import CheckworthinessFilter, RecheckFilter
from reviews.admin.forms import MOVE_FORMS
from reviews.admin.inlines import EventInWords, MoveFilter, ReviewEventInline, SourceInline, VerdictRevisionInline
from reviews.workflow import services
from reviews.workflow.errors import ReviewConflict, ReviewError
from reviews.workflow.models import Review, ReviewEvent, Source
from reviews.workflow.moves import MOVES


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = [
        "claim_text",
        "status",
        "kind",
        "about",
        "checkworthiness",
        "assignee",
        "recheck_on",
    ]
    list_filter = [
        "status",
        "claim__kind",
        ("assignee", admin.RelatedOnlyFieldListFilter),
        CheckworthinessFilter,
        RecheckFilter,
        "claim__language",
        "rating",
    ]
    search_fields = ["claim__text", "claim__speaker", "claim__quantity_subject", "claim__article__title"]
    ordering = ["-claim__checkworthiness", "id"]
    list_select_related = ["claim", "assignee"]
    list_per_page = 50
    actions = ["take_selected", "dismiss_selected"]
    fieldsets = [
        (None, {"fields": ["claim_link", "article_link", "status", "version", "assignee", "recheck_on"]}),
        (_("Verdict"), {"fields": ["rating", "explanation", "submitted_by", "approved_by", "published_at"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    readonly_fields = [
        "claim_link",
        "article_link",
        "status",
        "version",
        "assignee",
        "recheck_on",
        "rating",
        "explanation",
        "submitted_by",
        "approved_by",
        "published_at",
        "created_at",
        "updated_at",
    ]
    inlines = [SourceInline, evidence.SuggestedEvidenceInline, VerdictRevisionInline, ReviewEventInline]
    change_form_template = "admin/reviews/review/change_form.html"

    # --- the list -----------------------------------------------------------------------

    @admin.display(description=_("claim"), ordering="claim__text")
    def claim_text(self, review: Review) -> str:
        text = review.claim.text
        return text if len(text) <= 120 else text[:119] + "…"

    @admin.display(description=_("kind"), ordering="claim__kind")
    def kind(self, review: Review) -> str:
        return review.claim.get_kind_display()

    @admin.display(description=_("quantity or date"))
    def about(self, review: Review) -> str:
        return claim_short(review.claim)

    @admin.display(description=_("check-worthiness"), ordering="-claim__checkworthiness")
    def checkworthiness(self, review: Review) -> str:
        return f"{review.claim.checkworthiness:.2f}"

    # --- the page -----------------------------------------------------------------------

    @admin.display(description=_("claim"))
    def claim_link(self, review: Review) -> str:
        claim = review.claim
        return format_html("<q>{}</q><br><small>{} · {}</small>", claim.text, claim.get_kind_display(),
                           claim_short(claim) or "—")

    @admin.display(description=_("article"))
    def article_link(self, review: Review) -> str:
        article = review.claim.article
        url = reverse("admin:claims_article_change", args=[article.pk])
        return format_html('<a href="{}#claim-{}">{}</a>', url, review.claim_id, article.title)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Review]:
        # verdict_recheck: the page shows a published verdict's check-again date without a query.
        return super().get_queryset(request).select_related("claim", "claim__article", "assignee", "verdict_recheck")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a review is created with its claim

    def has_delete_permission(self, request: HttpRequest, obj: Review | None = None) -> bool:
        return False  # it goes with its claim; the record stays

    def save_model(self, request: HttpRequest, obj: Review, form: Any, change: bool) -> None:
        # Every field of the review is read-only here; saving the page saves its sources only.
        # Writing the loaded instance back could undo a move made since the page was opened.
        pass

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Source:
            return super().save_formset(request, form, formset, change)
        sources = formset.save(commit=False)
        for source in formset.deleted_objects:
            source.delete()
        for source in sources:
            if source.pk is not None:
                source.save()
                continue
            try:
                services.source_add(
                    review=form.instance,
                    actor=request.user,
                    **{
                        name: getattr(source, name)
                        for name in (
                            "url", "title", "accessed_on", "stance", "publisher", "archive_url", "quote",
                            "primary", "withheld_for_safety", "public_description",
                        )
                    },
                )
            except ReviewError as error:
                messages.error(request, _("Source “%(title)s” not added: %(why)s") % {
                    "title": source.title, "why": error.message,
                })
        return None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        review = self.get_object(request, object_id)
        if review is not None and self.has_view_or_change_permission(request, review):
            extra_context = {
                **(extra_context or {}),
                "review_moves": self.moves_context(request, review),
                "review_dates": dates.dates_context(request, review),
                "evidence_forms": evidence.decision_forms(request, review),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def moves_context(self, request: HttpRequest, review: Review) -> list[dict[str, Any]]:
        moves = []
        for move in services.review_moves_for(review=review, user=request.user):
            form_class, _call = MOVE_FORMS[move.name]
            moves.append(
                {
                    "name": move.name,
                    "label": move.label,
                    "help_text": move.help_text,
                    # Several move forms share the page: keep their element ids apart.
                    "form": form_class(review=review, auto_id=f"id_{move.name}_%s"),
                    "url": reverse("admin:reviews_review_move", args=[review.pk, move.name]),
                }
            )
        return moves

    # --- moves --------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/move/<str:move>/",
                self.admin_site.admin_view(self.move_view),
                name="reviews_review_move",
            ),
            path(
                "<path:object_id>/reschedule/",
                self.admin_site.admin_view(self.reschedule_view),
                name="reviews_review_reschedule",
            ),
            path(
                "<path:object_id>/check-again/",
                self.admin_site.admin_view(self.check_again_view),
                name="reviews_review_check_again",
            ),
            path(
                "<path:object_id>/evidence/<int:suggestion_id>/",
                self.admin_site.admin_view(self.evidence_view),
                name="reviews_review_evidence",
            ),
            *super().get_urls(),
        ]

    def _review_posted_to(self, request: HttpRequest, object_id: str) -> Review:
        """The review a POST from its page is about; 404 or 403 as for the page itself."""
        review = self.get_object(request, object_id)
        if review is None:
            raise Http404(f"No review {object_id!r}")
        if not self.has_view_or_change_permission(request, review):
            raise PermissionDenied
        return review

    def reschedule_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return dates.reschedule(request, self._review_posted_to(request, object_id))

    def check_again_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return dates.check_again(request, self._review_posted_to(request, object_id))

    def evidence_view(self, request: HttpRequest, object_id: str, suggestion_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return evidence.decide(request, self._review_posted_to(request, object_id), suggestion_id)

    def move_view(self, request: HttpRequest, object_id: str, move: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if move not in MOVE_FORMS:
            raise Http404(f"No move called {move!r}")
        review = self.get_object(request, object_id)
        if review is None:
            raise Http404(f"No review {object_id!r}")
        if not self.has_view_or_change_permission(request, review):
            raise PermissionDenied
        page = reverse("admin:reviews_review_change", args=[review.pk])
        form_class, call = MOVE_FORMS[move]
        form = form_class(request.POST, review=review)
        if not form.is_valid():
            errors = "; ".join(f"{form[f].label if f in form.fields else f}: {' '.join(map(str, e))}"
                               for f, e in form.errors.items())
            messages.error(request, _("The move was not made: %s") % errors)
            return HttpResponseRedirect(page)
        try:
            if form.cleaned_data["version"] != review.version:
                raise ReviewConflict(
                    gettext(
                        "Someone else changed this review after you opened it; nothing was changed. "
                        "Check the history below and try again."
                    )
                )
            call(review, request.user, form.cleaned_data)
        except ReviewConflict as error:
            messages.warning(request, error.message)
        except ReviewError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(move)s: the review is now %(status)s.") % {
                "move": MOVES[move].label,
                "status": review.get_status_display(),
            })
        return HttpResponseRedirect(page)

    # --- list actions -------------------------------------------------------------------

    def _apply_to_selected(
        self, request: HttpRequest, queryset: QuerySet[Review], move: str, done: str | Promise
    ) -> None:
        _form, call = MOVE_FORMS[move]
        moved = 0
        for review in queryset.select_related("claim", "assignee"):
            try:
                call(review, request.user, {"note": ""})
            except ReviewError as error:
                messages.warning(request, format_html("“{}”: {}", review.claim.text[:80], error.message))
            else:
                moved += 1
        if moved:
            messages.success(request, ngettext("%(n)d review %(done)s.", "%(n)d reviews %(done)s.", moved)
                             % {"n": moved, "done": done})

    @admin.action(description=_("Take the selected claims"), permissions=["change"])
    def take_selected(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        self._apply_to_selected(request, queryset, "take", _("taken"))

    @admin.action(description=_("Dismiss the selected claims"), permissions=["change"])
    def dismiss_selected(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        self._apply_to_selected(request, queryset, "dismiss", _("dismissed"))


@admin.register(ReviewEvent)
class ReviewEventAdmin(EventInWords, admin.ModelAdmin):
    """The audit log, read-only for everyone."""

    list_display = ["at", "review", "actor", "move_label", "from_status", "to_status", "note_words"]
    list_filter = [MoveFilter, "to_status"]
    fields = readonly_fields = ("at", "review", "actor", "move_label", "from_status", "to_status", "note_words")
    list_select_related = ["review__claim", "actor"]
    search_fields = ["note", "review__claim__text"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
