"""The claim queue: what the review list shows first, how it filters, and its rows.

The same claim from several outlets is one row, its group's lead's (reviews.admin.groups).

Open work comes first (new, researching, sent back, re-check due), the user's own before the
rest, then the most check-worthy, then the newest articles; the id settles every tie, so the
same queue reads the same on every load.
"""

import datetime
from typing import Any, cast

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ActionForm
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from claims.models import Claim
from reviews.admin.forms import fact_checkers
from reviews.admin.groups import not_worked_on_elsewhere
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.roles import is_editor

OPEN = "open"
ALL = "all"


def open_work(today: datetime.date) -> Q:
    """New, researching (sent back included) and scheduled claims whose re-check date has come."""
    return Q(status__in=[ReviewStatus.NEW, ReviewStatus.RESEARCHING]) | Q(
        status=ReviewStatus.SCHEDULED, recheck_on__lte=today
    )


class WorkFilter(admin.SimpleListFilter):
    """The status filter, open work unless asked otherwise."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(OPEN, _("open work")), *ReviewStatus.choices, (ALL, _("everything"))]

    def value(self):
        return super().value() or OPEN

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        # A group's members still worked on with their lead are its row's appearances, not rows;
        # a search finds every appearance, each row saying where it is worked on.
        grouped = Q() if request.GET.get("q", "").strip() else not_worked_on_elsewhere()
        match self.value():
            case "all":
                return queryset
            case status if status in ReviewStatus.values:
                return queryset.filter(grouped, status=status)
        return queryset.filter(grouped, open_work(timezone.localdate()))


class AssigneeFilter(admin.SimpleListFilter):
    title = _("assignee")
    parameter_name = "assignee"

    def lookups(self, request, model_admin):
        people = [(str(user.pk), user.get_username()) for user in fact_checkers()]
        return [("mine", _("mine")), ("nobody", _("nobody")), *people]

    def queryset(self, request, queryset):
        match self.value():
            case None:
                return queryset
            case "mine":
                return queryset.filter(assignee=request.user)
            case "nobody":
                return queryset.filter(assignee__isnull=True)
            case value if value.isdigit():
                return queryset.filter(assignee_id=int(value))
        return queryset


class OutletFilter(admin.SimpleListFilter):
    title = _("outlet")
    parameter_name = "outlet"

    def lookups(self, request, model_admin):
        outlets = (
            Claim.objects.exclude(article__outlet="").order_by("article__outlet")
            .values_list("article__outlet", flat=True).distinct()[:100]
        )
        return [(outlet, outlet) for outlet in outlets]

    def queryset(self, request, queryset):
        return queryset.filter(claim__article__outlet=self.value()) if self.value() else queryset


def queue_ordering(request: HttpRequest) -> list[Any]:
    """The user's own claims first, then the most check-worthy, the newest article, the id.

    An expression rather than an annotation: other admin pages order their review choices by
    this too, on querysets that never saw the queue's annotations.
    """
    mine_first = Case(
        When(assignee_id=request.user.pk, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return [mine_first.asc(), "-claim__checkworthiness", "-claim__article__published_on", "-id"]


def marked_claim(claim: Claim, limit: int = 220) -> SafeString:
    """The claim's text with its figure and its date marked, as on the article page."""
    text = claim.text
    marks = []
    for start, end in ((claim.quantity_span_start, claim.quantity_span_end),
                       (claim.date_span_start, claim.date_span_end)):
        if start is None or end is None:
            continue
        start, end = start - claim.span_start, end - claim.span_start
        if 0 <= start < end <= len(text):
            marks.append((start, end))
    marks.sort()
    pieces, at = [], 0
    for start, end in marks:
        if start < at:
            continue
        pieces.append(escape(text[at:start]))
        pieces.append(format_html("<mark>{}</mark>", text[start:end]))
        at = end
    rest = text[at:]
    if len(text) > limit and at < limit:
        rest = text[at:limit].rstrip() + "…"
    pieces.append(escape(rest))
    return SafeString("".join(pieces))


class QueueActionForm(ActionForm):
    """The bulk actions' inputs: whom to assign, until when to schedule."""

    assignee: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Assign to"), queryset=None, required=False)
    recheck_on = forms.DateField(
        label=_("Re-check on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["assignee"]).queryset = fact_checkers()


def may_assign(request: HttpRequest) -> bool:
    return is_editor(request.user)
