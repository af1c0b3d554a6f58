from django.contrib import admin
from django.urls import include, path

from factcheck.health import healthz, readyz
from reviews.dashboard.views import dashboard
from reviews.publishing.verdicts_api import verdict_page

urlpatterns = [
    # Before the admin include, whose catch-all would answer 404 for it.
    path("admin/dashboard/", dashboard, name="dashboard"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("factcheck.api")),
    path("verdicts/<int:pk>/", verdict_page, name="verdict-page"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]
