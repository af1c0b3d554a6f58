"""The Kazakh and Russian catalogs translate every string of the project's own."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from reviews.workflow.moves import MOVES
from tests.i18n.catalogs import TRANSLATED_LANGUAGES, read_catalog

OUR_APPS = ("claims", "reviews", "seeds")


def untranslated(language: str) -> list[str]:
    """msgids with no translation; a fuzzy entry is a guess nobody checked, so it counts too."""
    missing = []
    for message in read_catalog(language):
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s.strip() for s in strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_msgid_has_a_translation(language):
    assert untranslated(language) == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_the_catalog_is_not_marked_fuzzy_so_it_compiles(language):
    catalog = read_catalog(language)

    assert not catalog.fuzzy
    assert len(catalog) > 100


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_plural_forms_fit_the_language(language):
    catalog = read_catalog(language)

    assert catalog.num_plurals == {"kk": 2, "ru": 4}[language]
    for message in catalog:
        if message.pluralizable and message.id:
            assert len(message.string) == catalog.num_plurals, message.id


def _labels_of_our_models() -> list[str]:
    """Every verbose name, field label and choice label of our apps, as written in English."""
    labels = []
    with translation.override("en"):
        for model in apps.get_models():
            if model._meta.app_label not in OUR_APPS:
                continue
            labels.append(str(model._meta.verbose_name))
            if "verbose_name_plural" in model._meta.original_attrs:  # else English "+s", never shown
                labels.append(str(model._meta.verbose_name_plural))
            for field in model._meta.get_fields():
                if not isinstance(field, models.Field) or field.auto_created:
                    continue
                if field.verbose_name and field.verbose_name != field.name.replace("_", " "):
                    labels.append(str(field.verbose_name))
                for _value, label in field.flatchoices:
                    labels.append(str(label))
        for move in MOVES.values():
            labels.append(str(move.label))
            if move.help_text:
                labels.append(str(move.help_text))
    return sorted(set(labels))


@pytest.mark.django_db
@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_status_rating_kind_comparator_field_and_move_is_in_the_catalog(language):
    msgids = {message.id for message in read_catalog(language) if isinstance(message.id, str)}

    assert [label for label in _labels_of_our_models() if label not in msgids] == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "жарияланды"), ("ru", "опубликовано"), ("en", "published")],
)
def test_statuses_read_in_the_interface_language(language, expected):
    from reviews.workflow.moves import ReviewStatus

    with translation.override(language):
        assert str(ReviewStatus.PUBLISHED.label) == expected
