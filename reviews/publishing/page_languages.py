"""The public verdict page in each of the site's languages: `?lang=kk` shows its words in Kazakh,
the bare address follows the visitor's Accept-Language (hreflang `x-default`).

The page names every language version as `<link rel="alternate" hreflang>`, itself included,
as search engines ask; the ClaimReview inside stays in the claim's language in all of them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import urlencode

LANGUAGE_PARAMETER = "lang"


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


def page_language(request: HttpRequest) -> str | None:
    """The language the address asks for (`?lang=ru`), or None: the visitor's own."""
    asked = request.GET.get(LANGUAGE_PARAMETER, "")
    return asked if asked in dict(settings.LANGUAGES) else None


def in_language(page_url: str, language: str | None) -> str:
    return f"{page_url}?{urlencode({LANGUAGE_PARAMETER: language})}" if language else page_url


def alternates(page_url: str) -> list[Alternate]:
    return [
        *(Alternate(code, in_language(page_url, code)) for code, _name in settings.LANGUAGES),
        Alternate("x-default", page_url),
    ]
