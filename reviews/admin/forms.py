"""The admin's move forms: one per move, each turning a POST into a service call.

The forms only parse; the services decide what is missing or wrong, so the admin and the API
refuse the same things with the same messages. Every form carries the version the user saw:
a move on a review that has changed since is a lost race, not a surprise.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.workflow import services
from reviews.workflow.models import Review, Stance
from reviews.workflow.ratings import Rating
from reviews.workflow.roles import EDITOR_PERMISSION, FACT_CHECKER_PERMISSION
from reviews.workflow.summary import CLAIM_SUMMARY_MAX, suggested_summary


def fact_checkers() -> QuerySet:
    """Active users who may be assigned a review: fact-checkers, editors, superusers."""
    app_label, codename = FACT_CHECKER_PERMISSION.split(".")
    editor_codename = EDITOR_PERMISSION.split(".")[1]
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=[codename, editor_codename]
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__in=permissions) | Q(user_permissions__in=permissions))
        .distinct()
        .order_by("username")
    )


SOURCE_INPUTS = (
    "source_url", "source_title", "source_publisher", "source_accessed_on", "source_stance", "source_quote",
)


class MoveForm(forms.Form):
    version = forms.IntegerField(label=_("version"), widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, review: Review, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", review.version)
        kwargs.setdefault("prefix", "move")
        super().__init__(*args, **kwargs)
        self.review = review


class NoteRequiredForm(MoveForm):
    """Send back and reopen: the browser asks for the note; the service insists on it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs["required"] = True


class AssignForm(MoveForm):
    assignee: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=_("Assign to"), queryset=None, required=False
    )
    field_order = ["assignee", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)
        assignee.queryset = fact_checkers().exclude(pk=self.review.assignee_id)


