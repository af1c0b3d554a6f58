from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    # An app of its own only for its migration: the indexes its queries need on other
    # apps' tables (see migrations/0001_dashboard_indexes.py).
    name = "reviews.dashboard"
    label = "dashboard"
    verbose_name = _("Editors' dashboard")
    default_auto_field = "django.db.models.BigAutoField"
