from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self) -> None:
        # Receivers of review_moved (editors are emailed when a verdict is submitted, webhook
        # clients told when one is published or corrected, whichever process made the move; the
        # verdict pages' version moved),
        # and the tasks, which services send by name (factcheck.queueing): both in every process.
        from reviews.publishing import tasks as publishing_tasks  # noqa: F401
        from reviews.publishing import (
            verdict_cache,  # noqa: F401
            webhooks,  # noqa: F401
        )
        from reviews.rechecks import notices  # noqa: F401
        from reviews.rechecks import tasks as rechecks_tasks  # noqa: F401
