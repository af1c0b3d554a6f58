"""The project package as an app, for what must be wired once at start-up."""

from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = "factcheck"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from factcheck.security import carry_lockout_to_django_request

        user_login_failed.connect(carry_lockout_to_django_request, dispatch_uid="factcheck-drf-lockout")


class SignInRecordsConfig(AxesConfig):
    """django-axes under a name in the reader's language (it names itself "Axes")."""

    name = "axes"
    verbose_name = _("Sign-in records")
