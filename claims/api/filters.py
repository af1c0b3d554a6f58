"""Filters of the claims list: the review queue seen from the API."""

from django import forms
from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import PermissionDenied

from claims.models import Claim, ClaimKind, Language
from reviews.workflow.moves import ReviewStatus
from reviews.workflow.roles import is_fact_checker


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**63 - 1})
class IdFilter(filters.NumberFilter):
    """A row id: a whole number the database can hold, else a 400 naming the parameter."""

    field_class = forms.IntegerField

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class ClaimFilter(filters.FilterSet):
    status = filters.ChoiceFilter(field_name="review__status", choices=ReviewStatus.choices)
    kind = filters.ChoiceFilter(choices=ClaimKind.choices)
    language = filters.ChoiceFilter(choices=Language.choices)
    article = IdFilter(field_name="article_id")
    assignee = filters.CharFilter(
        method="filter_assignee", help_text="A username, `me`, or `none` for unassigned claims."
    )
    recheck_before = filters.DateFilter(field_name="review__recheck_on", lookup_expr="lte")
    q = filters.CharFilter(method="filter_text", help_text="Words in the claim's text or its speaker.")
    ordering = filters.OrderingFilter(
        fields=(("checkworthiness", "checkworthiness"), ("created_at", "date"), ("id", "id")),
        help_text="checkworthiness, date or id; prefix with - for descending.",
    )

    class Meta:
        model = Claim
        fields = ["status", "kind", "language", "article", "assignee", "recheck_before", "q"]

    def filter_queryset(self, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        # Pages need a total order: ties fall back to the id, the queue's own order (oldest
        # first) under check-worthiness, newest first under the newest-first date order.
        queryset = super().filter_queryset(queryset)
        ordering = [str(field) for field in queryset.query.order_by if field] or ["-checkworthiness"]
        if not {"id", "-id"} & set(ordering):
            ordering.append("-id" if ordering[0] == "-created_at" else "id")
        return queryset.order_by(*ordering)

    def filter_assignee(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        if not is_fact_checker(getattr(self.request, "user", None)):
            # Who works on what is the newsroom's business.
            refused = PermissionDenied("Filtering by assignee is for the newsroom only.")
            refused.field = "assignee"  # type: ignore[attr-defined]  # named in the error body
            raise refused
        if value == "none":
            return queryset.filter(review__assignee__isnull=True)
        if value == "me":
            user = getattr(self.request, "user", None)
            return queryset.filter(review__assignee_id=getattr(user, "pk", None))
        return queryset.filter(review__assignee__username=value)

    def filter_text(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        query = Q()
        for word in value.split()[:10]:
            query &= Q(text__icontains=word) | Q(speaker__icontains=word)
        return queryset.filter(query)
