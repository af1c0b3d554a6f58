"""Our catalogs of Django's and django-axes' own strings (locale/upstream): each entry is a
string they really have, fully translated with the same placeholders, and it wins over their
own Kazakh where that is missing or wrong."""

import re
from pathlib import Path

import axes
import pytest
from babel.messages.pofile import read_po
from django.utils import translation

from tests.i18n.catalogs import upstream_po_paths
from tests.i18n.english import CATALOGS_IN_USE, DJANGO

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdr]|%[sd]|\{[a-z_0-9]*\}")
UPSTREAM_JS = DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"


def _keys(path: Path) -> set[tuple[str | None, str]]:
    with path.open("rb") as po:
        return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(po) if m.id}


def upstream_msgids() -> set[tuple[str | None, str]]:
    """Every msgid of the catalogs we override, and those django-axes marks in its code only."""
    found = set().union(*(_keys(path) for path in CATALOGS_IN_USE if path.suffix == ".po"), _keys(UPSTREAM_JS))
    axes_code = "".join(path.read_text() for path in Path(axes.__file__).parent.glob("*.py"))
    found |= {(None, msgid) for msgid in re.findall(r'_\("([^"]+)"\)', axes_code)}
    return found


def entries(path: Path):
    with path.open("rb") as po:
        catalog = read_po(po, locale=path.parts[-3])
    return catalog, [message for message in catalog if message.id]


@pytest.mark.parametrize("path", upstream_po_paths(), ids=lambda p: "/".join(p.parts[-3:]))
def test_every_entry_is_upstreams_translated_with_the_same_placeholders(path):
    catalog, messages = entries(path)
    known = upstream_msgids()

    assert not catalog.fuzzy
    assert [m.id for m in messages if (m.context, m.id if isinstance(m.id, str) else m.id[0]) not in known] == []
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert not message.fuzzy and all(s.strip() for s in strings), message.id
        assert len(strings) == (catalog.num_plurals if message.pluralizable else 1), message.id
        for string in strings:
            assert sorted(set(PLACEHOLDER.findall(string))) == sorted(set(PLACEHOLDER.findall(ids[-1]))), message.id
        assert "one:" not in " ".join(strings), message.id


def test_the_kazakh_catalogs_cover_the_admin_the_calendar_and_the_sign_in_records():
    covered = set().union(*(_keys(path) for path in upstream_po_paths()))

    assert {(None, "Select %s to view"), (None, "Please correct the error below."), (None, "Locked Out"),
            (None, "Your password can’t be entirely numeric."), (None, "access attempts")} <= covered
    assert {("one letter Monday", "M"), (None, "Choose a Date"), (None, "December")} <= covered


@pytest.mark.parametrize(
    ("msgid", "kazakh"),
    [
        ("Change", "Өзгерту"),  # Django's Kazakh: "Өзгетру"
        ("Select %s to change", "Өзгерту үшін таңдаңыз: %s"),  # Django's: "… үщін таңда"
        ("Date/time", "Күні, уақыты"),  # Django's: "Өшіру/Уақыт", delete/time
        ("Please correct the error below.", "Төмендегі қатені түзетіңіз."),  # Django's: none
    ],
)
def test_ours_win_over_djangos_kazakh(msgid, kazakh):
    with translation.override("kk"):
        assert translation.gettext(msgid) == kazakh


@pytest.mark.parametrize(("count", "kazakh"), [(1, "1 таңдалды"), (73, "Барлық 73 таңдалды")])
def test_the_select_all_counter_reads_as_kazakh(count, kazakh):
    with translation.override("kk"):
        said = translation.ngettext("%(total_count)s selected", "All %(total_count)s selected", count)

    assert said % {"total_count": count} == kazakh
