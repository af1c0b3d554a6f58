"""The project's URLs with nothing at / (as before the public pages)."""

from django.urls import URLPattern

from factcheck.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    pattern for pattern in project_urlpatterns if not (isinstance(pattern, URLPattern) and str(pattern.pattern) == "")
]
