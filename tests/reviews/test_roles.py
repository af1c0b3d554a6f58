"""Roles: the groups the migration creates and who counts as fact-checker or editor."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from reviews.roles import EDITORS_GROUP, FACT_CHECKERS_GROUP, ROLE_GROUPS, is_editor, is_fact_checker
from tests.factories import UserFactory, editor, fact_checker

pytestmark = pytest.mark.django_db


def permissions_of(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_migration_creates_both_groups_with_their_permissions():
    assert permissions_of(FACT_CHECKERS_GROUP) >= set(ROLE_GROUPS[FACT_CHECKERS_GROUP])
    assert permissions_of(EDITORS_GROUP) >= set(ROLE_GROUPS[EDITORS_GROUP])
    assert "reviews.approve_review" not in permissions_of(FACT_CHECKERS_GROUP)
    assert {"reviews.approve_review", "reviews.delete_source"} <= permissions_of(EDITORS_GROUP)


@pytest.mark.parametrize(
    ("make_user", "checks", "edits"),
    [
        (lambda: fact_checker(), True, False),
        (lambda: editor(), True, True),
        (lambda: UserFactory(is_superuser=True), True, True),
        (lambda: UserFactory(), False, False),
        (lambda: fact_checker(is_active=False), False, False),
        (lambda: editor(is_active=False), False, False),
        (lambda: AnonymousUser(), False, False),
        (lambda: None, False, False),
    ],
    ids=["fact-checker", "editor", "superuser", "no role", "inactive fact-checker", "inactive editor",
         "anonymous", "nobody"],
)
def test_who_counts_as_what(make_user, checks, edits):
    user = make_user()

    assert (is_fact_checker(user), is_editor(user)) == (checks, edits)


def test_a_permission_granted_directly_makes_an_editor():
    from django.contrib.auth.models import Permission

    user = fact_checker()
    user.user_permissions.add(Permission.objects.get(codename="approve_review"))
    user = type(user).objects.get(pk=user.pk)  # permissions are cached per instance

    assert is_editor(user)
