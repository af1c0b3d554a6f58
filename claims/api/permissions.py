"""Who may reach what in the API.

- Anyone: published verdicts, the rating scale, the schema and docs.
- A client token without a role: the same, plus published claims; with write access (the
  "API clients" group, `claims.add_article`) it also ingests articles.
- Fact-checkers and editors: everything; the moves themselves check roles in the services.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from reviews.workflow.roles import UserLike, is_fact_checker

API_CLIENTS_GROUP = "API clients"
INGEST_PERMISSION = "claims.add_article"


def can_ingest(user: UserLike | None) -> bool:
    return bool(user and user.is_active and (user.has_perm(INGEST_PERMISSION) or is_fact_checker(user)))


def sees_unpublished(user: UserLike | None) -> bool:
    """The newsroom sees every claim; everyone else only published ones."""
    return is_fact_checker(user)


class CanIngestOrReadOnly(BasePermission):
    message = "Your token may read but not ingest articles; ask for write access."

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in SAFE_METHODS or can_ingest(request.user)
