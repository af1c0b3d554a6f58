"""The review page's dates: a scheduled review's re-check date and a published verdict's
check-again date, each a small form beside the moves that calls its service.

Like the moves, each form carries what the user saw (the review's version), so a change made
on a page opened before someone else's move is refused as a lost race.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reviews.rechecks.models import VerdictRecheck
from reviews.rechecks.services import verdict_recheck_set
from reviews.workflow import services
from reviews.workflow.errors import ReviewConflict, ReviewError
from reviews.workflow.models import Review
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.roles import is_editor

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RescheduleForm(forms.Form):
    version = forms.IntegerField(label=_("version"), widget=forms.HiddenInput)
    # Not required here: the service says what is missing, in the words the API uses too.
    recheck_on = forms.DateField(label=_("New re-check date"), required=False, widget=DATE_INPUT)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, review: Review, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"version": review.version, "recheck_on": review.recheck_on})
        kwargs.setdefault("prefix", "reschedule")
        kwargs.setdefault("auto_id", "id_reschedule_%s")
        super().__init__(*args, **kwargs)


class CheckAgainForm(forms.Form):
    check_again_on = forms.DateField(
        label=_("Check again on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty and save to clear the date."),
    )
    reason = forms.CharField(label=_("Why"), max_length=300, required=False)

    def __init__(self, *args: Any, recheck: VerdictRecheck | None, **kwargs: Any) -> None:
        if recheck is not None:
            kwargs.setdefault("initial", {"check_again_on": recheck.check_again_on, "reason": recheck.reason})
        kwargs.setdefault("prefix", "check_again")
        kwargs.setdefault("auto_id", "id_check_again_%s")
        super().__init__(*args, **kwargs)


def _current_recheck(review: Review) -> VerdictRecheck | None:
    try:
        return review.verdict_recheck
    except VerdictRecheck.DoesNotExist:
        return None


def dates_context(request: HttpRequest, review: Review) -> dict[str, Any]:
    """What the page shows of the two dates: a form where the user may change one."""
    context: dict[str, Any] = {}
    if services.review_may_reschedule(review=review, user=request.user):
        context["reschedule"] = {
            "form": RescheduleForm(review=review),
            "url": reverse("admin:reviews_review_reschedule", args=[review.pk]),
        }
    if review.status == ReviewStatus.PUBLISHED:
        recheck = _current_recheck(review)
        context["check_again"] = {
            "current": recheck,
            "form": CheckAgainForm(recheck=recheck) if is_editor(request.user) else None,
            "url": reverse("admin:reviews_review_check_again", args=[review.pk]),
        }
    return context


def _errors(form: forms.Form) -> str:
    return "; ".join(
        f"{form[name].label if name in form.fields else name}: {' '.join(str(error) for error in errors)}"
        for name, errors in form.errors.items()
    )


def reschedule(request: HttpRequest, review: Review) -> HttpResponse:
    page = reverse("admin:reviews_review_change", args=[review.pk])
    form = RescheduleForm(request.POST, review=review)
    if not form.is_valid():
        messages.error(request, gettext("The re-check date was not changed: %s") % _errors(form))
        return HttpResponseRedirect(page)
    try:
        if form.cleaned_data["version"] != review.version:
            raise ReviewConflict(
                gettext(
                    "Someone else changed this review after you opened it; nothing was changed. "
                    "Check the history below and try again."
                )
            )
        services.review_reschedule(
            review=review,
            actor=request.user,
            recheck_on=form.cleaned_data["recheck_on"],
            note=form.cleaned_data["note"],
        )
    except ReviewConflict as error:
        messages.warning(request, error.message)
    except ReviewError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            gettext("The claim will be re-checked on %(date)s.")
            % {"date": formats.date_format(form.cleaned_data["recheck_on"])},
        )
    return HttpResponseRedirect(page)


def check_again(request: HttpRequest, review: Review) -> HttpResponse:
    page = reverse("admin:reviews_review_change", args=[review.pk])
    form = CheckAgainForm(request.POST, recheck=None)
    if not form.is_valid():
        messages.error(request, gettext("The check-again date was not changed: %s") % _errors(form))
        return HttpResponseRedirect(page)
    try:
        recheck = verdict_recheck_set(
            review=review,
            actor=request.user,
            check_again_on=form.cleaned_data["check_again_on"],
            reason=form.cleaned_data["reason"],
        )
    except ReviewError as error:
        messages.error(request, error.message)
    else:
        if recheck is None:
            messages.success(request, gettext("The verdict has no date to be checked again now."))
        else:
            messages.success(
                request,
                gettext("The verdict will be checked again on %(date)s.")
                % {"date": formats.date_format(recheck.check_again_on)},
            )
    return HttpResponseRedirect(page)
