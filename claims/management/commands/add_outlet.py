"""`manage.py add_outlet NAME --feed URL [--sitemap URL] [--language kk] [--fact-checker]`."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.monitoring.outlets import OutletError, outlet_add


class Command(BaseCommand):
    help = "Add an outlet to watch, with its RSS/Atom feeds and news sitemaps (each may be repeated)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--feed", action="append", default=[], help="an RSS or Atom feed URL")
        parser.add_argument("--sitemap", action="append", default=[], help="a news sitemap URL")
        parser.add_argument("--language", action="append", default=[], help="kk, ru or en")
        parser.add_argument("--home-page", default="")
        parser.add_argument("--every", type=int, default=15, help="poll interval in minutes (default 15)")
        parser.add_argument("--fact-checker", action="store_true", help="import its ClaimReview markup too")

    def handle(self, *args: object, **options: object) -> None:
        feeds, sitemaps = options["feed"], options["sitemap"]
        assert isinstance(feeds, list) and isinstance(sitemaps, list)
        if not feeds and not sitemaps:
            raise CommandError("Give at least one --feed or --sitemap.")
        try:
            outlet, sources = outlet_add(
                name=str(options["name"]),
                feeds=feeds,
                sitemaps=sitemaps,
                languages=options["language"],  # type: ignore[arg-type]
                home_page=str(options["home_page"]),
                is_fact_checker=bool(options["fact_checker"]),
                poll_minutes=int(options["every"]),  # type: ignore[call-overload]
            )
        except OutletError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{outlet.name} (outlet {outlet.pk}):")
        for source in sources:
            self.stdout.write(f"  {source.get_kind_display()} {source.url}, every {source.poll_minutes} min, due now")
