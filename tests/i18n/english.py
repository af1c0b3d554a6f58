"""Finding the interface's English in a page rendered in another language.

The English vocabulary is the msgids of the catalogs the pages draw on (ours, Django's core,
admin, auth and contenttypes, django-axes, DRF's token admin): a msgid seen in the page's
visible text is a string shown untranslated. What a user typed is not in the vocabulary, so
pages are built from records written in Kazakh; URLs and e-mail addresses are taken out first.
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import axes
import django
import rest_framework
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings

DJANGO = Path(django.__file__).parent
CATALOGS_IN_USE = [
    DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    # django-axes ships no English catalog; its Russian one holds every msgid.
    Path(axes.__file__).parent / "locale/ru/LC_MESSAGES/django.po",
    Path(rest_framework.__file__).parent / "locale/en/LC_MESSAGES/django.mo",
]
# Words that read the same in Kazakh: names of formats and standards, not interface English.
SAME_IN_EVERY_LANGUAGE = {"ClaimReview", "ID", "URL", "API", "JSON", "HTML", "IP", "UTC", "OK", "Email"}
# Printf and brace placeholders, and the tags a msgid may carry around its words.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfr]|%[sdfr]|\{[a-z_0-9]*\}")
TAG = re.compile(r"<[^>]+>")
URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
OUR_APPS = ("claims", "reviews", "factcheck")
ATTRIBUTES_SHOWN = ("title", "placeholder", "aria-label", "alt")
INVISIBLE = {"script", "style", "template", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _msgids(path: Path) -> set[str]:
    with path.open("rb") as catalog_file:
        catalog = read_mo(catalog_file) if path.suffix == ".mo" else read_po(catalog_file)
    found = set()
    for message in catalog:
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            if msgid:
                found.add(msgid)
    return found


def _pattern(msgid: str) -> tuple[str, re.Pattern[str]] | None:
    """The msgid as it reads on a page, and its longest word (a quick test before the pattern):
    a placeholder inside it matches a short run of text, one at either end a single word."""
    text = " ".join(TAG.sub(" ", msgid).split())
    literals = PLACEHOLDER.split(text)
    words = re.findall(r"[A-Za-z]{2,}", " ".join(literals))
    if not words or (len(words) == 1 and words[0] in SAME_IN_EVERY_LANGUAGE):
        return None
    pieces = []
    for index, literal in enumerate(literals):
        if index:  # the placeholder before this literal
            at_an_end = (index == 1 and not literals[0]) or (index == len(literals) - 1 and not literal)
            pieces.append(r"\S+" if at_an_end else r".{1,60}?")
        pieces.append(r"\s+".join(map(re.escape, literal.split(" "))))
    # A whole word or phrase, never part of a longer Latin word.
    body = "".join(pieces)
    return max(words, key=len).lower(), re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])", re.IGNORECASE)


def codes_of_our_models() -> set[str]:
    """The stored codes behind our choices and moves ("send_back", "in_review"): a page that
    shows one shows a code where a word belongs."""
    from django.apps import apps

    from reviews.workflow.moves import MOVES

    codes = set(MOVES)
    for model in apps.get_models():
        if model._meta.app_label in OUR_APPS:
            for field in model._meta.get_fields():
                codes |= {str(value) for value, _label in getattr(field, "flatchoices", None) or ()}
    return {code for code in codes if re.fullmatch(r"[a-z_]+", code)}


@cache
def vocabulary() -> dict[str, tuple[str, re.Pattern[str]]]:
    ours = sorted(path for locale in settings.LOCALE_PATHS for path in Path(locale).glob("kk/LC_MESSAGES/*.po"))
    msgids: set[str] = set()
    for path in [*ours, *CATALOGS_IN_USE]:
        msgids |= _msgids(path)
    msgids |= codes_of_our_models()
    patterns = {msgid: _pattern(msgid) for msgid in msgids}
    return {msgid: pattern for msgid, pattern in patterns.items() if pattern is not None}


class _VisibleText(HTMLParser):
    """Text a reader sees: text nodes, tooltips, placeholders and button labels, but not
    scripts, and not what is marked as written in another language (the language switcher's
    "English", "Русский")."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden from this reader)
        self.parts: list[str] = []

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        lang = attributes.get("lang")
        hidden = (
            self._hidden()
            or tag in INVISIBLE
            or (lang is not None and tag != "html" and not lang.startswith(self.language))
        )
        if not hidden:
            self.parts.extend(attributes[name] or "" for name in ATTRIBUTES_SHOWN if name in attributes)
            if tag == "input" and attributes.get("type") in {"submit", "button", "reset"}:
                self.parts.append(attributes.get("value") or "")
        if tag not in VOID:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching tag: the admin's HTML is well formed, but be forgiving.
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            self.parts.append(data)


def visible_text(html: str, language: str) -> str:
    parser = _VisibleText(language)
    parser.feed(html)
    parser.close()
    return URL_OR_EMAIL.sub(" ", " ".join(" ".join(parser.parts).split()))


def english_in(text: str) -> set[str]:
    """The msgids found in the text. Where several match at one place the one that explains
    more of it counts: the longer match, or the one with fewer placeholders ("View site", not
    "View %s")."""
    lowered = text.lower()
    found: dict[str, tuple[int, int, int]] = {}
    for msgid, (word, pattern) in vocabulary().items():
        if word in lowered and (match := pattern.search(text)):
            found[msgid] = (*match.span(), len(PLACEHOLDER.sub("", msgid)))

    def explains_more(other: tuple[int, int, int], this: tuple[int, int, int]) -> bool:
        (start, end, literal), (this_start, this_end, this_literal) = other, this
        inside = start <= this_start and this_end <= end
        return inside and (end - start, literal) > (this_end - this_start, this_literal)

    return {msgid for msgid, this in found.items() if not any(explains_more(other, this) for other in found.values())}
