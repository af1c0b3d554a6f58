"""The two newsroom roles as groups with the model permissions each needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FACT_CHECKER_PERMISSIONS = [
    ("claims", "view_article"),
    ("claims", "view_claim"),
    ("reviews", "view_review"),
    ("reviews", "add_review"),
    ("reviews", "change_review"),
    ("reviews", "view_source"),
    ("reviews", "add_source"),
    ("reviews", "change_source"),
    ("reviews", "view_reviewevent"),
    ("reviews", "view_verdictrevision"),
]
EDITOR_PERMISSIONS = [
    *FACT_CHECKER_PERMISSIONS,
    ("reviews", "approve_review"),
    ("reviews", "delete_source"),
]
GROUPS = {"Fact-checkers": FACT_CHECKER_PERMISSIONS, "Editors": EDITOR_PERMISSIONS}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); on a fresh
    # database they do not exist yet, so create them for the apps the groups need.
    for label in ("claims", "reviews"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)
        for app_label, codename in codenames:
            permission = Permission.objects.using(schema_editor.connection.alias).get(
                content_type__app_label=app_label, codename=codename
            )
            group.permissions.add(permission)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("claims", "0001_initial"),
        ("reviews", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
