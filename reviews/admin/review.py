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
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.urls import path, reverse
from django.utils import formats
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from claims.admin_search import FoldedSearchMixin
from claims.display import claim_short
from reviews.admin import checked_before, claim_forms, dates, evidence, groups, queue
from reviews.admin.filters import CheckworthinessFilter, RecheckFilter
from reviews.admin.forms import MOVE_FORMS
from reviews.admin.inlines import EventInWords, MoveFilter, ReviewEventInline, SourceInline, VerdictRevisionInline
from reviews.admin.page_state import keep_typed, public_links, refused_form, sent_back_event, typed_back
from reviews.workflow import services
from reviews.workflow.errors import ReviewConflict, ReviewError
from reviews.workflow.models import Review, ReviewEvent, Source
from reviews.workflow.moves import MOVES, ReviewStatus
from reviews.workflow.roles import is_fact_checker


@admin.register(Review)
class ReviewAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["claim_row", "where", "status_row", "assignee_row", "checkworthiness"]
    list_display_links = ["claim_row"]
    list_filter = [
        queue.WorkFilter,
        queue.AssigneeFilter,
        "claim__kind",
        "claim__language",
        queue.OutletFilter,
        ("claim__article__published_on", admin.DateFieldListFilter),
        CheckworthinessFilter,
        RecheckFilter,
        "rating",
    ]
    # The claim, its speaker and subject, its article's title and outlet, in any case.
    folded_search_field = "claim__search_text"
    list_select_related = ["claim", "claim__article", "assignee"]
    list_per_page = 50
    action_form = queue.QueueActionForm
    actions = ["take_selected", "assign_selected", "schedule_selected", "dismiss_selected"]
    change_list_template = "admin/reviews/review/change_list.html"
    fieldsets = [
        (None, {"fields": ["claim_link", "article_link", "status", "version", "assignee", "recheck_on"]}),
        (_("Checked before"), {"fields": ["checked_before"]}),
        (_("Verdict"), {"fields": ["rating", "explanation", "claim_summary", "submitted_by", "approved_by",
                                   "published_at"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    readonly_fields = [
        "checked_before",
        "group",
        "claim_link",
        "article_link",
        "status",
        "version",
        "assignee",
        "recheck_on",
        "rating",
        "explanation",
        "claim_summary",
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
    def claim_row(self, review: Review) -> str:
        claim = review.claim
        return format_html(
            '<span class="queue-claim">{}</span><br><small class="queue-about">{} · {}</small>{}',
            queue.marked_claim(claim), claim.get_kind_display(), claim_short(claim) or "—", groups.queue_note(review),
        )

    @admin.display(description=_("outlet and date"), ordering="-claim__article__published_on")
    def where(self, review: Review) -> str:
        article = review.claim.article
        return format_html(
            '<span class="queue-where">{}<br><small>{}</small></span>',
            article.outlet or "—", formats.date_format(article.published_on, "SHORT_DATE_FORMAT"),
        )

    @admin.display(description=_("status"), ordering="status")
    def status_row(self, review: Review) -> str:
        status = review.get_status_display()
        if review.status == ReviewStatus.SCHEDULED and review.recheck_on:
            status = format_html("{}<br><small>{}</small>", status, formats.date_format(review.recheck_on))
        if review.status != ReviewStatus.NEW:
            return status
        # Take it from the queue: the button posts the list's form to the move, which opens the
        # review page (queue, review page, submitted: three page loads for the common task).
        return format_html(
            '{}<br><button type="submit" class="button queue-take" formaction="{}" name="move-version" '
            'value="{}">{}</button>',
            status, reverse("admin:reviews_review_move", args=[review.pk, "take"]), review.version, gettext("Take"),
        )

    @admin.display(description=_("assignee"), ordering="assignee__username")
    def assignee_row(self, review: Review) -> str:
        return review.assignee.get_username() if review.assignee else "—"

    @admin.display(description=_("check-worthiness"), ordering="-claim__checkworthiness")
    def checkworthiness(self, review: Review) -> str:
        return f"{review.claim.checkworthiness:.2f}"

    # --- the page -----------------------------------------------------------------------

    @admin.display(description=_("checked before"))
    def checked_before(self, review: Review) -> str:
        return checked_before.panel(review)

    @admin.display(description=_("the same claim elsewhere"))
    def group(self, review: Review) -> str:
        return groups.panel(review)

    def get_fieldsets(self, request: HttpRequest, obj: Review | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not groups.in_a_group(obj):
            return fieldsets
        return [*fieldsets[:1], (_("Appearances"), {"fields": ["group"]}), *fieldsets[1:]]

    @admin.display(description=_("claim"))
    def claim_link(self, review: Review) -> str:
        claim = review.claim
        shown = format_html("<q>{}</q><br><small>{} · {}</small>", claim.text, claim.get_kind_display(),
                            claim_short(claim) or "—")
        if not claim.speaker:
            return shown
        return format_html(
            '{}<br><small id="claim-speaker">{}: {} ({})</small>', shown, gettext("Speaker"), claim.speaker,
            claim.get_speaker_kind_display() or gettext("unknown"),
        )

    @admin.display(description=_("article"))
    def article_link(self, review: Review) -> str:
        article = review.claim.article
        url = reverse("admin:claims_article_change", args=[article.pk])
        return format_html('<a href="{}#claim-{}">{}</a>', url, review.claim_id, article.title)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Review]:
        # verdict_recheck: the page shows a published verdict's check-again date without a query.
        reviews = super().get_queryset(request).select_related(
            "claim", "claim__article", "assignee", "verdict_recheck"
        )
        if request.resolver_match is not None and request.resolver_match.url_name == "reviews_review_changelist":
            return groups.with_members(reviews)
        return reviews

    def get_ordering(self, request: HttpRequest) -> list[Any]:
        return queue.queue_ordering(request)

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
        # Through the services, so an edit meets the rules of adding and leaves an event.
        formset.save(commit=False)
        for source in formset.deleted_objects:
            try:
                services.source_remove(source=source, actor=request.user)
            except ReviewError as error:
                messages.error(request, _("Source “%(title)s” not removed: %(why)s") % {
                    "title": source.title, "why": error.message,
                })
        saves = [(source, None) for source in formset.new_objects] + list(formset.changed_objects)
        for source, changed in saves:
            try:
                if changed is None:
                    values = {name: getattr(source, name) for name in services.SOURCE_FIELDS}
                    services.source_add(review=form.instance, actor=request.user, **values)
                else:
                    values = {name: getattr(source, name) for name in changed if name in services.SOURCE_FIELDS}
                    services.source_change(source=source, actor=request.user, **values)
            except ReviewError as error:
                messages.error(request, _("Source “%(title)s” not saved: %(why)s") % {
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
                "sent_back": sent_back_event(review),
                "claim_forms": claim_forms.claim_forms_context(request, review),
                "public_links": public_links(request, review),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def moves_context(self, request: HttpRequest, review: Review) -> list[dict[str, Any]]:
        moves = []
        typed = typed_back(request, review)
        for move in services.review_moves_for(review=review, user=request.user):
            form_class, _call = MOVE_FORMS[move.name]
            # Several move forms share the page: keep their element ids apart.
            form = form_class(review=review, auto_id=f"id_{move.name}_%s")
            if typed is not None and typed["move"] == move.name:
                form = refused_form(form_class, review, move.name, typed)
            moves.append(
                {
                    "name": move.name,
                    "label": move.label,
                    "help_text": move.help_text,
                    "form": form,
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
            path("add-claim/", self.admin_site.admin_view(self.add_claim_view), name="reviews_review_add_claim"),
            path(
                "<path:object_id>/claim/<str:move>/",
                self.admin_site.admin_view(self.claim_view),
                name="reviews_review_claim",
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
                "<path:object_id>/match/<int:match_id>/",
                self.admin_site.admin_view(self.match_view),
                name="reviews_review_match",
            ),
            path(
                "<path:object_id>/leave-group/",
                self.admin_site.admin_view(self.leave_group_view),
                name="reviews_review_leave_group",
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

    def add_claim_view(self, request: HttpRequest) -> HttpResponse:
        if not is_fact_checker(request.user):
            raise PermissionDenied
        return claim_forms.add_claim(request, self.admin_site, self.opts)

    def claim_view(self, request: HttpRequest, object_id: str, move: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if move not in claim_forms.CLAIM_FORMS:
            raise Http404(f"No claim change called {move!r}")
        return claim_forms.claim_move(request, self._review_posted_to(request, object_id), move)

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

    def leave_group_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return groups.leave(request, self._review_posted_to(request, object_id))

    def match_view(self, request: HttpRequest, object_id: str, match_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return checked_before.decide(request, self._review_posted_to(request, object_id), match_id)

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
            keep_typed(request, review, move)
            return HttpResponseRedirect(page)
        try:
            if form.cleaned_data["version"] != review.version:
                raise ReviewConflict(
                    gettext(
                        "Someone else changed this review after you opened it; nothing was changed. "
                        "Check the history below and try again."
                    )
                )
            data = dict(form.cleaned_data)
            if hasattr(form, "typed_source"):
                data["typed_source"] = form.typed_source()
            call(review, request.user, data)
        except ReviewConflict as error:
            messages.warning(request, error.message)
            keep_typed(request, review, move)
        except ReviewError as error:
            messages.error(request, error.message)
            keep_typed(request, review, move, field=getattr(error, "field", None), message=error.message)
        else:
            messages.success(request, _("%(move)s: the review is now %(status)s.") % {
                "move": MOVES[move].label,
                "status": review.get_status_display(),
            })
        return HttpResponseRedirect(page)

    # --- list actions -------------------------------------------------------------------

    def _apply_to_selected(
        self, request: HttpRequest, queryset: QuerySet[Review], move: str, done: str | Promise, **inputs: Any
    ) -> None:
        _form, call = MOVE_FORMS[move]
        moved = 0
        for review in queryset.select_related("claim", "assignee"):
            try:
                call(review, request.user, {"note": "", **inputs})
            except ReviewError as error:
                messages.warning(request, format_html("“{}”: {}", review.claim.text[:80], error.message))
            else:
                moved += 1
        if moved:
            messages.success(request, ngettext("%(n)d review %(done)s.", "%(n)d reviews %(done)s.", moved)
                             % {"n": moved, "done": done})

    def _action_input(self, request: HttpRequest, name: str) -> Any:
        # The list's action field is checked by the admin itself; only this input matters here.
        form = self.action_form(request.POST)
        form.is_valid()
        return form.cleaned_data.get(name)

    @admin.action(description=_("Take the selected claims"), permissions=["change"])
    def take_selected(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        self._apply_to_selected(request, queryset, "take", _("taken"))

    @admin.action(description=_("Assign the selected claims (choose whom)"), permissions=["change"])
    def assign_selected(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        assignee = self._action_input(request, "assignee")
        self._apply_to_selected(request, queryset, "assign", _("assigned"), assignee=assignee)

    @admin.action(description=_("Schedule the selected claims (choose the re-check date)"), permissions=["change"])
    def schedule_selected(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        recheck_on = self._action_input(request, "recheck_on")
        self._apply_to_selected(request, queryset, "schedule", _("scheduled"), recheck_on=recheck_on)

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
