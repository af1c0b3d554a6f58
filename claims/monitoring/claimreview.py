"""Other fact-checkers' verdicts from their ClaimReview markup: a page's JSON-LD (read by
extruct), or a Data Commons DataFeed file (`dataFeedElement[].item[]`), stored once by URL (or
`identifier`) as ExternalVerdict. A malformed item is skipped with its line and reason."""

import bisect
import datetime
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from json import decoder, scanner
from typing import Any

from django.utils import timezone

from claims.models import ExternalVerdict, Outlet

LINE_KEY = "\x00line"
UPDATED_FIELDS = [
    "url", "claim_reviewed", "rating_text", "rating_value", "rating_best", "rating_worst", "publisher",
    "publisher_url", "published_on", "language", "claim_author", "claim_appearance", "licence", "imported_from",
    "outlet",
]
SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")


class MalformedItem(ValueError):
    """A ClaimReview that cannot be stored; the message says why."""


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.imported + self.updated + len(self.skipped)


# --- reading JSON with the line each object starts on -------------------------------------


class LineNumberingDecoder(json.JSONDecoder):
    """json.loads that records, in each object, the line it starts on (for error reports)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        newlines = [match.start() for match in re.finditer("\n", text)]

        def parse_object(s_and_end: tuple[str, int], *args: Any, **kwargs: Any) -> tuple[Any, int]:
            found, end = decoder.JSONObject(s_and_end, *args, **kwargs)  # type: ignore[attr-defined]
            if isinstance(found, dict):
                found[LINE_KEY] = bisect.bisect_left(newlines, s_and_end[1]) + 1
            return found, end

        self.parse_object = parse_object
        # The pure-Python scanner: the C one does not call a replaced parse_object.
        self.scan_once = scanner.py_make_scanner(self)  # type: ignore[attr-defined]


def load_json_with_lines(text: str) -> Any:
    return LineNumberingDecoder(text).decode(text)


def line_of(item: Any, position: int) -> str:
    if isinstance(item, dict) and LINE_KEY in item:
        return f"item {position} (line {item[LINE_KEY]})"
    return f"item {position}"


# --- finding ClaimReviews -----------------------------------------------------------------


def type_names(node: dict) -> set[str]:
    found = node.get("@type", [])
    names = found if isinstance(found, list) else [found]
    result = set()
    for name in names:
        if isinstance(name, str):
            for prefix in SCHEMA_PREFIXES:
                name = name.removeprefix(prefix)
            result.add(name)
    return result


def claimreviews_in(node: Any) -> Iterator[dict]:
    """Every ClaimReview inside a JSON-LD document: in @graph, in lists, in a DataFeed."""
    if isinstance(node, list):
        for child in node:
            yield from claimreviews_in(child)
    elif isinstance(node, dict):
        if "ClaimReview" in type_names(node):
            yield node
            return
        for key in ("@graph", "dataFeedElement", "item", "mainEntity", "hasPart"):
            if key in node:
                yield from claimreviews_in(node[key])


def datafeed_items(document: Any) -> Iterator[Any]:
    """The items of a DataFeed (each one reported on its own, ClaimReview or not), or the
    ClaimReviews of any other JSON-LD document."""
    if isinstance(document, dict) and "dataFeedElement" in document:
        elements = document["dataFeedElement"]
        for element in elements if isinstance(elements, list) else [elements]:
            items = element.get("item", []) if isinstance(element, dict) else element
            yield from items if isinstance(items, list) else [items]
        return
    yield from claimreviews_in(document)


# --- one ClaimReview to stored fields -----------------------------------------------------


def text_of(value: Any, *keys: str) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        for key in keys:
            if isinstance(value.get(key), str | int | float):
                return str(value[key]).strip()
        return ""
    return str(value).strip() if isinstance(value, str | int | float) else ""


def number(value: Any, name: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(str(value).replace(",", "."))
    except ValueError as error:
        raise MalformedItem(f"{name} {value!r} is not a number") from error


def date_of(value: Any) -> datetime.date | None:
    text = text_of(value)
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError as error:
        raise MalformedItem(f"datePublished {text!r} is not a date") from error


def verdict_fields(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise MalformedItem(f"not an object but {type(item).__name__}")
    if "ClaimReview" not in type_names(item):
        raise MalformedItem(f"@type is {item.get('@type')!r}, not ClaimReview")
    claim_reviewed = text_of(item.get("claimReviewed"))
    if not claim_reviewed:
        raise MalformedItem("no claimReviewed")
    url = text_of(item.get("url"), "@id", "url")
    identifier = text_of(item.get("identifier"), "value", "@id")
    if url and not url.startswith(("http://", "https://")):
        raise MalformedItem(f"url {url[:100]!r} is not an http(s) URL")
    if not (url or identifier):
        raise MalformedItem("neither url nor identifier")
    rating = item.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    if not isinstance(rating, dict):
        raise MalformedItem("reviewRating is not an object")
    publisher = item.get("author") or item.get("publisher") or {}
    claim = item.get("itemReviewed") or {}
    if isinstance(claim, list):
        claim = claim[0] if claim else {}
    if not isinstance(claim, dict):
        claim = {}
    appearance = claim.get("appearance") or claim.get("firstAppearance") or ""
    appearance_url = text_of(appearance, "url", "@id")
    licence = text_of(item.get("sdLicense"), "url", "@id", "name")
    return {
        "key": (url or identifier)[:2000],
        "url": url[:2000],
        "claim_reviewed": claim_reviewed,
        "rating_text": text_of(rating, "alternateName", "name")[:300],
        "rating_value": number(rating.get("ratingValue"), "ratingValue"),
        "rating_best": number(rating.get("bestRating"), "bestRating"),
        "rating_worst": number(rating.get("worstRating"), "worstRating"),
        "publisher": text_of(publisher, "name", "legalName")[:300],
        "publisher_url": (text_of(publisher, "url", "@id") if isinstance(publisher, dict | list) else "")[:2000],
        "published_on": date_of(item.get("datePublished")),
        "language": text_of(item.get("inLanguage"), "alternateName", "name")[:20],
        "claim_author": text_of(claim.get("author"), "name")[:300],
        "claim_appearance": appearance_url[:2000] if appearance_url.startswith(("http://", "https://")) else "",
        "licence": licence[:500],
    }


def external_verdicts_import(
    items: Iterable[Any], *, imported_from: str, outlet: Outlet | None = None, first_number: int = 1
) -> ImportReport:
    """Store each ClaimReview once by its URL (or identifier); a second import updates it.
    Three queries a call however many items: the known keys, one insert, one update."""
    report = ImportReport()
    wanted: dict[str, dict[str, Any]] = {}
    for position, item in enumerate(items, start=first_number):
        try:
            fields = verdict_fields(item)
        except MalformedItem as error:
            report.skipped.append(f"{line_of(item, position)}: {error}")
            continue
        # The same review twice in one file: the later one wins, as a second import would.
        key = fields.pop("key")
        wanted[key] = {**fields, "imported_from": imported_from[:2000], "outlet": outlet}
    known = {verdict.key: verdict for verdict in ExternalVerdict.objects.filter(key__in=list(wanted))}
    now = timezone.now()
    fresh = [ExternalVerdict(key=key, **fields) for key, fields in wanted.items() if key not in known]
    ExternalVerdict.objects.bulk_create(fresh, ignore_conflicts=True)
    changed = []
    for key, fields in wanted.items():
        if key in known:
            verdict = known[key]
            for name, value in fields.items():
                setattr(verdict, name, value)
            verdict.updated_at = now
            changed.append(verdict)
    if changed:
        ExternalVerdict.objects.bulk_update(changed, [*UPDATED_FIELDS, "updated_at"])
    report.imported, report.updated = len(fresh), len(changed)
    return report


def claimreviews_in_html(html: str, url: str) -> list[dict]:
    import extruct

    try:
        found = extruct.extract(html, base_url=url, syntaxes=["json-ld"], errors="ignore").get("json-ld", [])
    except (ValueError, TypeError):
        return []
    return list(claimreviews_in(found))


def looks_like_html(text: str, content_type: str = "") -> bool:
    return "html" in content_type or text.lstrip()[:1] == "<"


def claimreview_items(text: str, *, content_type: str = "", url: str = "") -> list[Any]:
    """The items to import from a document: a page's JSON-LD ClaimReviews, or a JSON file's
    DataFeed items. Raises MalformedItem for a JSON document that does not parse."""
    if looks_like_html(text, content_type):
        return claimreviews_in_html(text, url)
    try:
        document = load_json_with_lines(text)
    except json.JSONDecodeError as error:
        raise MalformedItem(f"not JSON: {error.msg} at line {error.lineno}, column {error.colno}") from error
    return list(datafeed_items(document))
