"""What a client may ask of the verdict list: filters, orderings and the cursor that pages them.

Everything the list reads from the query string is declared here (the filter set names the
parameters the unknown-parameter check lets through), so a page is fully described by its
query parameters.
"""

import datetime
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, When
from django_filters import rest_framework as filters
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from claims.models import ClaimKind, Language
from factcheck.pagination import IdCursorPagination
from reviews.workflow.models import Review
from reviews.workflow.ratings import SCALE, Rating

# `rating` orders as the scale reads, best first (true ... false, then misleading, unproven).
RATING_RANK = Case(
    *(When(rating=level.value, then=rank) for rank, level in enumerate(SCALE)),
    default=len(SCALE), output_field=IntegerField(),
)
RANK_OF = {str(level.value): rank for rank, level in enumerate(SCALE)}

# What each `ordering` sorts by; ties fall back to the id, newest first, so the order is total.
ORDERINGS: dict[str, tuple[str, ...]] = {
    "published": ("published_at", "-id"),
    "-published": ("-published_at", "-id"),
    "rating": ("rating_rank", "-id"),
    "-rating": ("-rating_rank", "-id"),
}
NEWEST_FIRST = ("-id",)
# ISO 8601 dates only: Django would also read 03/01/2026, as March or January depending on the locale.
ISO_DATE = ["%Y-%m-%d"]


def day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


class VerdictFilter(filters.FilterSet):
    language = filters.ChoiceFilter(field_name="claim__language", choices=Language.choices)
    rating = filters.MultipleChoiceFilter(
        choices=Rating.choices,
        help_text="One rating, or several by repeating the parameter (`rating=false&rating=misleading`): any of them.",
    )
    kind = filters.ChoiceFilter(field_name="claim__kind", choices=ClaimKind.choices, help_text="The claim's kind.")
    outlet = filters.CharFilter(
        field_name="claim__article__outlet", lookup_expr="iexact",
        help_text="The outlet of the claim's article, as the verdict shows it (any letter case).",
    )
    published_after = filters.DateFilter(
        method="filter_published_after", input_formats=ISO_DATE,
        help_text="ISO date: published on that day (UTC) or later.",
    )
    published_before = filters.DateFilter(
        method="filter_published_before", input_formats=ISO_DATE,
        help_text="ISO date: published before that day (UTC).",
    )
    updated_since = filters.IsoDateTimeFilter(method="filter_updated_since", help_text="ISO 8601 date and time.")
    q = filters.CharFilter(method="filter_text", help_text="Words in the claim's text.")
    ordering = filters.ChoiceFilter(
        choices=[(name, name) for name in ORDERINGS], method="filter_ordering",
        help_text="published or rating (best first, as the scale reads); prefix with - for the reverse."
        " Without it: newest first.",
    )

    class Meta:
        model = Review
        fields = ["language", "rating", "kind", "outlet", "published_after", "published_before", "updated_since",
                  "q", "ordering"]

    def filter_published_after(self, queryset: QuerySet[Review], name: str, value: datetime.date) -> QuerySet[Review]:
        return queryset.filter(published_at__gte=day_start(value))

    def filter_published_before(self, queryset: QuerySet[Review], name: str, value: datetime.date) -> QuerySet[Review]:
        return queryset.filter(published_at__lt=day_start(value))

    def filter_updated_since(self, queryset: QuerySet[Review], name: str, value: datetime.datetime) -> QuerySet[Review]:
        # In UTC before it reaches the database: Python takes offsets up to 24 hours, PostgreSQL
        # refuses those over 16 (a 500 Schemathesis found).
        try:
            since = value.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as error:
            raise ValidationError({"updated_since": ["This date and time is out of range."]}) from error
        return queryset.filter(updated_at__gte=since)

    def filter_text(self, queryset: QuerySet[Review], name: str, value: str) -> QuerySet[Review]:
        for word in value.split()[:10]:
            queryset = queryset.filter(claim__text__icontains=word)
        return queryset

    def filter_ordering(self, queryset: QuerySet[Review], name: str, value: str) -> QuerySet[Review]:
        # The order itself is the cursor's to apply (VerdictCursor.get_ordering); the rank it
        # may sort by is a column here.
        return queryset.annotate(rating_rank=RATING_RANK) if "rating_rank" in ORDERINGS[value][0] else queryset


class VerdictCursor(IdCursorPagination):
    # Newest first by id: the primary key index serves every page, so a deep page costs what
    # the first one does (no OFFSET, no COUNT). Another ordering pages on its first column, ties
    # broken by the id (DRF's cursor keeps an offset inside a run of equal values).
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_ordering(self, request: Request, queryset: Any, view: Any) -> tuple[str, ...]:
        return ORDERINGS.get(request.query_params.get("ordering", ""), NEWEST_FIRST)

    def valid_position(self, position: str) -> bool:
        column = self.ordering[0].lstrip("-")
        if column == "published_at":
            try:
                return datetime.datetime.fromisoformat(position).tzinfo is not None
            except ValueError:
                return False
        if column == "rating_rank":
            return position.isdigit() and int(position) <= len(SCALE)
        return super().valid_position(position)

    def _get_position_from_instance(self, instance: Any, ordering: Any) -> str:
        column = ordering[0].lstrip("-")
        if column == "rating_rank":  # rows carry the rating, not its rank
            return str(RANK_OF.get(instance["rating"], len(SCALE)))
        if column == "published_at":
            return instance["published_at"].isoformat()
        return super()._get_position_from_instance(instance, ordering)
