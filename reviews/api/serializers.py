"""Serializers of the reviews API: sources, events, revisions, move inputs, verdicts.

Nothing here writes a status: the move inputs are validated and handed to reviews.workflow.services.
"""

from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reviews.workflow.models import Review, ReviewEvent, Source, Stance, VerdictRevision
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.ratings import BEST_RATING, WORST_RATING, Rating, rating_level
from reviews.workflow.roles import is_fact_checker

# --- inputs ----------------------------------------------------------------------------------


class StrictInputSerializer(serializers.Serializer):
    """An input that refuses fields it does not know: a misspelt or read-only field is a 400
    that names it, not a silent no-op (`{"asignee": 3}` must not look like success)."""

    def to_internal_value(self, data: Any) -> Any:
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


# --- people --------------------------------------------------------------------------------


@extend_schema_field(serializers.CharField(allow_null=True))
class UsernameField(serializers.RelatedField):
    """A user shown as their username, never more."""

    def to_representation(self, value: Any) -> str:
        return value.get_username()


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


PUBLIC_SOURCE_FIELDS = ("id", "url", "title", "publisher", "accessed_on", "archive_url", "quote", "stance", "primary")


def public_source(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A published source for anyone: a withheld one keeps its description and stance only."""
    if snapshot.get("withheld_for_safety"):
        return {
            "id": snapshot.get("id"),
            "withheld_for_safety": True,
            "public_description": snapshot.get("public_description", ""),
            "stance": snapshot.get("stance", ""),
            "primary": snapshot.get("primary", False),
            "accessed_on": snapshot.get("accessed_on"),
        }
    return {"withheld_for_safety": False, **{name: snapshot.get(name) for name in PUBLIC_SOURCE_FIELDS}}


# --- events and revisions ------------------------------------------------------------------


class ReviewEventSerializer(serializers.ModelSerializer):
    actor = UsernameField(read_only=True)
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
    submitted_by = UsernameField(read_only=True)
    approved_by = UsernameField(read_only=True)
    moves = serializers.SerializerMethodField()

    class Meta(ReviewSummarySerializer.Meta):
        fields = [*ReviewSummarySerializer.Meta.fields, "explanation", "submitted_by", "approved_by", "moves"]
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


class ApproveInputSerializer(MoveInputSerializer):
    correction_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


# --- ratings --------------------------------------------------------------------------------


class RatingLevelSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    number = serializers.IntegerField(allow_null=True)
    definition = serializers.CharField()


class RatingScaleSerializer(serializers.Serializer):
    best_rating = serializers.IntegerField()
    worst_rating = serializers.IntegerField()
    ratings = RatingLevelSerializer(many=True)
