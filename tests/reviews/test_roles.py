"""Roles: the groups the migration creates and who counts as fact-checker or editor."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from reviews.models import Review, ReviewEvent
from reviews.workflow.errors import NotAllowedForRole
from reviews.workflow.moves import MOVES, Role
from reviews.workflow.roles import EDITORS_GROUP, FACT_CHECKERS_GROUP, ROLE_GROUPS, is_editor, is_fact_checker
from reviews.workflow.services.moves import _check
from tests.factories import ReviewFactory, UserFactory, editor, fact_checker
from tests.reviews.test_services import CALLS

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
    user = fact_checker()
    user.user_permissions.add(Permission.objects.get(codename="approve_review"))
    user = type(user).objects.get(pk=user.pk)  # permissions are cached per instance

    assert is_editor(user)


# --- every move, checked against every role ------------------------------------------------

def review_ready_for(move: str, **kwargs) -> Review:
    """A review in the first status the move starts from."""
    status = next(iter(MOVES[move].paths))
    return ReviewFactory(status=status, **kwargs)


@pytest.mark.parametrize("move", list(CALLS))
def test_every_move_is_refused_to_staff_without_a_role(move):
    review = review_ready_for(move)

    with pytest.raises(NotAllowedForRole):
        CALLS[move](review, UserFactory(username="visitor"))

    assert ReviewEvent.objects.count() == 0


@pytest.mark.parametrize("move", [name for name, m in MOVES.items() if m.role == Role.EDITOR])
def test_editor_moves_are_refused_to_fact_checkers(move):
    review = review_ready_for(move)

    with pytest.raises(NotAllowedForRole, match="Only editors"):
        CALLS[move](review, fact_checker())


@pytest.mark.parametrize("move", [name for name, m in MOVES.items() if m.role == Role.FACT_CHECKER])
def test_an_assigned_review_is_moved_only_by_its_assignee_or_an_editor(move):
    review = review_ready_for(move, assignee=fact_checker("owner"))

    with pytest.raises(NotAllowedForRole, match="assigned to owner"):
        CALLS[move](review, fact_checker("colleague"))


@pytest.mark.parametrize("move", [name for name, m in MOVES.items() if m.role == Role.SYSTEM])
def test_system_moves_are_in_the_table_but_not_for_people(move):
    review = review_ready_for(move)

    with pytest.raises(NotAllowedForRole, match="system"):
        _check(review, move, editor())
    assert _check(review, move, None) is MOVES[move]
