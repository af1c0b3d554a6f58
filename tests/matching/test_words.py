"""Names compare across scripts: one Latin key for Kazakh, Russian and English spellings."""

import pytest

from claims.matching.places import place_of, places_differ
from claims.matching.translit import latin_key
from claims.matching.words import same_name, words_of


@pytest.mark.parametrize(("a", "b"), [("Қазақстан", "Kazakhstan"), ("Казахстан", "Қазақстан"),
                                      ("Восточная Гута", "Eastern Ghouta"), ("Жетісу", "Жетысу")])
def test_one_name_in_two_scripts_gets_one_key(a, b):
    assert same_name(latin_key(a.split()[-1]), latin_key(b.split()[-1]))


@pytest.mark.parametrize(("word", "place"), [("Алматыда", "almaty"), ("Астаны", "astana"),
                                             ("Almaty's", "almaty"), ("Нұр-Сұлтанда", "astana"),
                                             ("Италияда", "italy"), ("Ақтаудың", "aktau")])
def test_inflected_place_names_are_found(word, place):
    assert place_of(latin_key(word)) == place


def test_a_person_is_not_a_place():
    assert place_of(latin_key("Данияр")) is None


def test_places_differ_only_when_each_side_names_one_the_other_lacks():
    assert places_differ(frozenset({"astana"}), frozenset({"almaty"})) == ("astana", "almaty")
    assert places_differ(frozenset({"kazakhstan"}), frozenset({"kazakhstan", "almaty"})) is None


def test_words_keep_stems_and_count():
    w = words_of("Алматыда жол ақысы 200 теңгеге дейін қымбаттайды.")
    assert w.count == 6
    assert "almat" in w.stems and "almatida" in w.capitalised
