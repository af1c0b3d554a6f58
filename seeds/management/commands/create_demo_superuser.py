import secrets
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "For local demos only: create a superuser and print its password, when none exists."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo superuser with DEBUG off (production settings).")
        users = get_user_model().objects
        reset = f"{sys.executable} manage.py changepassword"
        site = (settings.SITE_URL or "http://127.0.0.1:8000").rstrip("/")
        existing = users.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write(
                f"A superuser exists already ({existing.get_username()}); no demo account created.\n"
                f"Forgot its password? Set a new one with: {reset} {existing.get_username()}"
            )
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser(username="admin", email="admin@example.org", password=password)
        self.stdout.write(self.style.SUCCESS(
            f"Demo superuser created. Log in at {site}/admin/ as\n"
            f"  username: admin\n  password: {password}\n"
            "The password is shown only this once. To choose your own (or if you lose it):\n"
            f"  {reset} admin"
        ))
