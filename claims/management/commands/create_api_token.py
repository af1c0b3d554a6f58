"""`manage.py create_api_token USERNAME [--write]`: a token for an API client.

Without --write the token reads what anyone may read plus published claims; with --write the
user joins the "API clients" group, which may ingest articles. Running it again prints the
same token (and grants write access if asked): it never makes a second one.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models
from rest_framework.authtoken.models import Token

from claims.api.permissions import API_CLIENTS_GROUP, INGEST_PERMISSION


def api_clients_group() -> Group:
    group, _ = Group.objects.get_or_create(name=API_CLIENTS_GROUP)
    app_label, codename = INGEST_PERMISSION.split(".")
    group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


class Command(BaseCommand):
    help = "Create (or show) the API token of a client user; --write lets it ingest articles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--write", action="store_true", help="Join the API clients group (ingest articles).")

    def handle(self, *args, username: str, write: bool, **options) -> None:
        user_model = get_user_model()
        field = user_model._meta.get_field(user_model.USERNAME_FIELD)
        assert isinstance(field, models.Field)  # a column, not a relation
        if not username:
            raise CommandError("Give the client's username.")
        try:
            # The model's own rules: letters, digits and @.+-_ only, at most max_length.
            field.run_validators(username)
        except ValidationError as error:
            raise CommandError(f"{username!r} is not a usable username: {' '.join(error.messages)}") from error
        user, created = user_model.objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if write:
            user.groups.add(api_clients_group())
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
