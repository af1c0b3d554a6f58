"""`manage.py extract_claims [FILE|-] --published YYYY-MM-DD [--language kk|ru|en] [--format jsonl|table]`.

Runs the claim extractor on one article, the same call the extraction task makes, and
prints what it found: one JSON object a line (the contract's `to_dict()`), or a table for
people. `-` (the default) reads the article from standard input. Nothing is stored.
"""

from __future__ import annotations

import datetime
import json
import sys
from typing import TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction import LANGUAGES, ExtractedClaim, extract

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


class Command(BaseCommand):
    help = "Extract checkable claims from one article (a file, or - for standard input) and print them."
    # Tests hand the article in through call_command(..., stdin=StringIO(...)).
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default="-", help="The article as UTF-8 text; - reads stdin.")
        parser.add_argument("--published", help="Publication date, YYYY-MM-DD: relative dates count from it.")
        parser.add_argument("--language", choices=LANGUAGES, help="Force the language instead of detecting it.")
        parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl", dest="output_format")

    def handle(
        self, *args, file: str, published: str | None, language: str | None, output_format: str, **options
    ) -> None:
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
