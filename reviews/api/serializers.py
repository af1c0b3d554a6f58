"""Serializers of the reviews API: sources, events, revisions, move inputs, verdicts.

Nothing here writes a status: the move inputs are validated and handed to reviews.workflow.services.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reviews.workflow.models import Review, ReviewEvent, Source, Stance, VerdictRevision, public_source
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.ratings import BEST_RATING, WORST_RATING, Rating, rating_level
from reviews.workflow.roles import is_fact_checker
from reviews.workflow.summary import CLAIM_SUMMARY_MAX

# --- inputs ----------------------------------------------------------------------------------


def refuse_unknown_fields(data: Any, known: Mapping[str, serializers.Field]) -> None:
    """An input refuses fields it does not know: a misspelt field is a 400 that names it, not a
    silent no-op (`{"asignee": 3}` must not look like success). Read-only fields are known, and
    ignored. Known fields come in the JSON type the schema gives them (`refuse_other_types`)."""
    if hasattr(data, "keys"):
        unknown = sorted(set(data.keys()) - set(known))
        if unknown:
            raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        refuse_other_types(data, known)


def json_types_of(field: serializers.Field) -> tuple[type, ...] | None:
    """The JSON types the schema promises for `field`; None where it promises none."""
    if isinstance(field, serializers.BooleanField):
        return (bool,)
    if isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField):
        return (int,)
    if isinstance(field, serializers.FloatField | serializers.DecimalField):
        return (int, float)
    if isinstance(field, serializers.ListField | serializers.MultipleChoiceField):
        return (list,)
    if isinstance(field, serializers.CharField | serializers.ChoiceField | serializers.DateField
                  | serializers.DateTimeField):
        return (str,)
    return None


def refuse_other_types(data: Any, fields: Mapping[str, serializers.Field]) -> None:
    """DRF takes `"5"` for an integer, `0` for false and `12` for a text; the schema says what
    each field is, so anything else is a 400 naming the field, never a guess."""
    wrong: dict[str, list[str]] = {}
    for name, value in data.items():
        field = fields[name]
        types = None if field.read_only else json_types_of(field)
        if types is None or (value is None and field.allow_null):
            continue
        if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
            wrong[name] = [f"Must be {JSON_TYPE_NAMES[types]}."]
    if wrong:
        raise serializers.ValidationError(wrong)


JSON_TYPE_NAMES = {(bool,): "true or false", (int,): "a whole number", (int, float): "a number",
                   (list,): "a list", (str,): "a string"}


class StrictInputSerializer(serializers.Serializer):
    """An input serializer that refuses unknown fields (`refuse_unknown_fields`)."""

    def to_internal_value(self, data: Any) -> Any:
        refuse_unknown_fields(data, self.fields)
        return super().to_internal_value(data)


# --- people --------------------------------------------------------------------------------


@extend_schema_field(serializers.CharField(allow_null=True))
class UsernameField(serializers.RelatedField):
    """A newsroom member as their username, to the newsroom only. Anyone else gets nothing, or
    for a verdict's authors (`public_name=True`) the newsroom's own name: staff accounts are not
    public."""

    def __init__(self, *, public_name: bool = False, **kwargs: Any) -> None:
        self.public_name = public_name
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:
        request = self.context.get("request")
        if is_fact_checker(getattr(request, "user", None)):
            return value.get_username()
        return settings.FACTCHECK_ORGANIZATION["name"] if self.public_name else None


# --- sources -------------------------------------------------------------------------------


class SourceSerializer(serializers.ModelSerializer):
    """Evidence as the newsroom sees it. Readers without a role get a withheld source as its
    public description only (see `public_source`)."""

    added_by = UsernameField(read_only=True)

    class Meta:
        model = Source
        fields = [
            "id", "url", "title", "publisher", "accessed_on", "archive_url", "quote", "stance",
            "primary", "withheld_for_safety", "public_description", "added_by", "added_at",
        ]
        read_only_fields = ["id", "added_by", "added_at"]

    def to_representation(self, instance: Source) -> dict[str, Any]:
        request = self.context.get("request")
        if instance.withheld_for_safety and not is_fact_checker(getattr(request, "user", None)):
            return public_source(instance.snapshot())
        return super().to_representation(instance)


class SourceInputSerializer(StrictInputSerializer):
    """What `source_add` takes; required-ness is the service's to say (400 missing_input)."""

    url = serializers.URLField(max_length=2000, required=False, allow_blank=True, default="")
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    publisher = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    accessed_on = serializers.DateField(required=False, allow_null=True, default=None)
    archive_url = serializers.URLField(max_length=2000, required=False, allow_blank=True, default="")
    quote = serializers.CharField(required=False, allow_blank=True, default="")
    stance = serializers.ChoiceField(choices=Stance.choices, required=False, allow_blank=True, default="")
    primary = serializers.BooleanField(required=False, default=False)
    withheld_for_safety = serializers.BooleanField(required=False, default=False)
    public_description = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


# --- events and revisions ------------------------------------------------------------------


class ReviewEventSerializer(serializers.ModelSerializer):
    actor = UsernameField(read_only=True)
    # The system's words and the person's own, in the request's language.
    note = serializers.CharField(source="note_text", read_only=True)
    from_status = serializers.ChoiceField(choices=ReviewStatus.choices, allow_blank=True, read_only=True)

    class Meta:
        model = ReviewEvent
        fields = ["id", "at", "actor", "move", "from_status", "to_status", "note"]
        read_only_fields = fields


