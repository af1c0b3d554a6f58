from django.contrib import admin
from django.urls import include, path

from factcheck.health import healthz, readyz
from factcheck.language import set_language
from reviews.dashboard.views import dashboard
from reviews.publishing.verdicts_api import verdict_page

urlpatterns = [
    # Before the admin include, whose catch-all would answer 404 for it.
    path("admin/dashboard/", dashboard, name="dashboard"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("factcheck.api")),
    path("verdicts/<int:pk>/", verdict_page, name="verdict-page"),
    # Django's switcher view, which also keeps the choice on the person's profile.
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]
