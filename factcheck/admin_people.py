"""People, groups and their permissions in the admin, in the reader's language.

Django writes the default permissions' names in English when it creates them ("Can add
claim"), and names the tables that join people, groups and permissions in English
("Group-permission relationship", "User_groups object (2)", on the delete pages).
"""

from typing import Any

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, Permission, User
from django.db.models import ManyToManyField, Model
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from claims.api.permissions import API_CLIENTS_GROUP
from factcheck.models import Profile
from reviews.workflow.roles import EDITORS_GROUP, FACT_CHECKERS_GROUP

# The reader gets a default permission's action in their language beside the model's name.
DEFAULT_ACTIONS = {"add": "Add", "change": "Change", "delete": "Delete", "view": "View"}


def permission_label(permission: Permission) -> str:
    """"Reviews | review | Change" in the reader's language; our own permissions' names are
    in our catalog."""
    model = permission.content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is None:
        return f"{permission.content_type} | {gettext(permission.name)}"
    app = model._meta.app_config.verbose_name
    if action in DEFAULT_ACTIONS and model_name == model._meta.model_name:
        what = gettext(DEFAULT_ACTIONS[action])
    else:
        what = gettext(permission.name)
    return f"{app} | {model._meta.verbose_name} | {what}"


# The role groups' stored names are the code's identifiers; people read them translated.
GROUP_NAMES = {
    FACT_CHECKERS_GROUP: gettext_lazy("Fact-checkers"),
    EDITORS_GROUP: gettext_lazy("Editors"),
    API_CLIENTS_GROUP: gettext_lazy("API clients"),
}


def group_str(group: object) -> str:
    assert isinstance(group, Group)
    return str(GROUP_NAMES.get(group.name, group.name))


Group.__str__ = group_str  # type: ignore[method-assign]


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Permission) -> str:
        return permission_label(obj)


class PermissionsInTheReadersLanguage:
    def formfield_for_manytomany(
        self, db_field: ManyToManyField, request: HttpRequest | None = None, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        if db_field.name in {"permissions", "user_permissions"}:
            kwargs["form_class"] = PermissionChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class GroupAdmin(PermissionsInTheReadersLanguage, auth_admin.GroupAdmin):
    list_display = ["__str__"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


class UserAdmin(PermissionsInTheReadersLanguage, auth_admin.UserAdmin):
    inlines = [ProfileInline]


admin.site.unregister(Group)
admin.site.register(Group, GroupAdmin)
admin.site.unregister(User)
admin.site.register(User, UserAdmin)


def _joined(through: type[Model]) -> tuple[type[Model], type[Model]]:
    first, second = (field.related_model for field in through._meta.fields if field.is_relation)
    assert isinstance(first, type) and isinstance(second, type)
    return first, second


def _join_str(row: object) -> str:
    assert isinstance(row, Model)
    first, second = (getattr(row, field.name) for field in row._meta.fields if field.is_relation)
    if isinstance(second, Permission):
        return f"{first} — {permission_label(second)}"
    return f"{first} — {second}"


def name_the_joining_tables() -> None:
    """Each many-to-many table of people, groups and permissions named by its two sides."""
    for model in apps.get_models(include_auto_created=True):
        if not (model._meta.auto_created and model._meta.app_label == "auth"):
            continue
        first, second = _joined(model)
        model._meta.verbose_name = format_lazy(
            gettext_lazy("{first} — {second}"), first=first._meta.verbose_name, second=second._meta.verbose_name
        )
        model._meta.verbose_name_plural = format_lazy(
            gettext_lazy("{first} — {second}"),
            first=first._meta.verbose_name_plural,
            second=second._meta.verbose_name_plural,
        )
        model.__str__ = _join_str  # type: ignore[method-assign]


name_the_joining_tables()
