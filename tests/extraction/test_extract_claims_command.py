"""`manage.py extract_claims`: the extractor for people, on a file or standard input."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from claims.extraction import EXTRACTOR_VERSION, extract

ARTICLE = "Кеше 12 адам ауруханаға түсті.\nКелесі жылы 500 шақырым жол жөнделеді."


def run(*args: str, stdin: str | None = None) -> str:
    out = io.StringIO()
    options = {"stdout": out}
    if stdin is not None:
        options["stdin"] = io.StringIO(stdin)
    call_command("extract_claims", *args, **options)
    return out.getvalue()


def test_it_prints_the_contract_json_one_claim_a_line(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    lines = run(str(article), "--published", "2021-04-08").splitlines()
    expected = [c.to_dict() for c in extract(ARTICLE, published=datetime.date(2021, 4, 8))]
    assert [json.loads(line) for line in lines] == expected
    assert [c["kind"] for c in expected] == ["quantity", "scheduled"]


def test_a_dash_reads_standard_input():
    [line] = run("-", "--published", "2021-04-08", stdin="Кеше 12 адам ауруханаға түсті.").splitlines()
    claim = json.loads(line)
    assert (claim["quantity"]["value"], claim["date"]["earliest"]) == (12, "2021-04-07")


def test_the_file_defaults_to_standard_input():
    assert run("--published", "2021-04-08", stdin="Кеше 12 адам келді.").count("\n") == 1


def test_language_can_be_forced():
    [line] = run("-", "--published", "2021-04-08", "--language", "ru", stdin="Вчера 12 человек.").splitlines()
    assert json.loads(line)["language"] == "ru"


def test_the_table_has_a_row_per_claim_and_a_count(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    lines = run(str(article), "--published", "2021-04-08", "--format", "table").splitlines()
    assert lines[0].split()[:3] == ["kind", "la", "cw"]
    assert lines[1].startswith("quantity   kk")
    assert "exactly 12" in lines[1] and "2021-04-07..2021-04-07" in lines[1]
    assert lines[2].startswith("scheduled  kk") and "2023-01-01" in lines[2]
    assert lines[-1] == "2 claims"


def test_running_it_twice_prints_the_same():
    first = run("-", "--published", "2021-04-08", stdin=ARTICLE)
    assert run("-", "--published", "2021-04-08", stdin=ARTICLE) == first


def test_an_article_without_claims_prints_nothing():
    assert run("-", "--published", "2021-04-08", stdin="Бірнеше адам келді.") == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "--published is required"),
        (("--published", "2021-02-30"), "is not a date as YYYY-MM-DD"),
        (("--published", "yesterday"), "is not a date as YYYY-MM-DD"),
    ],
)
def test_a_missing_or_invalid_date_is_a_clear_error(args, message):
    with pytest.raises(CommandError, match=message):
        run("-", *args, stdin=ARTICLE)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "missing.txt"), "--published", "2021-04-08")


def test_a_directory_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read it"):
        run(str(tmp_path), "--published", "2021-04-08")


def test_a_file_that_is_not_utf8_is_a_clear_error(tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes("Кеше 12 адам".encode("cp1251"))
    with pytest.raises(CommandError, match="not UTF-8"):
        run(str(article), "--published", "2021-04-08")


def test_an_unknown_language_is_refused():
    with pytest.raises(CommandError, match="language"):
        run("-", "--published", "2021-04-08", "--language", "de", stdin=ARTICLE)


# --reextract: today's extractor on stored articles, by the extraction task's storing rule.

BODY = "Report 1. At least 340 civilians were killed and more than 800 wounded."
DONE_BY_OLDER = "0 kept because a person worked on them"


def older_extractor_found(published: datetime.date) -> list[dict]:
    """What an older extractor stored: the same claims read as exact figures."""
    older = []
    for claim in extract(BODY, published=published):
        found = claim.to_dict()
        found["quantity"] = {**found["quantity"], "comparator": "exactly"}
        older.append(found)
    return older


@pytest.fixture
def stored_by_an_older_extractor(db):
    from claims.services import article_store_claims
    from tests.factories import ArticleFactory

    article = ArticleFactory(body=BODY, published_on=datetime.date(2018, 2, 23), language="en")
    article_store_claims(
        article=article, extracted=older_extractor_found(article.published_on), extractor_version="0.9.0"
    )
    return article


def test_reextract_replaces_untouched_claims_keeps_worked_on_ones_and_says_how_many(stored_by_an_older_extractor):
    from claims.models import Claim
    from reviews.workflow.services import review_take
    from tests.factories import fact_checker

    article = stored_by_an_older_extractor
    worked_on = Claim.objects.get(article=article, quantity_value=340)
    review_take(review=worked_on.review, actor=fact_checker())

    out = run("--reextract")

    assert f"article {article.pk}: 2 new, 1 dropped, 1 kept because a person worked on them, 0 unchanged" in out
    assert f"re-extracted 1 articles with extractor {EXTRACTOR_VERSION}: 2 new, 1 dropped" in out
    claims = {(c.quantity_value, c.quantity_comparator) for c in Claim.objects.filter(article=article)}
    assert claims == {(340, "at_least"), (800, "more_than"), (340, "exactly")}
    assert Claim.objects.filter(pk=worked_on.pk).exists()
    article.refresh_from_db()
    assert article.extractor_version == EXTRACTOR_VERSION


def test_reextract_leaves_articles_of_todays_extractor_alone_unless_told(stored_by_an_older_extractor):
    run("--reextract")
    assert run("--reextract").strip().splitlines() == [
        f"re-extracted 0 articles with extractor {EXTRACTOR_VERSION}: 0 new, 0 dropped, {DONE_BY_OLDER}, 0 unchanged"
    ]
    again = run("--reextract", "--article", str(stored_by_an_older_extractor.pk))
    assert f"0 new, 0 dropped, {DONE_BY_OLDER}, 2 unchanged" in again


def test_reextract_refuses_an_unknown_article(db):
    with pytest.raises(CommandError, match="no article with id 999999"):
        run("--reextract", "--article", "999999")


def test_all_and_article_need_reextract():
    with pytest.raises(CommandError, match="go with --reextract"):
        run("--all", "--published", "2021-04-08", stdin="Кеше 12 адам келді.")
