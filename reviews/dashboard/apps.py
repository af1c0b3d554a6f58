from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    # An app of its own for its migrations, which created the indexes its queries need on
    # other apps' tables; Claim and ReviewEvent now declare them in their Meta (claims 0002,
    # reviews 0006 record them), and these migrations stay for the databases they made.
    name = "reviews.dashboard"
    label = "dashboard"
    verbose_name = _("Editors' dashboard")
    default_auto_field = "django.db.models.BigAutoField"
