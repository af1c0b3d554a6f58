"""Which language a sentence is in, without lingua where the words settle it."""

import pytest

from claims.extraction.language import detect_language


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Выборы в мажилис состоятся 19 марта.", "ru"),
        ("Алайда олай емес екен.", "kk"),
        ("180 отбасы баспаналы болды.", "kk"),
        ("Что это — деген не?", "ru"),
        ("Қала әкімі келді.", "kk"),
        ("The vote is on Sunday.", "en"),
        ("12345", None),
    ],
)
def test_the_language_of_a_sentence(sentence, language):
    assert detect_language(sentence) == language
