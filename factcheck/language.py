"""The interface language switcher: the language a person picks is kept on their profile too,
so what is sent to them later (notice emails) is in it."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.i18n import set_language as django_set_language

from factcheck.models import Profile


def set_language(request: HttpRequest) -> HttpResponse:
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
        # Django set the cookie: the choice was valid and accepted.
        and settings.LANGUAGE_COOKIE_NAME in response.cookies
    ):
        Profile.objects.update_or_create(user=request.user, defaults={"language": language})
    return response
