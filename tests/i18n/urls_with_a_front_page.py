"""The project's URLs with a public front page at /, as the public pages will have one."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from factcheck.urls import urlpatterns as project_urlpatterns


def front_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("factcheck")


urlpatterns = [path("", front_page, name="front-page"), *project_urlpatterns]
