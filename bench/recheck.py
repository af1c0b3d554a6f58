"""Benchmark: one re-check sweep with 1,000 due reviews among 10,000 and among 1,000,000.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck .venv/bin/python bench/recheck.py
        [--sizes 10000,1000000] [--due 1000] [--sweeps 3] [--database factcheck_recheck_bench]

Runs on PostgreSQL in a database of its own (`factcheck_recheck_bench` on the same server,
created and dropped here). Rows are made with generate_series SQL. For each size it prints the
plan of the due query (EXPLAIN ANALYZE: it must use the partial index review_recheck_due_idx,
not scan the table), the time of that query, and the time of the openings (the batch UPDATEs,
events, notices queued on an in-memory broker) with reviews opened per second and queries per
review, and then, separately, a sweep with suggested evidence. The openings are timed --sweeps
times on the same table (the opened reviews are put back in between) and the median kept.
Goals: >= 3,000 opened/s, and the openings among the largest table cost at most 1.2x those
among the smallest.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

from bench_postgres import admin_execute, server_url, with_database

BASE_DIR = Path(__file__).resolve().parent.parent
DUE = datetime.date(2018, 3, 21)
GOAL_PER_SECOND = 3000  # reviews opened per second, with their events and notices
GOAL_RATIO = 1.2  # the sweep among the large table / among the small one

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "10000,1000000"),
                    help="table sizes, comma-separated (default 10000,1000000)")
parser.add_argument("--due", type=int, default=int(os.environ.get("BENCH_DUE", "1000")),
                    help="reviews due in each table (default 1000)")
parser.add_argument("--database", default="factcheck_recheck_bench",
                    help="the database created and dropped here (its own: bench/load.py uses factcheck_bench)")
parser.add_argument("--sweeps", type=int, default=3, help="timed sweeps per size, the median kept (default 3)")
ARGS = parser.parse_args()
SWEEPS = ARGS.sweeps
BENCH_DB = ARGS.database
DUE_REVIEWS = ARGS.due
SIZES = tuple(int(n) for n in ARGS.sizes.split(","))


def setup_django(url: str) -> None:
    os.environ.update(
        DATABASE_URL=with_database(url, BENCH_DB),
        DEBUG="1",
        # Notices are published as in production, to a broker that costs next to nothing.
        CELERY_BROKER_URL="memory://",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="factcheck.settings",
    )
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def sql_defaults(model, overrides: dict[str, str]) -> tuple[str, str]:
    """Column list and SELECT expressions for every concrete column of `model`: the override,
    else NULL or the field's default, so columns added later still get a value."""
    from django.db import models

    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(f'"{field.column}"')
        if field.name in overrides or field.column in overrides:
            values.append(overrides.get(field.name, overrides.get(field.column)))
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values.append("now()")
        elif field.null:
            values.append("NULL")
        elif field.has_default():
            default = field.get_default()
            if isinstance(field, models.JSONField):
                values.append("'[]'::jsonb" if default == [] else "'{}'::jsonb")
            elif isinstance(default, bool):
                values.append("true" if default else "false")
            elif isinstance(default, int | float):
                values.append(str(default))
            else:
                values.append("'" + str(default).replace("'", "''") + "'")
        elif isinstance(field, models.CharField | models.TextField):
            values.append("''")
        else:
            raise SystemExit(f"bench: no value for {model.__name__}.{field.name}; add it to the overrides")
    return ", ".join(columns), ", ".join(values)


def owed_tables() -> str:
    """The tables of what a sweep owes: notices and suggested evidence."""
    from reviews.models import Notice, SuggestedEvidence

    return f"{Notice._meta.db_table}, {SuggestedEvidence._meta.db_table}"


def fill(total: int) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection

    from claims.models import Article, Claim
    from reviews.models import EvidenceTerm, Review
    from reviews.workflow.roles import FACT_CHECKERS_GROUP

    with connection.cursor() as cursor:
        # Foreign keys are checked by construction here; skipping their triggers halves the fill.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(
            "TRUNCATE claims_article, claims_claim, reviews_review, reviews_reviewevent, reviews_evidenceterm, "
            f"{owed_tables()} RESTART IDENTITY CASCADE"
        )
        columns, values = sql_defaults(
            Article,
            {"title": "'Bench'", "body": "'Bench article'", "published_on": "'2018-02-23'",
             "content_hash": "md5('bench')", "extraction_status": "'done'"},
        )
        cursor.execute(f"INSERT INTO claims_article ({columns}) SELECT {values}")
        columns, values = sql_defaults(
            Claim,
            {"article": "1", "kind": "'scheduled'", "language": "'en'", "span_start": "0", "span_end": "40",
             "text": "'Claim ' || i || ' that the summit in Astana is planned'", "extraction_key": "md5(i::text)",
             "checkworthiness": "0.5", "check_after": "NULL"},
        )
        cursor.execute(f"INSERT INTO claims_claim ({columns}) SELECT {values} FROM generate_series(1, %s) AS i",
                       [total])
        # 1,000 due (dates in the 30 days up to DUE); of the rest one in ten scheduled for
        # later (in the partial index, not due), the others new or dismissed (not in it).
        columns, values = sql_defaults(
            Review,
            {"claim": "i",
             "status": f"CASE WHEN i <= {DUE_REVIEWS} OR mod(i, 10) = 0 THEN 'scheduled'"
                       " WHEN mod(i, 10) = 1 THEN 'dismissed' ELSE 'new' END",
             "recheck_on": f"CASE WHEN i <= {DUE_REVIEWS} THEN DATE '{DUE}' - mod(i, 30)"
                           f" WHEN mod(i, 10) = 0 THEN DATE '{DUE}' + 1 + mod(i, 365) END",
             "version": "0"},
        )
        cursor.execute(f"INSERT INTO reviews_review ({columns}) SELECT {values} FROM generate_series(1, %s) AS i",
                       [total])
        # The evidence index caught up, as it is between sweeps: every claim has its marker.
        cursor.execute(
            f"INSERT INTO {EvidenceTerm._meta.db_table} (claim_id, article_id, term)"
            " SELECT id, article_id, '#' FROM claims_claim"
        )
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("ANALYZE")
    user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"email": "bench@newsroom.example"})
    user.groups.add(Group.objects.get_or_create(name=FACT_CHECKERS_GROUP)[0])


