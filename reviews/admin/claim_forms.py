"""The review desk's claim forms: a claim by hand, and correcting, splitting or merging one.

Like the move forms they only parse; the services in reviews.workflow.services.claims decide.
"""

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.models import Comparator, Language, SpeakerKind
from reviews.workflow import services
from reviews.workflow.errors import InvalidInput, ReviewConflict, ReviewError
from reviews.workflow.models import Review

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COMPARATORS = [("", "—"), *Comparator.choices]
SPEAKER_KINDS = [("", _("unknown")), *SpeakerKind.choices]


class FiguresForm(forms.Form):
    quantity_value = forms.FloatField(label=_("Figure"), required=False)
    quantity_upper = forms.FloatField(label=_("Upper figure (for “between”)"), required=False)
    quantity_comparator = forms.ChoiceField(label=_("Comparator"), choices=COMPARATORS, required=False)
    quantity_unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    quantity_subject = forms.CharField(label=_("What is counted"), max_length=300, required=False)
    date_earliest = forms.DateField(label=_("Date window from"), required=False, widget=DATE)
    date_latest = forms.DateField(label=_("Date window to"), required=False, widget=DATE)
    speaker = forms.CharField(label=_("Speaker"), max_length=300, required=False,
                              help_text=_("Who is quoted or credited, as written."))
    speaker_kind = forms.ChoiceField(
        label=_("The speaker is"), choices=SPEAKER_KINDS, required=False,
        help_text=_("A person or an organisation: the published ClaimReview names the claim's author so."),
    )

    def figures(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in services.CORRECTABLE}


class HandClaimForm(FiguresForm):
    text = forms.CharField(label=_("Claim"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=[("", "—"), *Language.choices], required=False)
    seen_where = forms.CharField(
        label=_("Where it was seen"), max_length=200, required=False,
        help_text=_("A tipline, a social post, a channel: what readers would recognise."),
    )
    seen_url = forms.URLField(label=_("Link (if any)"), max_length=2000, required=False, assume_scheme="https")
    seen_on = forms.DateField(label=_("Seen on"), required=False, widget=DATE, help_text=_("Left empty: today."))
    field_order = ["text", "language", "seen_where", "seen_url", "seen_on"]


class ClaimMoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, review: Review, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", review.version)
        kwargs["prefix"] = "claim"
        super().__init__(*args, **kwargs)
        self.review = review


class CorrectForm(ClaimMoveForm, FiguresForm):
    def __init__(self, *args: Any, review: Review, **kwargs: Any) -> None:
        claim = review.claim
        kwargs.setdefault("initial", {name: getattr(claim, name) for name in services.CORRECTABLE})
        super().__init__(*args, review=review, auto_id="id_correct_%s", **kwargs)


class SplitForm(ClaimMoveForm):
    second_starts = forms.CharField(
        label=_("The second claim begins with"), max_length=300, required=False,
        help_text=_("Copy the words where the second claim starts; the rest becomes a claim of its own."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="id_split_%s", **kwargs)


class MergeForm(ClaimMoveForm):
    kept = forms.ModelChoiceField(
        label=_("Keep this claim (review number)"), queryset=Review.objects.all(), required=False,
        widget=forms.NumberInput, help_text=_("This claim repeats it: it is dismissed and points to the kept one."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="id_merge_%s", **kwargs)


CLAIM_FORMS: dict[str, type[ClaimMoveForm]] = {
    "claim_correct": CorrectForm, "claim_split": SplitForm, "claim_merge": MergeForm,
}


def claim_forms_context(request: HttpRequest, review: Review) -> list[dict[str, Any]]:
    return [
        {
            "name": move.name, "id": move.name.replace("_", "-"), "label": move.label,
            "form": CLAIM_FORMS[move.name](review=review),
            "url": reverse("admin:reviews_review_claim", args=[review.pk, move.name]),
        }
        for move in services.claim_moves_for(review=review, user=request.user)
    ]


def claim_move(request: HttpRequest, review: Review, move: str) -> HttpResponse:
    page = reverse("admin:reviews_review_change", args=[review.pk])
    form = CLAIM_FORMS[move](request.POST, review=review)
    if not form.is_valid():
        messages.error(request, gettext("Nothing was changed: %s") % "; ".join(
            " ".join(str(error) for error in errors) for errors in form.errors.values()))
        return HttpResponseRedirect(page)
    try:
        if form.cleaned_data["version"] != review.version:
            raise ReviewConflict(gettext(
                "Someone else changed this review after you opened it; nothing was changed. "
                "Check the history below and try again."
            ))
        if move == "claim_correct":
            services.claim_correct(review=review, actor=request.user, **cast(CorrectForm, form).figures())
            messages.success(request, gettext("The claim is corrected."))
        elif move == "claim_split":
            new = services.claim_split(review=review, actor=request.user,
                                       second_starts=form.cleaned_data["second_starts"])
            messages.success(request, gettext("The claim is split: the second part is review %(n)d.") % {"n": new.pk})
        else:
            services.claim_merge(review=review, actor=request.user, kept=form.cleaned_data["kept"])
            messages.success(request, gettext("The claim is merged into review %(n)d and dismissed.") % {
                "n": form.cleaned_data["kept"].pk})
    except ReviewConflict as error:
        messages.warning(request, error.message)
    except ReviewError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(page)


def add_claim(request: HttpRequest, admin_site: Any, opts: Any) -> HttpResponse:
    form = HandClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = services.claim_add_by_hand(
                actor=request.user, text=data["text"], language=data["language"], seen_where=data["seen_where"],
                seen_url=data["seen_url"], seen_on=data["seen_on"],
                **{name: value for name, value in form.figures().items() if value not in (None, "")},
            )
        except InvalidInput as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        except ReviewError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, gettext("The claim is added; its review is open."))
            return HttpResponseRedirect(reverse("admin:reviews_review_change", args=[review.pk]))
    context = {
        **admin_site.each_context(request),
        "opts": opts,
        "title": gettext("Add a claim by hand"),
        "form": form,
        "media": form.media,
    }
    return TemplateResponse(request, "admin/reviews/review/add_claim.html", context)
