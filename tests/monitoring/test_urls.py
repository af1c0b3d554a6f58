import pytest

from claims.monitoring.urls import normalise_url, without_tracking


@pytest.mark.parametrize(
    "spelling",
    [
        "https://Kaz.News.example/politics/item?id=7",
        "http://kaz.news.example/politics/item?id=7",
        "HTTPS://KAZ.NEWS.EXAMPLE:443/politics/item?id=7#comments",
        "https://kaz.news.example/politics/item?utm_source=rss&id=7&utm_medium=feed&fbclid=abc",
        "https://kaz.news.example./politics/item?id=7&gclid=1&yclid=2",
    ],
)
def test_spellings_of_one_page_share_one_key(spelling):
    assert normalise_url(spelling) == "https://kaz.news.example/politics/item?id=7"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://news.example/a?id=7", "https://news.example/a?id=8"),
        ("https://news.example/a", "https://news.example/A"),
        ("https://news.example/a", "https://www.news.example/a"),
        ("https://news.example:8443/a", "https://news.example/a"),
    ],
)
def test_different_pages_keep_different_keys(one, other):
    assert normalise_url(one) != normalise_url(other)


def test_parameters_are_sorted_so_their_order_does_not_matter():
    assert normalise_url("https://n.example/s?b=2&a=1") == normalise_url("https://n.example/s?a=1&b=2")


@pytest.mark.parametrize("bad", ["ftp://news.example/a", "javascript:alert(1)", "/relative/path", "https:///nohost"])
def test_a_link_that_is_not_http_is_refused(bad):
    with pytest.raises(ValueError):
        normalise_url(bad)


def test_the_stored_url_keeps_its_scheme_and_loses_its_tracking():
    assert without_tracking("http://News.example/a?utm_source=x&id=1#top") == "http://news.example/a?id=1"
