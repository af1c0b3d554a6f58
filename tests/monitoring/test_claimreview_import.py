"""Other fact-checkers' verdicts: a DataFeed file, a page's JSON-LD, a fact-checker's feed."""

import datetime
import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from claims.models import ExternalVerdict, FeedSource, Outlet
from claims.monitoring.entries import entry_ingest
from claims.monitoring.polling import source_poll
from tests.monitoring.claimreviews import claimreview, datafeed, page_with_jsonld
from tests.monitoring.feedserver import Item, rss

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_claimreview", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_datafeed_file_is_imported_with_every_field_and_a_progress_bar(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(datafeed([claimreview(n) for n in range(1, 6)]), encoding="utf-8")

    out, err = run(str(path))

    assert out.splitlines() == ["5 imported, 0 updated, 0 skipped of 5 items."]
    assert "ClaimReview: 100%" in err and "5/5" in err
    verdict = ExternalVerdict.objects.get(url="https://factcheck.example/checks/3")
    assert {
        name: getattr(verdict, name)
        for name in ("claim_reviewed", "rating_text", "rating_value", "rating_best", "rating_worst", "publisher",
                     "publisher_url", "published_on", "language", "claim_author", "claim_appearance", "licence",
                     "imported_from")
    } == {
        "claim_reviewed": "Елде 3 мың жаңа жұмыс орны ашылды",
        "rating_text": "Жартылай жалған",
        "rating_value": 2.0,
        "rating_best": 5.0,
        "rating_worst": 1.0,
        "publisher": "Factcheck.kz",
        "publisher_url": "https://factcheck.example/",
        "published_on": datetime.date(2026, 10, 4),
        "language": "kk",
        "claim_author": "Министр",
        "claim_appearance": "https://news.example/3",
        "licence": "https://creativecommons.org/licenses/by/4.0/",
        "imported_from": str(path),
    }


def test_importing_again_updates_instead_of_duplicating(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(datafeed([claimreview(1), claimreview(2)]), encoding="utf-8")
    run(str(path))
    changed = claimreview(1, reviewRating={"@type": "Rating", "alternateName": "Жалған", "ratingValue": 1})
    path.write_text(datafeed([changed, claimreview(2)]), encoding="utf-8")

    out, _ = run(str(path))

    assert out.splitlines()[0] == "0 imported, 2 updated, 0 skipped of 2 items."
    assert ExternalVerdict.objects.count() == 2
    assert ExternalVerdict.objects.get(url="https://factcheck.example/checks/1").rating_text == "Жалған"


def test_a_review_without_url_is_kept_by_its_identifier():
    from claims.monitoring.claimreview import external_verdicts_import

    item = claimreview(1, url=None, identifier="fc-2026-001")
    external_verdicts_import([item, item], imported_from="test")
    assert list(ExternalVerdict.objects.values_list("key", "url")) == [("fc-2026-001", "")]


def test_malformed_items_are_skipped_with_their_line_and_reason_and_the_rest_imported(tmp_path):
    items = [
        claimreview(1),
        claimreview(2, claimReviewed=""),
        claimreview(3, url=None),
        claimreview(4, reviewRating={"ratingValue": "very"}),
        "just a string",
        claimreview(5, **{"@type": "Article"}),
        claimreview(6, datePublished="yesterday"),
        claimreview(7),
    ]
    text = datafeed(items)
    path = tmp_path / "feed.json"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()

    def line_of(n: int) -> int:
        # The line where the n-th item's object opens: the line after its `"item": [`.
        return [i for i, line in enumerate(lines, start=1) if line.strip() == '"item": ['][n - 1] + 1

    out, _ = run(str(path))

    assert out.splitlines() == [
        "2 imported, 0 updated, 6 skipped of 8 items.",
        f"  skipped item 2 (line {line_of(2)}): no claimReviewed",
        f"  skipped item 3 (line {line_of(3)}): neither url nor identifier",
        f"  skipped item 4 (line {line_of(4)}): ratingValue 'very' is not a number",
        "  skipped item 5: not an object but str",
        f"  skipped item 6 (line {line_of(6)}): @type is 'Article', not ClaimReview",
        f"  skipped item 7 (line {line_of(7)}): datePublished 'yesterday' is not a date",
    ]
    assert sorted(ExternalVerdict.objects.values_list("url", flat=True)) == [
        "https://factcheck.example/checks/1", "https://factcheck.example/checks/7"
    ]


def test_a_file_that_is_not_json_is_refused_with_where_it_broke(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"dataFeedElement": [\n  {"item": [}\n]}', encoding="utf-8")
    with pytest.raises(CommandError, match=r"not JSON: Expecting value at line 2, column 13"):
        run(str(path))
    with pytest.raises(CommandError, match=r"no such file"):
        run(str(tmp_path / "missing.json"))
    assert ExternalVerdict.objects.count() == 0


def test_a_fact_checkers_page_is_read_for_its_json_ld(feed_server):
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "x"}, claimreview(11)]}
    url = feed_server.serve("/checks/11", page_with_jsonld(graph, claimreview(12)))

    out, _ = run(url, "--no-progress")

    assert out.splitlines() == ["2 imported, 0 updated, 0 skipped of 2 items."]
    assert sorted(ExternalVerdict.objects.values_list("url", "imported_from")) == [
        ("https://factcheck.example/checks/11", url), ("https://factcheck.example/checks/12", url)
    ]


