"""The catalogs hold every string the code marks for translation: a string added after the
last `makemessages` fails here, naming the file, until the catalogs are regenerated and
translated (`manage.py makemessages -l kk -l ru --ignore=.venv --ignore=tests`)."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from django.conf import settings

from tests.i18n.catalogs import TRANSLATED_LANGUAGES, read_catalog

ROOT = Path(settings.BASE_DIR)
SOURCE_PACKAGES = ("claims", "reviews", "factcheck", "seeds")
# Django's gettext functions and the argument each takes its msgid (and context) from.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
TEMPLATE_TRANSLATE = re.compile(
    r"""{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<id>.*?)(?P=q)(?:\s+context\s+(?P<cq>["'])(?P<ctx>.*?)(?P=cq))?"""
)


def _sources(suffix: str) -> list[Path]:
    return sorted(
        path
        for package in SOURCE_PACKAGES
        for path in (ROOT / package).rglob(f"*{suffix}")
        if "migrations" not in path.parts
    )


def marked_strings() -> dict[tuple[str | None, str], str]:
    """(context, msgid) -> the first file that marks it."""
    found: dict[tuple[str | None, str], str] = {}
    for path in _sources(".py"):
        for _lineno, message, _comments, context in extract_from_file("python", path, keywords=KEYWORDS):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                found.setdefault((context, msgid), str(path.relative_to(ROOT)))
    for path in _sources(".html"):
        for match in TEMPLATE_TRANSLATE.finditer(path.read_text(encoding="utf-8")):
            found.setdefault((match["ctx"], match["id"]), str(path.relative_to(ROOT)))
    return found


def test_the_extractor_finds_strings_in_code_and_templates():
    marked = marked_strings()

    assert (None, "Editors' dashboard") in marked
    assert (None, "Claims by status") in marked
    assert ("short date, after a day number", "Mar") in marked


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_marked_string_is_in_the_catalog(language):
    in_catalog = {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in read_catalog(language)
    }

    missing = {
        f"{where}: {msgid!r}"
        for (context, msgid), where in marked_strings().items()
        if (context, msgid) not in in_catalog
    }

    assert sorted(missing) == []
