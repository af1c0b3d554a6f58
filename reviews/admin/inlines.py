"""The parts of the review page: its sources (edited in place while the review is open), its
published verdicts and its history (read only)."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reviews.workflow import services
from reviews.workflow.errors import InvalidInput, ReviewError
from reviews.workflow.models import Review, ReviewEvent, Source, VerdictRevision
from reviews.workflow.moves import MOVES, ReviewStatus

# What the history calls each move, the workflow's and the ones that keep the status.
EVENT_LABELS: dict[str, str | Promise] = {
    **{name: move.label for name, move in MOVES.items()},
    **{move.name: move.label for move in services.CLAIM_MOVES},
    **{move.name: move.label for move in (services.JOIN, services.LEAVE, services.PUBLISH_WITH_LEAD)},
    services.SOURCE_ADDED: _("Source added"),
    services.SOURCE_CHANGED: _("Source changed"),
    services.SOURCE_REMOVED: _("Source removed"),
}


class SourceFormSet(forms.BaseInlineFormSet):
    """Each new or edited source meets the rules of the services before anything is saved, so a
    refused one comes back on the page with what was typed and the reason beside it."""

    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            if not form.has_changed() or form.errors or (self.can_delete and form.cleaned_data.get("DELETE")):
                continue
            try:
                services.source_check(form.instance)
            except InvalidInput as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)


class SourceInline(admin.StackedInline):
    model = Source
    formset = SourceFormSet
    extra = 0
    fields = [
        ("url", "archive_url"),
        ("title", "publisher"),
        ("accessed_on", "stance", "primary"),
        "quote",
        ("withheld_for_safety", "public_description"),
        ("stored_article", "added_by", "added_at"),
    ]
    readonly_fields = ["stored_article", "added_by", "added_at"]
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})},
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("added_by", "article")

    @admin.display(description=_("stored article"))
    def stored_article(self, source: Source) -> str:
        article = source.article
        if article is None:
            return "—"
        url = reverse("admin:claims_article_change", args=[article.pk])
        return format_html('<a href="{}">{}</a>', url, article.title)

    def _open_to(self, request: HttpRequest, review: Review | None) -> bool:
        if review is None:
            return False
        try:
            services.source_can_add(review=review, actor=request.user)
        except ReviewError:
            return False
        return True

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._open_to(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._open_to(request, obj)

    def has_delete_permission(self, request, obj=None):
        # The workflow's rule, not the model permission: whoever may add a source may take
        # back a wrong one while the claim is worked on (and the history keeps it).
        return self._open_to(request, obj)

    def get_extra(self, request, obj=None, **kwargs):
        # While the verdict can be submitted its form takes the first source (one POST for both).
        if obj is None or obj.sources.exists() or obj.status == ReviewStatus.RESEARCHING:
            return 0
        return 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["accessed_on"].initial = timezone.localdate
        return formset


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VerdictRevisionInline(ReadOnlyInline):
    model = VerdictRevision
    fk_name = "review"
    verbose_name_plural = _("published verdicts")
    fields = readonly_fields = (
        "number", "rating", "explanation", "correction_note", "submitted_by", "editor", "published_at",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("submitted_by", "editor")


class EventInWords:
    """A history row's move and note in the reader's words, never the stored codes."""

    @admin.display(description=_("move"), ordering="move")
    def move_label(self, event: ReviewEvent) -> str:
        label = EVENT_LABELS.get(event.move)
        return str(label) if label is not None else event.move

    @admin.display(description=_("note"))
    def note_words(self, event: ReviewEvent) -> str:
        return event.note_text()


class MoveFilter(admin.SimpleListFilter):
    title = _("move")
    parameter_name = "move"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(name, str(label)) for name, label in EVENT_LABELS.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[ReviewEvent]) -> QuerySet[ReviewEvent]:
        return queryset.filter(move=self.value()) if self.value() else queryset


class ReviewEventInline(EventInWords, ReadOnlyInline):
    model = ReviewEvent
    verbose_name_plural = _("history")
    fields = readonly_fields = ("at", "actor_name", "move_label", "from_status", "to_status", "note_words")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    @admin.display(description=_("by"))
    def actor_name(self, event: ReviewEvent) -> str:
        return event.actor.get_username() if event.actor else str(_("the system"))
