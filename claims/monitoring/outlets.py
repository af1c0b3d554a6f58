"""Adding an outlet and its feeds and sitemaps: one way in, for the command, the admin and the API."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from claims.models import FeedSource, Language, Outlet, SourceKind


class OutletError(ValueError):
    """An outlet or source that cannot be stored as given; the message says why."""


class SourceTaken(OutletError):
    """A feed or sitemap URL is already watched, for this outlet or another."""


def clean_languages(languages: Sequence[str]) -> str:
    codes = [code.strip().lower() for code in languages if code.strip()]
    unknown = [code for code in codes if code not in Language.values]
    if unknown:
        raise OutletError(f"Unknown language {unknown[0]!r}; use one of {', '.join(Language.values)}.")
    return ",".join(dict.fromkeys(codes))


def clean_source_url(url: str) -> str:
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise OutletError(f"{url[:200]!r} is not an http(s) URL.") from error
    return url


def outlet_add(
    *,
    name: str,
    feeds: Sequence[str] = (),
    sitemaps: Sequence[str] = (),
    languages: Sequence[str] = (),
    home_page: str = "",
    is_fact_checker: bool = False,
    poll_minutes: int = 15,
) -> tuple[Outlet, list[FeedSource]]:
    """Create the outlet (or add sources to the one of that name) with its feeds and sitemaps,
    each due at once."""
    name = name.strip()
    if not name:
        raise OutletError("The outlet needs a name.")
    if poll_minutes < 1:
        raise OutletError("The poll interval is at least one minute.")
    codes = clean_languages(languages)
    wanted = [(clean_source_url(url), SourceKind.FEED) for url in feeds]
    wanted += [(clean_source_url(url), SourceKind.SITEMAP) for url in sitemaps]
    taken = FeedSource.objects.filter(url__in=[url for url, _ in wanted]).select_related("outlet").first()
    if taken is not None:
        raise SourceTaken(f"{taken.url} is already a source of {taken.outlet.name}.")
    with transaction.atomic():
        outlet, created = Outlet.objects.get_or_create(
            name=name[:200],
            defaults={"languages": codes, "home_page": home_page, "is_fact_checker": is_fact_checker},
        )
        if not created and codes and not outlet.languages:
            Outlet.objects.filter(pk=outlet.pk).update(languages=codes)
        sources = [
            FeedSource.objects.create(outlet=outlet, url=url, kind=kind, poll_minutes=poll_minutes)
            for url, kind in wanted
        ]
    return outlet, sources
