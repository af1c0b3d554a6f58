"""The parts of the review page: its sources (edited in place while the review is open), its
published verdicts and its history (read only)."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from reviews.workflow import services
from reviews.workflow.errors import ReviewError
from reviews.workflow.models import Review, ReviewEvent, Source, VerdictRevision
from reviews.workflow.moves import MOVES


class SourceInline(admin.StackedInline):
    model = Source
    extra = 0
    fields = [
        ("url", "archive_url"),
        ("title", "publisher"),
        ("accessed_on", "stance", "primary"),
        "quote",
        ("withheld_for_safety", "public_description"),
        ("added_by", "added_at"),
    ]
    readonly_fields = ["added_by", "added_at"]
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})},
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("added_by")

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
        return super().has_delete_permission(request, obj) and self._open_to(request, obj)

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is not None and not obj.sources.exists() else 0


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
        move = MOVES.get(event.move)
        return str(move.label) if move is not None else event.move

    @admin.display(description=_("note"))
    def note_words(self, event: ReviewEvent) -> str:
        return event.note_text()


class MoveFilter(admin.SimpleListFilter):
    title = _("move")
    parameter_name = "move"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(name, str(move.label)) for name, move in MOVES.items()]

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
