"""The dashboard page inside the admin, for fact-checkers and editors."""

import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.display import claim_short
from claims.matching import matching_status
from reviews.dashboard.chart import weekly_chart_svg
from reviews.dashboard.queries import WEEKS, dashboard_figures
from reviews.workflow.roles import is_fact_checker

TITLE = gettext_lazy("Editors' dashboard")


def duration_text(duration: datetime.timedelta) -> str:
    """A duration as a newsroom reads it: minutes under an hour, hours under two days, else days."""
    seconds = max(duration.total_seconds(), 0)
    if seconds < 3600:
        return _("%(number)s min") % {"number": number_format(round(seconds / 60))}
    if seconds < 2 * 86400:
        return _("%(number)s h") % {"number": number_format(seconds / 3600, 1)}
    return _("%(number)s d") % {"number": number_format(seconds / 86400, 1)}


def _dashboard(request: HttpRequest) -> HttpResponse:
    if not is_fact_checker(request.user):
        raise PermissionDenied
    now = timezone.now()
    figures = dashboard_figures(now=now)
    # What the template shows beside each review, set on the rows it is given.
    for review in figures.waiting:
        submitted_at = getattr(review, "submitted_at", None)  # annotated by dashboard_figures
        review.waiting_for = duration_text(now - submitted_at) if submitted_at else ""  # type: ignore[attr-defined]
    for review in figures.rechecks.reviews:
        review.overdue = review.recheck_on is not None and review.recheck_on < figures.today  # type: ignore[attr-defined]
    for review in [*figures.waiting, *figures.rechecks.reviews]:
        review.claim_short = claim_short(review.claim)  # type: ignore[attr-defined]
    time_in_status = [
        {"item": item, "median": duration_text(item.median), "p90": duration_text(item.p90)}
        for item in figures.time_in_status
    ]
    context = {
        **admin.site.each_context(request),
        "title": TITLE,
        "figures": figures,
        "time_in_status": time_in_status,
        "weeks": WEEKS,
        "chart": weekly_chart_svg(figures.weeks),
        # Without the embedding model claims are matched by words and figures only: say so.
        "matching": matching_status(),
    }
    return TemplateResponse(request, "admin/dashboard.html", context)


# admin_view: staff only, logged-in (else the admin login page), never cached.
dashboard = admin.site.admin_view(_dashboard)