class ScheduleForm(MoveForm):
    recheck_on = forms.DateField(
        label=_("Re-check on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    field_order = ["recheck_on", "note"]


def _offer_claim_summary(form: MoveForm) -> None:
    """The claim summary field of a form that sends a verdict to an editor, as written before."""
    form.initial.setdefault("claim_summary", form.review.claim_summary)
    claim = form.review.claim
    summary = form.fields["claim_summary"]
    # The blind cut is offered, never filled in: the summary is the fact-checker's own line.
    summary.widget.attrs.update({
        "placeholder": suggested_summary(claim.text), "maxlength": CLAIM_SUMMARY_MAX, "size": CLAIM_SUMMARY_MAX,
        "lang": claim.language, "required": True,
    })
    summary.help_text = _(
        "The claim in one short line, as search engines show it: at most %(max)d characters, in %(language)s."
    ) % {"max": CLAIM_SUMMARY_MAX, "language": claim.get_language_display()}


class SubmitForm(MoveForm):
    """The verdict and, in the same POST, a source: a fact-checker's common task is one form."""

    rating = forms.ChoiceField(label=_("Rating"), choices=[("", "---------"), *Rating.choices], required=False)
    explanation = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    # Not limited here: the service says what is wrong with it, and the text comes back as typed.
    claim_summary = forms.CharField(label=_("Claim summary"), required=False)
    source_url = forms.URLField(label=_("Source URL"), max_length=2000, required=False, assume_scheme="https")
    source_title = forms.CharField(label=_("Source title"), max_length=500, required=False)
    source_publisher = forms.CharField(label=_("Publisher"), max_length=300, required=False)
    source_accessed_on = forms.DateField(
        label=_("Accessed on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    source_stance = forms.ChoiceField(label=_("Stance"), choices=Stance.choices, required=False)
    source_quote = forms.CharField(
        label=_("Quoted passage"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["rating", "explanation", "claim_summary", *SOURCE_INPUTS, "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A verdict sent back or reopened starts from the one submitted before.
        self.initial.setdefault("rating", self.review.rating)
        self.initial.setdefault("explanation", self.review.explanation)
        _offer_claim_summary(self)
        self.initial.setdefault("source_accessed_on", timezone.localdate())
        self.initial.setdefault("source_stance", Stance.REFUTES)
        has_sources = self.review.sources.exists()
        for name in SOURCE_INPUTS:
            self.fields[name].widget.attrs["data-source-input"] = "1"
        self.fields["source_url"].help_text = (
            _("Optional: the verdict has sources already.") if has_sources
            else _("A verdict needs a source: give it here, it is saved with the verdict.")
        )

    def typed_source(self) -> dict[str, Any] | None:
        """The source typed with the verdict, as `source_add` takes it; None if none was typed."""
        data = self.cleaned_data
        if not (data.get("source_url") or data.get("source_title", "").strip()):
            return None
        return {
            "url": data["source_url"],
            "title": data["source_title"],
            "publisher": data["source_publisher"],
            "accessed_on": data["source_accessed_on"],
            "stance": data["source_stance"],
            "quote": data["source_quote"],
        }


class ApproveForm(MoveForm):
    correction_note = forms.CharField(
        label=_("Correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the verdict was published before: what the correction changes."),
    )
    field_order = ["correction_note", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.review.revisions.exists():
            del self.fields["correction_note"]


class CloseAsCheckedForm(MoveForm):
    """The confirmed match whose published verdict the claim repeats; the service checks it."""

    match = forms.IntegerField(label=_("Verdict checked before"), required=False, widget=forms.Select)
    explanation = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: left empty, the earlier verdict's explanation is published with it."),
    )
    # This appearance's own line, in this claim's language: the earlier verdict's may be in another.
    claim_summary = forms.CharField(label=_("Claim summary"), required=False)
    field_order = ["match", "claim_summary", "explanation", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_claim_summary(self)
        choices = [
            (m.pk, f"{m.matched.review.get_rating_display()}: {m.matched.text[:100]} (#{m.matched.review.pk})")
            for m in services.closing_matches(self.review) if m.matched is not None
        ]
        self.fields["match"].widget.choices = choices
        if choices:
            self.initial.setdefault("match", choices[0][0])


Call = Callable[[Review, Any, dict[str, Any]], Review]

# move name -> (form, how the cleaned data becomes the service call)
MOVE_FORMS: dict[str, tuple[type[MoveForm], Call]] = {
    "take": (MoveForm, lambda r, u, d: services.review_take(review=r, actor=u, note=d["note"])),
    "assign": (
        AssignForm,
        lambda r, u, d: services.review_assign(review=r, actor=u, assignee=d["assignee"], note=d["note"]),
    ),
    "dismiss": (MoveForm, lambda r, u, d: services.review_dismiss(review=r, actor=u, note=d["note"])),
    "restore": (MoveForm, lambda r, u, d: services.review_restore(review=r, actor=u, note=d["note"])),
    "schedule": (
        ScheduleForm,
        lambda r, u, d: services.review_schedule(review=r, actor=u, recheck_on=d["recheck_on"], note=d["note"]),
    ),
    "recheck_now": (MoveForm, lambda r, u, d: services.review_recheck_now(review=r, actor=u, note=d["note"])),
    "submit": (
        SubmitForm,
        lambda r, u, d: services.review_submit_with_source(
            review=r, actor=u, rating=d["rating"], explanation=d["explanation"], note=d["note"],
            source=d.get("typed_source"), claim_summary=d["claim_summary"],
        ),
    ),
    "send_back": (
        NoteRequiredForm,
        lambda r, u, d: services.review_send_back(review=r, actor=u, note=d["note"]),
    ),
    "approve": (
        ApproveForm,
        lambda r, u, d: services.review_approve(
            review=r, actor=u, correction_note=d.get("correction_note", ""), note=d["note"]
        ),
    ),
    "close_as_checked": (
        CloseAsCheckedForm,
        lambda r, u, d: services.review_close_as_checked(
            review=r, actor=u, match=d["match"], explanation=d["explanation"], note=d["note"],
            claim_summary=d["claim_summary"],
        ),
    ),
    "reopen": (NoteRequiredForm, lambda r, u, d: services.review_reopen(review=r, actor=u, note=d["note"])),
}
