"""The project's own Kazakh and Russian catalogs and those of Django's strings: where they are,
and compiling them.

`scripts/test` compiles them before the suite (pybabel); `compile_stale_catalogs` does the
same for a bare `pytest` run, so a test never reads a .mo older than its .po.
"""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings

TRANSLATED_LANGUAGES = ("kk", "ru")


def po_path(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as po_file:
        return read_po(po_file, locale=language)


def upstream_po_paths() -> list[Path]:
    """Our catalogs of Django's and the installed apps' strings (the second LOCALE_PATHS)."""
    return sorted(Path(settings.LOCALE_PATHS[1]).glob("*/LC_MESSAGES/*.po"))


def compile_stale_catalogs() -> None:
    for po in [*(po_path(language) for language in TRANSLATED_LANGUAGES), *upstream_po_paths()]:
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as po_file:
            catalog = read_po(po_file, locale=po.parts[-3])
        with mo.open("wb") as mo_file:
            write_mo(mo_file, catalog)
