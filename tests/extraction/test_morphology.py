"""The token layer's word analysers: Kazakh endings with their vowel-harmony variants."""

import pytest

from claims.extraction.morphology import analyse
from claims.extraction.morphology_kk import analyse_after, case_of_ending, verb_form
from claims.extraction.tokens import Tokens


@pytest.mark.parametrize(
    ("word", "stem", "plural", "possessive", "case"),
    [
        ("қаладан", "қала", False, None, "ablative"),
        ("көлден", "көл", False, None, "ablative"),
        ("мектептен", "мектеп", False, None, "ablative"),
        ("үйлерден", "үй", True, None, "ablative"),
        ("балаларынан", "бала", True, "3", "ablative"),
        ("теңізге", "теңіз", False, None, "dative"),
        ("кітапқа", "кітап", False, None, "dative"),
        ("көкөніске", "көкөніс", False, None, "dative"),
        ("ауданына", "аудан", False, "3", "dative"),
        ("шаһарда", "шаһар", False, None, "locative"),
        ("елдердің", "ел", True, None, "genitive"),
        ("километрдей", "километр", False, None, "similative"),
        ("бағасындай", "баға", False, "3", "similative"),
        ("жолдарымыз", "жол", True, "1pl", None),
        ("сарапшының", "сарапшы", False, None, "genitive"),
        ("кеше", "кеше", False, None, None),
    ],
)
def test_kazakh_nouns_are_cut_into_stem_plural_possessive_and_case(word, stem, plural, possessive, case):
    reading = analyse(word, "kk")
    assert (reading.stem, reading.plural, reading.possessive, reading.case) == (stem, plural, possessive, case)


def test_an_ending_must_follow_the_stems_vowel_harmony():
    # "-ден" is the front form: after the back stem "қала" it is not an ablative ending.
    assert analyse("қаладен", "kk").case != "ablative"
    assert analyse("көлдан", "kk").case != "ablative"


def test_a_known_stem_is_read_with_whatever_endings_follow_it():
    reading = analyse_after("тоннасынан", "тонна")
    assert (reading.stem, reading.possessive, reading.case) == ("тонна", "3", "ablative")
    assert analyse_after("тоналды", "тонна") is None


@pytest.mark.parametrize(
    ("ending", "case"),
    [("ден", "ablative"), ("тан", "ablative"), ("сынан", "ablative"), ("ға", "dative"), ("ке", "dative"),
     ("дай", "similative"), ("да", "locative"), ("", None)],
)
def test_endings_on_digits_have_a_case(ending, case):
    assert case_of_ending(ending) == case


@pytest.mark.parametrize(
    ("word", "negative"),
    [("асты", False), ("асқан", False), ("аспақ", False), ("аспауы", True), ("аспайды", True), ("аспаған", True)],
)
def test_kazakh_verbs_tell_their_negation(word, negative):
    form = verb_form(word, ("ас",))
    assert form is not None and form.negative is negative


def test_russian_and_english_share_the_interface_with_thinner_stems():
    assert analyse("километров", "ru").stem == "километр"
    assert analyse("hectares", "en").stem == "hectar"
    assert analyse("hectares", "en").plural


def test_the_token_layer_reads_each_word_once_with_offsets_and_analysis():
    tokens = Tokens("500 мың адамнан (ыы) асты", "kk")
    assert tokens.words == ["500", "мың", "адамнан", "(", "ыы", ")", "асты"]
    assert tokens.analysis(2).case == "ablative"
    assert tokens.skip_aside(3) == 6
    assert tokens.at(tokens.starts[2]) == 2


@pytest.mark.parametrize(
    "text",
    [
        "500 мың адамнан асты",  # words parted by single spaces: the chunks are the tokens
        "500 мың адамнан асты",  # the same again, from the remembered chunks
        "2020 - жылы 5 % - ке өсті .",
        "2020-жылы 5%-ке өсті.",  # chunks of several tokens
        "  Екі  мың\u00a0тонна,\tCOVID-19  ",  # other whitespace, and at both ends
        "Екі  мың\u00a0тонна астық",  # one token per chunk, but not single spaces between them
        " Екі мың тонна",
        "Сондай-ақ 1-і",
        "",
    ],
)
def test_the_token_layer_cuts_as_the_token_pattern_does(text):
    from claims.extraction.tokens import TOKEN

    tokens = Tokens(text, "kk")
    expected = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    assert list(zip(tokens.words, tokens.starts, tokens.ends, strict=True)) == expected
