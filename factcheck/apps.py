"""The project package as an app, for what must be wired once at start-up."""

from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = "factcheck"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from factcheck.security import carry_lockout_to_django_request

        user_login_failed.connect(carry_lockout_to_django_request, dispatch_uid="factcheck-drf-lockout")
