"""Benchmark: media monitoring, 200 feeds of 50 entries each on a local server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck .venv/bin/python bench/monitoring.py

Runs on PostgreSQL in a database of its own (`factcheck_monitoring_bench` on the same server,
created and dropped here), against a real HTTP server on 127.0.0.1 (FETCH_ALLOW_HOSTS names
it; no per-host gap, since every feed lives on the one local host). One process, one request at
a time, Celery eager (extraction runs inline after each article's commit), so each figure is
the cost of the work itself:

1. the first poll of every feed (50 new entries each: fetch, parse, record the entries);
2. every new entry through to stored: page fetched, main text, near-duplicate check, stored
   with article_ingest, claims extracted;
3. the second poll of every feed, a 304 (If-None-Match), and a third with a changed ETag but
   no new entry (the feed read again, every entry known);
4. a ClaimReview DataFeed of 1,000 items through `import_claimreview`.

Sizes: BENCH_FEEDS (200), BENCH_ENTRIES (50), BENCH_CLAIMREVIEWS (1000), BENCH_INGEST (every new
entry; a smaller number takes that many, spread over the feeds, for step 2).
"""

import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_postgres import admin_execute, server_url, with_database

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DB = "factcheck_monitoring_bench"
FEEDS = int(os.environ.get("BENCH_FEEDS", "200"))
ENTRIES = int(os.environ.get("BENCH_ENTRIES", "50"))
CLAIMREVIEWS = int(os.environ.get("BENCH_CLAIMREVIEWS", "1000"))
# Entries taken through to stored and extracted (all by default; every one costs the extractor).
INGEST = int(os.environ.get("BENCH_INGEST", "0")) or None

PLACES = ["Астана", "Алматы", "Шымкент", "Қарағанды", "Ақтөбе", "Тараз", "Павлодар", "Өскемен", "Семей", "Атырау",
          "Қостанай", "Қызылорда", "Орал", "Петропавл", "Ақтау", "Түркістан", "Көкшетау", "Талдықорған"]
THINGS = ["мектеп", "аурухана", "көпір", "жол", "саябақ", "аялдама", "балабақша", "кітапхана", "стадион", "зауыт",
          "үй", "емхана", "су құбыры", "жылу желісі", "базар", "вокзал", "әуежай", "спорт зал"]
WHO = ["әкімдік", "министрлік", "басқарма", "депутат", "кәсіпкерлер палатасы", "статистика комитеті", "облыс әкімі",
       "мэрия", "жергілікті кеңес", "қоғамдық ұйым"]
TEMPLATES = [
    "{place} қаласында биыл кемінде {n} {thing} салынды, деп хабарлады {who}.",
    "{who} мәліметінше, {thing} жөндеуге {n} миллион теңге жұмсалды, бұл {place} үшін рекорд.",
    "{place} тұрғындарының {p} пайызы {thing} жағдайына көңілі толмайтынын айтты.",
    "{year} жылы {place} өңірінде {n} жаңа {thing} ашылады деп жоспарланып отыр, деді {who}.",
    "{who} өкілі {place} маңындағы {thing} құрылысы {m} айға кешіктірілгенін мойындады.",
]


def story(rng: random.Random) -> list[str]:
    return [
        rng.choice(TEMPLATES).format(place=rng.choice(PLACES), thing=rng.choice(THINGS), who=rng.choice(WHO),
                                     n=rng.randint(2, 900), p=rng.randint(5, 95), m=rng.randint(2, 18),
                                     year=rng.randint(2024, 2030))
        for _ in range(6)
    ]