class PublicSourceSerializer(serializers.Serializer):
    """Schema of a published source (the revision's snapshot, withheld ones without URL)."""

    id = serializers.IntegerField(allow_null=True)
    withheld_for_safety = serializers.BooleanField()
    url = serializers.URLField(required=False)
    title = serializers.CharField(required=False)
    publisher = serializers.CharField(required=False, allow_blank=True)
    public_description = serializers.CharField(required=False)
    accessed_on = serializers.DateField(allow_null=True)
    archive_url = serializers.CharField(required=False, allow_blank=True)
    quote = serializers.CharField(required=False, allow_blank=True)
    stance = serializers.CharField(allow_blank=True)
    primary = serializers.BooleanField()


class RatingFieldsMixin(serializers.Serializer):
    rating_label = serializers.SerializerMethodField()
    rating_value = serializers.SerializerMethodField()

    def get_rating_label(self, obj: Review | VerdictRevision) -> str:
        return rating_level(obj.rating).label if obj.rating else ""

    @extend_schema_field(serializers.IntegerField(allow_null=True, min_value=WORST_RATING, max_value=BEST_RATING))
    def get_rating_value(self, obj: Review | VerdictRevision) -> int | None:
        return rating_level(obj.rating).number if obj.rating else None


class VerdictRevisionSerializer(RatingFieldsMixin, serializers.ModelSerializer):
    sources = serializers.SerializerMethodField()

    class Meta:
        model = VerdictRevision
        fields = [
            "number", "rating", "rating_label", "rating_value", "explanation", "sources", "published_at",
            "correction_note",
        ]
        read_only_fields = fields

    @extend_schema_field(PublicSourceSerializer(many=True))
    def get_sources(self, obj: VerdictRevision) -> list[dict[str, Any]]:
        return [public_source(snapshot) for snapshot in obj.sources or []]


# --- the review inside a claim ---------------------------------------------------------------


class ReviewSummarySerializer(RatingFieldsMixin, serializers.ModelSerializer):
    assignee = UsernameField(read_only=True)
    rating = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Review
        fields = ["id", "status", "version", "assignee", "rating", "rating_label", "rating_value", "recheck_on",
                  "published_at", "updated_at"]
        read_only_fields = fields


class ReviewDetailSerializer(ReviewSummarySerializer):
    submitted_by = UsernameField(read_only=True, public_name=True)
    approved_by = UsernameField(read_only=True, public_name=True)
    based_on: "serializers.PrimaryKeyRelatedField[Review]" = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True,
        help_text="Closed as already checked: the id of the earlier verdict (GET verdicts/{id}/); null otherwise.",
    )
    moves = serializers.SerializerMethodField()

    class Meta(ReviewSummarySerializer.Meta):
        fields = [*ReviewSummarySerializer.Meta.fields, "explanation", "claim_summary", "submitted_by", "approved_by",
                  "based_on", "moves"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_moves(self, obj: Review) -> list[str]:
        """The moves the caller may make now, by their URL name."""
        from reviews.workflow.services import review_moves_for

        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not is_fact_checker(user):
            return []
        return [move.name.replace("_", "-") for move in review_moves_for(review=obj, user=user)]


# --- move inputs -----------------------------------------------------------------------------
# Inputs a move needs are optional here on purpose: the service refuses a move without them
# with MissingInput, so every "you forgot X" answer has the same shape and code.


class MoveInputSerializer(StrictInputSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The review version you saw; if anyone moved it since, the move is refused with 409.",
    )


class AssignInputSerializer(MoveInputSerializer):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True, default=None
    )


class ScheduleInputSerializer(MoveInputSerializer):
    recheck_on = serializers.DateField(required=False, allow_null=True, default=None)


class SubmitInputSerializer(MoveInputSerializer):
    rating = serializers.ChoiceField(choices=Rating.choices, required=False, allow_blank=True, default="")
    explanation = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    claim_summary = serializers.CharField(
        required=False, allow_blank=True, max_length=CLAIM_SUMMARY_MAX,
        help_text="The claim in one short line, in the claim's language: ClaimReview's claimReviewed. "
                  "Required unless the verdict had one before (sent back or reopened).",
    )


class CloseAsCheckedInputSerializer(MoveInputSerializer):
    match = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1,
        help_text="The id of this claim's confirmed match (GET claims/{id}/matches/) to a published verdict.",
    )
    explanation = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=20000,
        help_text="Optional: left empty, the earlier verdict's explanation is used.",
    )
    claim_summary = serializers.CharField(
        required=False, allow_blank=True, max_length=CLAIM_SUMMARY_MAX,
        help_text="This claim in one short line, in its own language: its ClaimReview's claimReviewed. "
                  "Required unless the review had one before.",
    )


class ApproveInputSerializer(MoveInputSerializer):
    correction_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


# --- ratings --------------------------------------------------------------------------------


class RatingLevelSerializer(serializers.Serializer):
    value = serializers.CharField()
    # A field named as the API names it; it hides Field.label, which this serializer never uses.
    label = serializers.CharField()  # type: ignore[assignment]
    number = serializers.IntegerField(allow_null=True)
    definition = serializers.CharField()


class RatingScaleSerializer(serializers.Serializer):
    best_rating = serializers.IntegerField()
    worst_rating = serializers.IntegerField()
    ratings = RatingLevelSerializer(many=True)
