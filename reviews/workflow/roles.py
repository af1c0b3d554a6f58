"""Who may do what: fact-checkers research and submit, editors also approve and publish.

Roles are Django permissions, granted through the groups the `0002_roles` data migration
creates ("Fact-checkers", "Editors"), so a superuser counts as both and a permission can also
be granted to one person directly.
"""

from django.contrib.auth.models import AnonymousUser, Group, Permission, User

FACT_CHECKERS_GROUP = "Fact-checkers"
EDITORS_GROUP = "Editors"

# change_review is what every fact-checker holds; approve_review is the editors' own right.
FACT_CHECKER_PERMISSION = "reviews.change_review"
EDITOR_PERMISSION = "reviews.approve_review"

UserLike = User | AnonymousUser  # request.user; the project keeps Django's User model

FACT_CHECKER_PERMISSIONS = (
    "claims.view_article",
    "claims.view_claim",
    "reviews.view_review",
    "reviews.add_review",
    "reviews.change_review",
    "reviews.view_source",
    "reviews.add_source",
    "reviews.change_source",
    "reviews.view_reviewevent",
    "reviews.view_verdictrevision",
)
EDITOR_PERMISSIONS = (*FACT_CHECKER_PERMISSIONS, "reviews.approve_review", "reviews.delete_source")
ROLE_GROUPS = {FACT_CHECKERS_GROUP: FACT_CHECKER_PERMISSIONS, EDITORS_GROUP: EDITOR_PERMISSIONS}


def is_fact_checker(user: UserLike | None) -> bool:
    """Fact-checkers, editors (who hold every fact-checker right) and superusers."""
    return bool(user and user.is_active and user.has_perm(FACT_CHECKER_PERMISSION))


def is_editor(user: UserLike | None) -> bool:
    return bool(user and user.is_active and user.has_perm(EDITOR_PERMISSION))


def role_group(name: str) -> Group:
    """The role's group with at least its permissions, (re)created if missing.

    The 0002_roles migration creates both groups; this puts them back after a database flush
    (transactional tests) or a deleted group. Other apps may grant a group more rights.
    """
    group, _ = Group.objects.get_or_create(name=name)
    wanted = [perm.split(".") for perm in ROLE_GROUPS[name]]
    permissions = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted}, codename__in={code for _, code in wanted}
    ).select_related("content_type")
    group.permissions.add(
        *(p for p in permissions if [p.content_type.app_label, p.codename] in wanted)
    )
    return group