def make_due_again() -> None:
    """Put the 1,000 opened reviews back as they were, to time another sweep on the same table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(f"TRUNCATE {owed_tables()}")
        cursor.execute("DELETE FROM reviews_reviewevent WHERE review_id <= %s", [DUE_REVIEWS])
        cursor.execute(
            f"UPDATE reviews_review SET status = 'scheduled', version = 0, recheck_on = DATE '{DUE}' - mod(id, 30)::int"
            " WHERE id <= %s",
            [DUE_REVIEWS],
        )
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("VACUUM ANALYZE reviews_review")


def due_query():
    from reviews.models import Review, ReviewStatus

    return (
        Review.objects.filter(status=ReviewStatus.SCHEDULED, recheck_on__lte=DUE)
        .order_by("recheck_on", "pk")
        .values_list("pk", flat=True)
    )


def measure(total: int) -> dict[str, float]:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reviews.models import Notice, Review, ReviewEvent, ReviewStatus
    from reviews.rechecks.sweep import recheck_sweep

    started = time.perf_counter()
    fill(total)
    print(f"\n== {total:,} reviews, {DUE_REVIEWS:,} due (filled in {time.perf_counter() - started:.1f} s)")
    batch = due_query()[: settings.RECHECK_BATCH_SIZE]
    print(batch.explain(analyze=True, buffers=True))
    query_times = []
    for _ in range(7):
        started = time.perf_counter()
        list(batch.all())  # a fresh query each time, not the cached result
        query_times.append(time.perf_counter() - started)
    query_ms = statistics.median(query_times) * 1000

    sweeps, counted = [], 0
    for attempt in range(SWEEPS):
        if attempt:
            make_due_again()
        connection.queries_log.clear()  # a capped deque: start empty so the count is exact
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            # The openings alone (events, notices queued); suggested evidence is timed below.
            result = recheck_sweep(today=DUE, seconds=3600, suggest=False)
            sweeps.append(time.perf_counter() - started)
        counted = len(queries)
        assert result.opened == DUE_REVIEWS, result
        assert not Review.objects.filter(status=ReviewStatus.SCHEDULED, recheck_on__lte=DUE).exists()
        assert Notice.objects.count() == DUE_REVIEWS
        assert ReviewEvent.objects.filter(move="open_due").count() == DUE_REVIEWS
    sweep_s = statistics.median(sweeps)
    print("sweeps (openings): " + ", ".join(f"{seconds:.2f} s" for seconds in sweeps))
    make_due_again()
    started = time.perf_counter()
    result = recheck_sweep(today=DUE, seconds=3600)
    with_evidence_s = time.perf_counter() - started
    assert result.opened == DUE_REVIEWS, result
    figures = {"total": total, "query_ms": query_ms, "sweep_s": sweep_s, "per_second": DUE_REVIEWS / sweep_s,
               "queries": counted / DUE_REVIEWS, "evidence_s": with_evidence_s - sweep_s}
    print(
        f"due query (one batch of {settings.RECHECK_BATCH_SIZE}): {query_ms:.2f} ms median; "
        f"openings (median of {SWEEPS}): {DUE_REVIEWS:,} opened with events and notices in {sweep_s:.3f} s = "
        f"{figures['per_second']:.0f} reviews/s, {figures['queries']:.2f} queries per review; "
        f"with suggested evidence: {with_evidence_s:.2f} s (evidence {figures['evidence_s']:.2f} s)"
    )
    return figures


def main() -> None:
    url = server_url("bench/recheck.py")
    admin_execute(url, f"DROP DATABASE IF EXISTS {BENCH_DB}")
    admin_execute(url, f"CREATE DATABASE {BENCH_DB}")
    try:
        setup_django(url)
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        runs = [measure(total) for total in SIZES]
        connections.close_all()
    finally:
        admin_execute(url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")

    print("\n== summary")
    for run in runs:
        print(
            f"{run['total']:>9,} reviews: due query {run['query_ms']:6.2f} ms, openings {run['sweep_s']:6.3f} s, "
            f"{run['per_second']:6.0f} opened/s ({run['per_second'] / GOAL_PER_SECOND:.2f}x the goal of "
            f"{GOAL_PER_SECOND:,}/s), {run['queries']:.2f} queries per review, "
            f"suggested evidence {run['evidence_s']:.2f} s"
        )
    if len(runs) < 2:
        return
    small, large = runs[0], runs[-1]
    ratio = large["sweep_s"] / small["sweep_s"]
    print(f"openings among {large['total']:,} / among {small['total']:,}: {ratio:.2f}x (goal <= {GOAL_RATIO}x; "
          f"{ratio / GOAL_RATIO:.2f} of the allowance)")
    if ratio > GOAL_RATIO:
        sys.exit("FAIL: the sweep grows with the table; check the plan above")


if __name__ == "__main__":
    main()
