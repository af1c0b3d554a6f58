"""Benchmark: GET /api/v1/verdicts/ with 100,000 published verdicts, against a bare Django view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck .venv/bin/python bench/api.py [--seconds 10]

Runs on PostgreSQL in a database of its own (`factcheck_api_bench` on the same server, or
$BENCH_DATABASE; created, migrated and filled with bulk inserts on the first run, kept for the
next), with the verdict pages cached in Redis as in production ($BENCH_REDIS_URL, default
redis://127.0.0.1:6379/13, emptied first). Starts gunicorn with 2 workers on 127.0.0.1 (DEBUG
off, FACTCHECK_BENCH_VIEWS on) and drives it from a threaded HTTP client on loopback (a
connection per request, as gunicorn's sync workers close them), for a bounded time per target,
the targets interleaved in rounds:

- api-repeat: the first page of 50 verdicts, asked again and again (served from the cache),
- api-cold:   a page of 50 at a cursor never asked before (one row further each time): never
              in the cache, the cost of building a page,
- bare:       a plain Django view returning 50 rows from `.values()` as JSON.

Prints requests/s and p50/p95/p99 latency of each, then the goals as ratios of requests/s
measured in the same run: a cold page at least 0.9x the bare view, a repeated one 1.5x.
"""

import argparse
import base64
import datetime
import http.client
import itertools
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from bench_postgres import server_url, with_database

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DB = os.environ.get("BENCH_DATABASE", "factcheck_api_bench")
VERDICTS = 100_000
CLAIMS_PER_ARTICLE = 100
BATCH = 5_000
PORT = 8765


def ensure_database(url: str) -> None:
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone():
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def bench_environment(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": with_database(url, BENCH_DB),
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-bench-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "FACTCHECK_BENCH_VIEWS": "1",
        "CELERY_BROKER_URL": "memory://",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        "API_THROTTLE_ANON": "100000000/min",
        "API_THROTTLE_CLIENT": "100000000/min",
        "LOG_LEVEL": "WARNING",
        "AXES_ENABLED": "0",
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
    }


