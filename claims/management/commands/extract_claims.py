"""`manage.py extract_claims [FILE|-] --published YYYY-MM-DD [--language kk|ru|en] [--format jsonl|table]`
and `manage.py extract_claims --reextract [--all | --article ID ...]`.

The first form runs the claim extractor on one article, the same call the extraction task
makes, and prints what it found: one JSON object a line (the contract's `to_dict()`), or a
table for people. `-` (the default) reads the article from standard input. Nothing is stored.

`--reextract` runs today's extractor again on stored articles that an older one read (every
article with `--all`, or the ones named with `--article`) and stores the result through
`claims.services.article_store_claims`, the extraction task's own rule: claims found again
stay as they are, new ones get a review, and a claim no longer found is dropped only while
nobody has worked on its review. It says how many claims changed, per article and in all.
"""

from __future__ import annotations

import datetime
import json
import sys
from dataclasses import dataclass
from typing import TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet

from claims.extraction import EXTRACTOR_VERSION, LANGUAGES, ExtractedClaim, extract
from claims.models import Article
from claims.services import article_store_claims, extraction_key

TABLE_TEXT_WIDTH = 70


def read_article(path: str, stdin: TextIO) -> str:
    if path == "-":
        return stdin.read()
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError as error:
        raise CommandError(f"{path}: no such file") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    except OSError as error:
        raise CommandError(f"{path}: cannot read it ({error.strerror or error})") from error


def parse_published(value: str | None) -> datetime.date:
    if not value:
        raise CommandError("--published is required: the article's publication date as YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--published {value!r} is not a date as YYYY-MM-DD") from error


def table_row(claim: ExtractedClaim) -> str:
    quantity = ""
    if claim.quantity:
        q = claim.quantity.to_dict()
        upper = f"–{q['upper']}" if q["upper"] is not None else ""
        quantity = f"{q['comparator']} {q['value']}{upper} {q['unit'] or ''}".strip()
    date = f"{claim.date.earliest}..{claim.date.latest}" if claim.date else ""
    text = " ".join(claim.text.split())
    if len(text) > TABLE_TEXT_WIDTH:
        text = text[: TABLE_TEXT_WIDTH - 1] + "…"
    return (
        f"{claim.kind:<9}  {claim.language:<2}  {claim.checkworthiness:>4.2f}  {quantity:<28}  {date:<22}  "
        f"{claim.check_after or ''!s:<10}  {claim.speaker or '':<20}  {text}"
    )


@dataclass
class Changes:
    """What re-extracting did to one article's claims (or to all of them, summed)."""

    new: int = 0
    dropped: int = 0
    kept: int = 0  # no longer found, kept because a person worked on the review
    unchanged: int = 0

    def add(self, other: Changes) -> None:
        self.new += other.new
        self.dropped += other.dropped
        self.kept += other.kept
        self.unchanged += other.unchanged

    def __str__(self) -> str:
        return (
            f"{self.new} new, {self.dropped} dropped, {self.kept} kept because a person worked on them, "
            f"{self.unchanged} unchanged"
        )


def reextract_article(article: Article) -> Changes:
    """Extract `article` again and store the result by the extraction task's rule."""
    before = set(article.claims.values_list("extraction_key", flat=True))
    claims = extract(article.body, published=article.published_on, language=article.language or None)
    found = [claim.to_record() for claim in claims]
    wanted = {extraction_key(claim) for claim in found}
    new = article_store_claims(article=article, extracted=found, extractor_version=EXTRACTOR_VERSION)
    after = set(article.claims.values_list("extraction_key", flat=True))
    gone = before - wanted
    return Changes(new=len(new), dropped=len(gone - after), kept=len(gone & after), unchanged=len(before & wanted))


def articles_to_reextract(every_article: bool, article_ids: list[int] | None) -> QuerySet[Article]:
    articles = Article.objects.order_by("pk")
    if article_ids:
        missing = set(article_ids) - set(articles.filter(pk__in=article_ids).values_list("pk", flat=True))
        if missing:
            raise CommandError(f"no article with id {', '.join(map(str, sorted(missing)))}")
        return articles.filter(pk__in=article_ids)
    if every_article:
        return articles
    return articles.exclude(extractor_version=EXTRACTOR_VERSION)


class Command(BaseCommand):
    help = "Extract checkable claims from one article (a file, or - for standard input) and print them."
    # Tests hand the article in through call_command(..., stdin=StringIO(...)).
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default="-", help="The article as UTF-8 text; - reads stdin.")
        parser.add_argument("--published", help="Publication date, YYYY-MM-DD: relative dates count from it.")
        parser.add_argument("--language", choices=LANGUAGES, help="Force the language instead of detecting it.")
        parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl", dest="output_format")
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="Run today's extractor again on stored articles an older one read, keeping claims people worked on.",
        )
        parser.add_argument("--all", action="store_true", dest="every_article", help="With --reextract: every article")
        parser.add_argument(
            "--article", type=int, action="append", dest="article_ids", help="With --reextract: this one, repeatable"
        )

    def handle(
        self, *args, file: str, published: str | None, language: str | None, output_format: str, **options
    ) -> None:
        if options.get("reextract"):
            self.reextract(options.get("every_article", False), options.get("article_ids"))
            return
        if options.get("every_article") or options.get("article_ids"):
            raise CommandError("--all and --article go with --reextract")
        published_on = parse_published(published)
        text = read_article(file, options.get("stdin") or sys.stdin)
        claims = extract(text, published=published_on, language=language)
        if output_format == "jsonl":
            for claim in claims:
                self.stdout.write(json.dumps(claim.to_dict(), ensure_ascii=False))
            return
        header = (
            f"{'kind':<9}  {'la':<2}  {'cw':>4}  {'quantity':<28}  {'date':<22}  {'check on':<10}  "
            f"{'speaker':<20}  text"
        )
        self.stdout.write(header)
        for claim in claims:
            self.stdout.write(table_row(claim))
        self.stdout.write(f"{len(claims)} claims")

    def reextract(self, every_article: bool, article_ids: list[int] | None) -> None:
        total, failed, count = Changes(), [], 0
        for article in articles_to_reextract(every_article, article_ids).iterator():
            try:
                changes = reextract_article(article)
            except Exception as error:  # one bad article must not stop the others
                failed.append(f"article {article.pk}: {type(error).__name__}: {error}")
                continue
            count += 1
            total.add(changes)
            self.stdout.write(f"article {article.pk}: {changes}")
        self.stdout.write(f"re-extracted {count} articles with extractor {EXTRACTOR_VERSION}: {total}")
        if failed:
            raise CommandError(f"{len(failed)} articles failed:\n" + "\n".join(failed))