def setup_django(url: str, netloc: str) -> None:
    os.environ.update(
        DATABASE_URL=with_database(url, BENCH_DB),
        DEBUG="1",
        CELERY_BROKER_URL="memory://",
        CELERY_TASK_ALWAYS_EAGER="1",
        LOG_LEVEL="WARNING",
        FETCH_ALLOW_HOSTS=netloc,
        FEED_HOST_MIN_GAP_SECONDS="0",
        FEED_MAX_ENTRIES=str(max(ENTRIES, 100)),
        DJANGO_SETTINGS_MODULE="factcheck.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.1f}/s" if seconds else "—"


def main() -> None:
    sys.path.insert(0, str(BASE_DIR))
    from tests.monitoring.claimreviews import claimreview, datafeed
    from tests.monitoring.feedserver import FeedServer, Item, article_page, rss, start

    url = server_url("bench/monitoring.py")
    server = FeedServer()
    httpd, _ = start(server)
    rng = random.Random(14)
    for feed in range(FEEDS):
        items = []
        for entry in range(ENTRIES):
            link = server.serve(f"/o{feed}/news/{entry}", article_page(f"Жаңалық {feed}-{entry}", story(rng)))
            items.append(Item(link=link, title=f"Жаңалық {feed}-{entry}"))
        server.serve(f"/o{feed}/rss", rss(items), "application/rss+xml", etag=f'"{feed}-1"')

    admin_execute(url, f"DROP DATABASE IF EXISTS {BENCH_DB}")
    admin_execute(url, f"CREATE DATABASE {BENCH_DB}")
    try:
        setup_django(url, server.netloc)
        run(server, claimreview, datafeed)
    finally:
        from django.db import connections

        connections.close_all()
        httpd.shutdown()
        admin_execute(url, f"DROP DATABASE IF EXISTS {BENCH_DB}")


def run(server, claimreview, datafeed) -> None:
    from django.core.management import call_command

    from claims.models import Article, Claim, FeedEntry, FeedSource
    from claims.monitoring.entries import entry_ingest
    from claims.monitoring.outlets import outlet_add
    from claims.monitoring.polling import source_poll

    sources = [outlet_add(name=f"Outlet {feed}", feeds=[server.url(f"/o{feed}/rss")], languages=["kk"])[1][0]
               for feed in range(FEEDS)]

    def poll_all() -> tuple[float, list[float], list[int]]:
        each, new = [], []
        started = time.perf_counter()
        for source in sources:
            one = time.perf_counter()
            new.extend(source_poll(source_id=source.pk).new_entry_ids)
            each.append(time.perf_counter() - one)
        return time.perf_counter() - started, each, new

    first_total, first_each, new_ids = poll_all()
    print(f"{FEEDS} feeds × {ENTRIES} entries on {server.netloc}; PostgreSQL, one process, Celery eager\n")

    # Spread over the feeds, so the near-duplicate index grows as it would.
    taken = new_ids if INGEST is None else new_ids[:: max(1, len(new_ids) // INGEST)][:INGEST]
    started = time.perf_counter()
    statuses: dict[str, int] = {}
    for entry_id in taken:
        status = str(entry_ingest(entry_id=entry_id).status)
        statuses[status] = statuses.get(status, 0) + 1
    ingest_total = time.perf_counter() - started
    stored = Article.objects.count()
    claims = Claim.objects.count()
    extracted = Article.objects.filter(extraction_status="done").count()
    duplicates = Article.objects.filter(duplicate_of__isnull=False).count()

    not_modified_total, not_modified_each, again = poll_all()
    assert not again, "a 304 poll found entries"
    FeedSource.objects.update(etag="")  # the feed sent in full again: every entry already known
    for source in sources:
        server.routes[f"/o{sources.index(source)}/rss"].etag = f'"{sources.index(source)}-2"'
    known_total, known_each, again = poll_all()
    assert not again, "a re-read feed found entries already seen"

    path = Path(tempfile.mkdtemp()) / "claimreview.json"
    path.write_text(datafeed([claimreview(n) for n in range(CLAIMREVIEWS)]), encoding="utf-8")
    started = time.perf_counter()
    call_command("import_claimreview", str(path), "--no-progress", stdout=io.StringIO())
    import_total = time.perf_counter() - started

    first_ms = statistics.median(first_each) * 1000
    nm_ms = statistics.median(not_modified_each) * 1000
    known_ms = statistics.median(known_each) * 1000
    print("Polls (median per poll, and polls per second over all feeds):")
    print(f"  first poll, {ENTRIES} new entries  {first_ms:8.2f} ms   {per_second(FEEDS, first_total):>10}")
    print(f"  feed re-read, all known     {known_ms:8.2f} ms   {per_second(FEEDS, known_total):>10}"
          f"   {known_ms / nm_ms:5.1f}× a 304")
    print(f"  304 not modified            {nm_ms:8.2f} ms   {per_second(FEEDS, not_modified_total):>10}"
          f"   1.0×")
    print(f"  a {ENTRIES}-entry poll costs {first_ms / nm_ms:.1f}× a 304 poll "
          f"(entries recorded only; pages are fetched in step 2)\n")
    print("Entries through to stored (page fetched, main text, near-duplicate check, stored, extracted):")
    print(f"  {len(taken):,} of {len(new_ids):,} entries in {ingest_total:.1f} s = "
          f"{per_second(len(taken), ingest_total)} ({ingest_total / len(taken) * 1000:.1f} ms each); "
          f"outcomes {statuses}")
    print(f"  {stored:,} articles stored, {extracted:,} extracted, {claims:,} claims, "
          f"{duplicates} linked as near-duplicates")
    per_feed = first_ms / 1000 + ingest_total / len(taken) * ENTRIES
    print(f"  a first poll with its {ENTRIES} entries stored and extracted: {per_feed * 1000:,.0f} ms per feed, "
          f"{per_feed / (nm_ms / 1000):,.0f}× a 304 poll\n")
    print(f"ClaimReview DataFeed: {CLAIMREVIEWS:,} items imported in {import_total:.2f} s "
          f"({per_second(CLAIMREVIEWS, import_total)})")
    assert FeedEntry.objects.count() == FEEDS * ENTRIES


if __name__ == "__main__":
    main()