def fill(env: dict[str, str]) -> None:
    """Migrate and bulk-insert the published verdicts once; later runs reuse them."""
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=BASE_DIR, env=env, check=True)
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from claims.models import Article, Claim
    from reviews.models import Review, VerdictRevision
    from reviews.workflow.ratings import Rating

    have = Review.objects.filter(status="published").count()
    if have >= VERDICTS:
        print(f"database {BENCH_DB}: {have:,} published verdicts already")
        write_documents()
        return
    started = time.perf_counter()
    editor, _ = get_user_model().objects.get_or_create(username="bench-editor")
    ratings = list(Rating.values)
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    sources = [
        {"id": 1, "withheld_for_safety": False, "url": "https://stat.gov.kz/report", "title": "Statistics report",
         "publisher": "Bureau of National Statistics", "accessed_on": "2025-12-01", "archive_url": "", "quote": "",
         "stance": "refutes", "primary": True},
        {"id": 2, "withheld_for_safety": True, "public_description": "A hospital doctor in Almaty",
         "stance": "supports", "primary": False, "accessed_on": "2025-12-02"},
    ]
    with transaction.atomic():
        articles = Article.objects.bulk_create(
            Article(title=f"Bench article {n}", body=f"Body {n}", outlet="Bench News", language="kk",
                    url=f"https://news.example/{n}", published_on=datetime.date(2025, 12, 1),
                    content_hash=f"{n:064d}", extraction_status="done")
            for n in range(VERDICTS // CLAIMS_PER_ARTICLE)
        )
        for start in range(0, VERDICTS, BATCH):
            claims = Claim.objects.bulk_create(
                Claim(article=articles[n // CLAIMS_PER_ARTICLE], kind="quantity", language="kk",
                      text=f"Claim {n}: Астанада {n % 90 + 10} жаңа мектеп ашылды, деді әкім.",
                      span_start=0, span_end=40, checkworthiness=(n % 100) / 100, extraction_key=f"bench-{n}")
                for n in range(start, start + BATCH)
            )
            reviews = Review.objects.bulk_create(
                Review(claim=claim, status="published", rating=ratings[claim.pk % len(ratings)],
                       explanation="The statistics bureau counted fewer schools. " * 3, approved_by=editor,
                       published_at=now, version=3)
                for claim in claims
            )
            VerdictRevision.objects.bulk_create(
                VerdictRevision(review=review, number=1, rating=review.rating, explanation=review.explanation,
                                sources=sources, editor=editor, published_at=now)
                for review in reviews
            )
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"database {BENCH_DB}: inserted {VERDICTS:,} published verdicts in {time.perf_counter() - started:.1f} s")
    write_documents()


def write_documents() -> None:
    """The verdicts' documents, as a deploy writes them (`manage.py write_verdict_documents`)."""
    from reviews.publishing.verdict_documents import refresh_stale

    started = time.perf_counter()
    written = refresh_stale()
    if not written:
        return
    print(f"database {BENCH_DB}: wrote {written:,} verdict documents in {time.perf_counter() - started:.1f} s")


def published_ids(env: dict[str, str]) -> tuple[int, int]:
    with psycopg.connect(env["DATABASE_URL"]) as conn:
        low, high = conn.execute("SELECT min(id), max(id) FROM reviews_review WHERE status = 'published'").fetchone()
    return low, high


def cursor_at(position: int) -> str:
    """DRF's cursor encoding: base64 of p=<id>."""
    return base64.b64encode(urlencode({"p": str(position)}).encode()).decode()


def empty_cache(env: dict[str, str]) -> None:
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()


def start_server(env: dict[str, str]) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(BASE_DIR / ".venv" / "bin" / "gunicorn"), "factcheck.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=BASE_DIR, env=env, start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def get(path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    try:
        # As behind the TLS proxy: otherwise DEBUG-off settings redirect to https.
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https", "Accept": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


Target = Callable[[], str]


def load(target: Target, seconds: float, threads: int) -> tuple[list[float], int, float]:
    """(latencies, errors, elapsed) of `threads` clients requesting `target()` for `seconds`."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        nonlocal errors
        mine, failed = [], 0
        while time.perf_counter() < stop_at:
            began = time.perf_counter()
            try:
                status, _body = get(target())
            except OSError:  # a timeout or a refused connection counts as an error, not a crash
                status = 0
            mine.append(time.perf_counter() - began)
            failed += status != 200
        with lock:
            latencies.extend(mine)
            errors += failed

    workers = [threading.Thread(target=client) for _ in range(threads)]
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return latencies, errors, time.perf_counter() - began


def measure(targets: dict[str, Target], seconds: float, threads: int, rounds: int) -> dict[str, dict[str, float]]:
    """Each target for `seconds` in all, in `rounds` interleaved slices, so that load from
    elsewhere on the machine falls on every target alike rather than on whichever ran then."""
    totals: dict[str, tuple[list[float], int, float]] = {name: ([], 0, 0.0) for name in targets}
    for _ in range(rounds):
        for name, target in targets.items():
            latencies, errors, elapsed = load(target, seconds / rounds, threads)
            seen, failed, spent = totals[name]
            totals[name] = (seen + latencies, failed + errors, spent + elapsed)
    figures = {}
    for name, (latencies, errors, elapsed) in totals.items():
        cuts = statistics.quantiles(latencies, n=100)
        figures[name] = {
            "requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000,
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="load time per target (default 10)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--rounds", type=int, default=10, help="interleaved slices per target (default 10)")
    options = parser.parse_args()

    url = server_url("bench/api.py")
    ensure_database(url)
    env = bench_environment(url)
    fill(env)
    low, high = published_ids(env)
    first = "/api/v1/verdicts/?page_size=50"
    cold_positions = itertools.count()
    targets: dict[str, Target] = {
        "api-repeat": lambda: first,
        # Each cold request a cursor one row further down: never asked before (a cache miss),
        # its rows mostly those the previous one read (warm in PostgreSQL, as the first page is).
        "api-cold": lambda: f"{first}&cursor={cursor_at(high - next(cold_positions) % (high - low - 100))}",
        "bare": lambda: "/api/v1/bench/bare-verdicts/",
    }
    empty_cache(env)
    server = start_server(env)
    try:
        for name, target in targets.items():
            status, body = get(target())
            if status != 200:
                sys.exit(f"{name}: {target()} answered {status}: {body[:300]!r}")
            load(target, 1.0, options.threads)  # warm both workers' connections and caches
        results = measure(targets, options.seconds, options.threads, options.rounds)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    print(f"\n{VERDICTS:,} published verdicts, gunicorn 2 workers, {options.threads} client threads, "
          f"{options.seconds:g} s per target in {options.rounds} interleaved rounds; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'target':<11} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, figures in results.items():
        print(f"{name:<11} {figures['requests']:>9,} {figures['errors']:>7} {figures['rps']:>8.1f} "
              f"{figures['p50']:>8.2f} {figures['p95']:>8.2f} {figures['p99']:>8.2f}")
    repeat, cold, bare = results["api-repeat"], results["api-cold"], results["bare"]
    errors = sum(figures["errors"] for figures in results.values())
    for name, figures, goal in (("cold", cold, 0.9), ("repeated", repeat, 1.5)):
        ratio = figures["rps"] / bare["rps"]
        print(f"API {name} / bare requests/s: {ratio:.2f} (goal >= {goal}): {'met' if ratio >= goal else 'MISSED'}")
    print(f"errors: {errors} (goal 0)")


if __name__ == "__main__":
    main()
