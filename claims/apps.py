from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = _("Claims")

    def ready(self) -> None:
        # Registers the tasks in every process: services send them by name (factcheck.queueing).
        from claims import matching_tasks, tasks  # noqa: F401
        from claims.monitoring import tasks as monitoring_tasks  # noqa: F401