def test_a_page_behind_a_private_redirect_is_refused(feed_server):
    url = feed_server.serve("/moved", "", location="http://169.254.169.254/latest/meta-data/")
    with pytest.raises(CommandError, match=r"169\.254\.169\.254"):
        run(url)


def test_a_fact_checker_outlets_feed_brings_its_verdicts(feed_server, django_capture_on_commit_callbacks):
    page = feed_server.serve("/checks/21", page_with_jsonld(claimreview(21)))
    outlet = Outlet.objects.create(name="Factcheck.kz", languages="kk", is_fact_checker=True)
    source = FeedSource.objects.create(outlet=outlet, url=feed_server.serve(
        "/rss", rss([Item(link=page, title="Тексеру")]), "application/rss+xml"))

    for entry_id in source_poll(source_id=source.pk).new_entry_ids:
        with django_capture_on_commit_callbacks(execute=True):
            entry_ingest(entry_id=entry_id)

    verdict = ExternalVerdict.objects.get()
    assert (verdict.url, verdict.outlet, verdict.imported_from) == ("https://factcheck.example/checks/21", outlet, page)


def test_an_ordinary_outlets_markup_is_not_imported(feed_server, django_capture_on_commit_callbacks):
    page = feed_server.serve("/news/21", page_with_jsonld(claimreview(21)))
    outlet = Outlet.objects.create(name="Daily", languages="kk")
    source = FeedSource.objects.create(outlet=outlet, url=feed_server.serve(
        "/rss", rss([Item(link=page, title="x")]), "application/rss+xml"))
    for entry_id in source_poll(source_id=source.pk).new_entry_ids:
        with django_capture_on_commit_callbacks(execute=True):
            entry_ingest(entry_id=entry_id)
    assert ExternalVerdict.objects.count() == 0


def test_json_ld_arrays_and_schema_prefixed_types_are_found():
    from claims.monitoring.claimreview import claimreview_items

    document = [claimreview(1, **{"@type": ["ClaimReview"]}), claimreview(2, **{"@type": "schema:ClaimReview"})]
    assert len(claimreview_items(json.dumps(document))) == 2


def test_the_readmes_sample_datafeed_imports_as_written():
    sample = settings.BASE_DIR / "seeds" / "data" / "claimreview-datafeed.json"
    out, _ = run(str(sample))
    assert "2 imported" in out
    assert set(ExternalVerdict.objects.values_list("language", flat=True)) == {"kk", "ru"}
