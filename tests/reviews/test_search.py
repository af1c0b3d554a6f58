"""The admin's search: case-insensitive in Kazakh, Russian and English, on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims():
    kazakh = ArticleFactory(title="Сирия келіссөзі", outlet="Қазинформ",
                            body="Хабар. Астанада Сирия бойынша келіссөз өтеді, ӨҢІРЛЕРДЕН 300 адам келеді.")
    russian = ArticleFactory(title="Бюджет", outlet="Tengrinews",
                             body="Новость. В СИРИИ погибли не менее 340 мирных жителей, сообщает ООН.")
    english = ArticleFactory(title="Casualties", outlet="Reuters",
                             body="News. At least 340 civilians were killed in Syria, the UN says.")
    return {
        name: ReviewFactory(claim=ClaimFactory(article=article, span_start=article.body.index(".") + 2))
        for name, article in (("kk", kazakh), ("ru", russian), ("en", english))
    }


def found(client, term: str, url: str = "admin:reviews_review_changelist") -> int:
    response = client.get(reverse(url), {"q": term})
    assert response.status_code == 200
    return response.context["cl"].result_count


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Сирия", 1), ("сирия", 1), ("СИРИЯ", 1),  # the Kazakh article's title
        ("сирии", 1), ("Сирии", 1),  # the Russian claim
        ("өңірлерден", 1), ("Өңірлерден", 1),  # Kazakh letters beyond Russian's
        ("syria", 1), ("SYRIA", 1),
        ("қазинформ", 1), ("TENGRINEWS", 1), ("reuters", 1),  # outlets
        ("бюджет", 1),  # an article title
        ("340 мирных", 1), ("сирия нет-такого", 0),
    ],
)
def test_the_queue_search_ignores_case_in_every_language(client, erin, claims, term, expected):
    client.force_login(erin)

    assert found(client, term) == expected


@pytest.mark.parametrize(("term", "expected"), [("сирия", 1), ("ҚАЗИНФОРМ", 1), ("бюджет", 1), ("reuters", 1)])
def test_the_article_search_ignores_case_too(client, erin, claims, term, expected):
    client.force_login(erin)

    assert found(client, term, "admin:claims_article_changelist") == expected
