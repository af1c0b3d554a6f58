"""Who may do what: fact-checkers research and submit, editors also approve and publish.

Roles are Django permissions, granted through the groups the `0002_roles` data migration
creates ("Fact-checkers", "Editors"), so a superuser counts as both and a permission can also
be granted to one person directly.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

FACT_CHECKERS_GROUP = "Fact-checkers"
EDITORS_GROUP = "Editors"

# change_review is what every fact-checker holds; approve_review is the editors' own right.
FACT_CHECKER_PERMISSION = "reviews.change_review"
EDITOR_PERMISSION = "reviews.approve_review"

UserLike = AbstractBaseUser | AnonymousUser


def is_fact_checker(user: UserLike | None) -> bool:
    """Fact-checkers, editors (who hold every fact-checker right) and superusers."""
    return bool(user and user.is_active and user.has_perm(FACT_CHECKER_PERMISSION))


def is_editor(user: UserLike | None) -> bool:
    return bool(user and user.is_active and user.has_perm(EDITOR_PERMISSION))
