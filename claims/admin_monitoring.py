"""The outlets a newsroom watches, their feeds and sitemaps, and other fact-checkers' verdicts
in the admin. Fact-checkers see them; editors change them."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claims.models import ExternalVerdict, FeedSource, Language, Outlet
from claims.monitoring.outlets import OutletError, clean_languages, clean_source_url
from claims.monitoring.polling import source_switch_on
from reviews.workflow.roles import is_editor, is_fact_checker


class NewsroomSees:
    """Fact-checkers may look, editors may change."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_fact_checker(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_fact_checker(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_editor(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_editor(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_editor(request.user)


class FeedSourceForm(forms.ModelForm):
    class Meta:
        model = FeedSource
        fields = ["outlet", "kind", "url", "poll_minutes", "enabled"]

    def clean_url(self) -> str:
        try:
            return clean_source_url(self.cleaned_data["url"])
        except OutletError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_poll_minutes(self) -> int:
        minutes = self.cleaned_data["poll_minutes"]
        if minutes < 1:
            raise forms.ValidationError(_("The poll interval is at least one minute."))
        return minutes


STATE_FIELDS = ["due_at", "last_success_at", "consecutive_failures", "last_error", "disabled_reason", "last_report"]


class FeedSourceInline(NewsroomSees, admin.StackedInline):
    model = FeedSource
    form = FeedSourceForm
    extra = 1
    fields = ["kind", "url", "poll_minutes", "enabled", *STATE_FIELDS]
    readonly_fields = STATE_FIELDS


class OutletForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Outlet
        fields = ["name", "home_page", "languages", "is_fact_checker"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["languages"] = self.instance.language_list

    def clean_languages(self) -> str:
        try:
            return clean_languages(self.cleaned_data["languages"])
        except OutletError as error:
            raise forms.ValidationError(str(error)) from error


def language_names(outlet: Outlet) -> str:
    names = dict(Language.choices)
    return ", ".join(str(names.get(code, code)) for code in outlet.language_list) or "—"


@admin.register(Outlet)
class OutletAdmin(NewsroomSees, admin.ModelAdmin):
    form = OutletForm
    list_display = ["name", "languages_shown", "is_fact_checker", "source_count", "switched_off"]
    search_fields = ["name", "home_page", "sources__url"]
    list_filter = ["is_fact_checker"]
    inlines = [FeedSourceInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Outlet]:
        return super().get_queryset(request).prefetch_related("sources")

    def get_fields(self, request: HttpRequest, obj: Outlet | None = None) -> list[Any]:
        # Those who only look see the languages' names, not the codes stored.
        if self.has_change_permission(request, obj):
            return ["name", "home_page", "languages", "is_fact_checker"]
        return ["name", "home_page", "languages_shown", "is_fact_checker"]

    def get_readonly_fields(self, request: HttpRequest, obj: Outlet | None = None) -> list[Any]:
        return ["languages_shown"]

    @admin.display(description=_("languages"))
    def languages_shown(self, outlet: Outlet) -> str:
        return language_names(outlet)

    @admin.display(description=_("feeds and sitemaps"))
    def source_count(self, outlet: Outlet) -> int:
        return len(outlet.sources.all())

    @admin.display(description=_("switched off"))
    def switched_off(self, outlet: Outlet) -> str:
        off = [source for source in outlet.sources.all() if not source.enabled]
        return "; ".join(source.disabled_reason or str(_("switched off by hand")) for source in off) or "—"


@admin.register(FeedSource)
class FeedSourceAdmin(NewsroomSees, admin.ModelAdmin):
    form = FeedSourceForm
    list_display = ["url", "outlet", "kind", "enabled", "due_at", "last_success_at", "consecutive_failures", "trouble"]
    list_filter = ["enabled", "kind", ("outlet", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["url", "outlet__name", "last_error"]
    list_select_related = ["outlet"]
    fields = ["outlet", "kind", "url", "poll_minutes", "enabled", *STATE_FIELDS, "etag", "last_modified",
              "last_entry_at", "last_polled_at"]
    readonly_fields = [*STATE_FIELDS, "etag", "last_modified", "last_entry_at", "last_polled_at"]
    actions = ["switch_on", "poll_now"]

    @admin.display(description=_("trouble"))
    def trouble(self, source: FeedSource) -> str:
        text = source.disabled_reason or source.last_error
        return format_html("<span title='{}'>{}</span>", text, text[:120]) if text else "—"

    @admin.action(description=_("Switch on again and poll now"), permissions=["change"])
    def switch_on(self, request: HttpRequest, queryset: QuerySet[FeedSource]) -> None:
        for source in queryset:
            source_switch_on(source=source)
        count = queryset.count()
        messages.success(request, ngettext("%d source switched on.", "%d sources switched on.", count) % count)

    @admin.action(description=_("Poll at the next sweep"), permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset: QuerySet[FeedSource]) -> None:
        count = queryset.filter(enabled=True).update(due_at=timezone.now())
        messages.success(request, ngettext("%d source due now.", "%d sources due now.", count) % count)


@admin.register(ExternalVerdict)
class ExternalVerdictAdmin(NewsroomSees, admin.ModelAdmin):
    list_display = ["claim_reviewed", "rating_text", "publisher", "published_on", "language", "link"]
    list_filter = ["language", "publisher", "published_on"]
    search_fields = ["claim_reviewed", "publisher", "url", "claim_author", "rating_text"]
    date_hierarchy = "published_on"
    readonly_fields = ["key", "imported_from", "outlet", "created_at", "updated_at"]
    fields = ["claim_reviewed", "rating_text", "rating_value", "rating_best", "rating_worst", "url", "publisher",
              "publisher_url", "published_on", "language", "claim_author", "claim_appearance", "licence",
              *readonly_fields]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # they come from the fact-checkers' own markup, by import

    @admin.display(description=_("URL"))
    def link(self, verdict: ExternalVerdict) -> str:
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', verdict.url, verdict.url) if verdict.url \
            else "—"
