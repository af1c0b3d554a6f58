"""A wire story republished by several outlets is one story: linked to the first, extracted once."""

import pytest

from claims.models import Article, Claim, EntryStatus, ExtractionStatus, FeedEntry, FeedSource, Outlet
from claims.monitoring.duplicates import similarity, story_minhash
from claims.monitoring.entries import entry_ingest
from claims.monitoring.polling import source_poll
from tests.monitoring.feedserver import Item, article_page, rss
from tests.monitoring.stories import STORIES, WIRE_STORY, republished

pytestmark = pytest.mark.django_db


def outlet_feed(feed_server, name: str, items: list[Item]) -> FeedSource:
    outlet = Outlet.objects.create(name=name, languages="kk")
    return FeedSource.objects.create(outlet=outlet, url=feed_server.serve(f"/{name}/rss", rss(items),
                                                                          "application/rss+xml"))


def poll_all(sources, capture) -> None:
    for source in sources:
        for entry_id in source_poll(source_id=source.pk).new_entry_ids:
            with capture(execute=True):
                entry_ingest(entry_id=entry_id)


def test_republished_wire_story_is_linked_to_the_first_and_its_claims_are_not_queued_again(
    feed_server, django_capture_on_commit_callbacks
):
    outlets = ["kaz-inform", "tengri", "zakon", "orda"]
    sources = []
    for name in outlets:
        link = feed_server.serve(f"/{name}/wire", article_page("Мектептер жөнделді", republished(WIRE_STORY, name)))
        own = feed_server.serve(f"/{name}/own", article_page("Аялдамалар", STORIES[outlets.index(name)]))
        sources.append(outlet_feed(feed_server, name, [Item(link=link, title="Мектептер"),
                                                       Item(link=own, title="Өз жаңалығы")]))

    poll_all(sources, django_capture_on_commit_callbacks)

    wire = Article.objects.filter(url__endswith="/wire").order_by("created_at", "pk")
    first, *copies = wire
    assert first.duplicate_of is None and first.outlet == "kaz-inform"
    assert [(copy.outlet, copy.duplicate_of_id) for copy in copies] == [(name, first.pk) for name in outlets[1:]]
    assert first.extraction_status == ExtractionStatus.DONE and first.claims.exists()
    # The copies are stored (their text and URL are evidence of spread) but never extracted.
    assert {copy.extraction_status for copy in copies} == {ExtractionStatus.PENDING}
    assert not Claim.objects.filter(article__in=copies).exists()
    # Each outlet's own story is its own.
    assert Article.objects.filter(url__endswith="/own", duplicate_of__isnull=True).count() == 4
    assert FeedEntry.objects.filter(status=EntryStatus.STORED).count() == 8


def test_the_stalled_extraction_sweep_leaves_near_duplicates_alone(feed_server, django_capture_on_commit_callbacks,
                                                                   settings):
    from claims.tasks import retry_stalled_extractions

    sources = []
    for name in ["a", "b"]:
        link = feed_server.serve(f"/{name}/wire", article_page("Мектептер", republished(WIRE_STORY, name)))
        sources.append(outlet_feed(feed_server, name, [Item(link=link, title="Мектептер")]))
    poll_all(sources, django_capture_on_commit_callbacks)
    settings.EXTRACTION_STALLED_AFTER_MINUTES = -1

    assert retry_stalled_extractions() == 0


def test_different_stories_are_far_apart_and_light_edits_stay_close():
    wire = story_minhash("\n".join(WIRE_STORY))
    edited = story_minhash("\n".join(republished(WIRE_STORY, "tengri")))
    other = story_minhash("\n".join(STORIES[0]))
    stored = wire.hashvalues.astype("<u8").tobytes()
    assert similarity(edited, stored) >= 0.8
    assert similarity(other, stored) < 0.2
