"""The admin's search box over a case-folded column (see claims.models.search_folded).

Each word must appear; the term is folded the way the column is, so the comparison is exact
on both databases whatever their collation (SQLite's LIKE folds ASCII only).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from claims.models import search_folded

MAX_WORDS = 10


class FoldedSearchMixin:
    """Set `folded_search_field` (a lookup path to a search_text column) instead of search_fields."""

    folded_search_field: str = "search_text"

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        words = search_folded(search_term).split()[:MAX_WORDS]
        for word in words:
            queryset = queryset.filter(**{f"{self.folded_search_field}__contains": word})
        return queryset, False

    def get_search_fields(self, request: HttpRequest) -> Any:
        # Non-empty so the admin shows its search box; the search itself is get_search_results.
        return [self.folded_search_field]
