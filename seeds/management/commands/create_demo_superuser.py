import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "For local demos only: create a superuser and print its password, when none exists."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo superuser with DEBUG off (production settings).")
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            self.stdout.write("A superuser exists already; no demo account created.")
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser(username="admin", email="admin@example.org", password=password)
        self.stdout.write(self.style.SUCCESS(
            "Demo superuser created. Log in at http://127.0.0.1:8000/admin/ as\n"
            f"  username: admin\n  password: {password}"
        ))
