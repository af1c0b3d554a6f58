"""Pipeline benchmark: articles ingested through the API to extracted claims per second, with
one Celery worker process and with two, on the real broker.

    .venv/bin/python bench/pipeline.py [--articles 200] [--rounds 2] [--redis-dbs 10 11]

It starts gunicorn (gunicorn.conf.py, DEBUG off) on 127.0.0.1 against a PostgreSQL database of
its own (`factcheck_pipeline_bench`, or --database-url's, created afresh) and Redis databases
10 (broker) and 11 (cache), which it empties. Then, for each round and each worker count (1
and 2 processes, interleaved: 1, 2, 1, 2 …, so load from elsewhere falls on both alike), it
starts a Celery worker (prefork) consuming the extraction queue (and the default one), warms
each process on a few articles, posts --articles new articles through POST /api/v1/articles/
from 4 client threads, and times until every one is extracted (`done`). Matching, queued per
claim on its own queue, is not consumed here: it is its own worker's work (README,
Production). Prints articles/s and claims/s per run, the median per worker count, and the
ratio of two processes to one (2 cores: 2.0 at best).
"""

from __future__ import annotations

import argparse
import datetime
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx
import psycopg
from load import VENV_BIN, article_text, bench_environment, empty_redis, free_port, manage, recreate_database

ROOT = Path(__file__).resolve().parents[1]


def start(arguments: list[str], environment: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(arguments, cwd=ROOT, env=environment, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def api_token(environment: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "manage.py", "create_api_token", "pipeline-bench", "--write"], cwd=ROOT,
                         env=environment, check=True, capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1].strip()


def wait_ready(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not become ready; see {log}")


class Poster:
    """Posts articles with unique texts; returns their ids."""

    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token
        self.serial = iter(range(10_000_000))
        self.lock = threading.Lock()

    def post(self, count: int, threads: int = 4) -> list[int]:
        ids: list[int] = []
        failures: list[str] = []

        def client(share: int) -> None:
            with httpx.Client(base_url=self.base, headers={"Authorization": f"Token {self.token}"},
                              timeout=30) as http:
                for _ in range(share):
                    with self.lock:
                        serial = next(self.serial)
                    language, body = article_text(serial)
                    response = http.post("/api/v1/articles/", json={
                        "title": f"Pipeline {serial}", "body": body, "language": language,
                        "published_on": datetime.date.today().isoformat(), "outlet": "Bench Daily"})
                    with self.lock:
                        if response.status_code == 201:
                            ids.append(response.json()["id"])
                        else:
                            failures.append(f"HTTP {response.status_code}: {response.text[:200]}")

        shares = [count // threads + (1 if n < count % threads else 0) for n in range(threads)]
        workers = [threading.Thread(target=client, args=(share,)) for share in shares]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        if failures:
            raise SystemExit(f"{len(failures)} articles refused: {failures[:3]}")
        return ids


def wait_extracted(database_url: str, ids: list[int], timeout: float = 600) -> tuple[int, int]:
    """Wait until every article in `ids` is done or failed; (failed articles, claims stored)."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(database_url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            (waiting,) = conn.execute(
                "SELECT count(*) FROM claims_article"
                " WHERE id = ANY(%s) AND extraction_status NOT IN ('done', 'failed')", [ids]).fetchone()
            if not waiting:
                break
            time.sleep(0.05)
        else:
            raise SystemExit(f"{waiting} articles still not extracted after {timeout:.0f} s")
        (failed,) = conn.execute(
            "SELECT count(*) FROM claims_article WHERE id = ANY(%s) AND extraction_status = 'failed'", [ids]).fetchone()
        (claims,) = conn.execute("SELECT count(*) FROM claims_claim WHERE article_id = ANY(%s)", [ids]).fetchone()
    return failed, claims


def run(processes: int, poster: Poster, environment: dict[str, str], articles: int, logs: Path) -> dict[str, float]:
    empty_redis(environment["CELERY_BROKER_URL"])
    worker = start([str(VENV_BIN / "celery"), "-A", "factcheck", "worker", "-Q", "extraction,celery", "--pool",
                    "prefork", "--concurrency", str(processes), "--loglevel", "WARNING", "--without-gossip",
                    "--without-mingle", "-n", f"pipeline{processes}@%h"],
                   environment, logs / f"worker-{processes}.log")
    try:
        # Each process loads the language detector on its first article: not part of the figure.
        wait_extracted(environment["DATABASE_URL"], poster.post(4 * processes, threads=processes))
        began = time.perf_counter()
        ids = poster.post(articles)
        posted = time.perf_counter() - began
        failed, claims = wait_extracted(environment["DATABASE_URL"], ids)
        elapsed = time.perf_counter() - began
    finally:
        stop(worker)
    if failed:
        raise SystemExit(f"{failed} articles failed extraction; see {logs}")
    figures = {"articles": len(ids), "claims": claims, "seconds": elapsed, "posted_per_s": len(ids) / posted,
               "articles_per_s": len(ids) / elapsed, "claims_per_s": claims / elapsed}
    print(f"{processes:>9} {len(ids):>9} {claims:>7} {elapsed:>8.1f} {figures['posted_per_s']:>10.1f} "
          f"{figures['articles_per_s']:>11.1f} {figures['claims_per_s']:>9.1f}", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="articles timed per run (default 200)")
    parser.add_argument("--rounds", type=int, default=2, help="runs per worker count, interleaved (default 2)")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/factcheck_pipeline_bench")
    parser.add_argument("--redis-dbs", type=int, nargs=2, default=[10, 11], metavar=("BROKER", "CACHE"))
    options = parser.parse_args()
    if urlparse(options.database_url).hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("the benchmark runs on loopback only")

    var_dir = ROOT / "var" / "bench-pipeline"
    logs = var_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    environment = bench_environment(options.database_url, var_dir, *options.redis_dbs)
    print("preparing: database, migrations, static files ...", flush=True)
    recreate_database(options.database_url)
    empty_redis(environment["REDIS_URL"])
    manage(environment, "migrate", "--noinput")
    manage(environment, "collectstatic", "--noinput")
    token = api_token(environment)

    port = free_port()
    server = start([str(VENV_BIN / "gunicorn"), "factcheck.wsgi", "--config", str(ROOT / "gunicorn.conf.py"),
                    "--bind", f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "/dev/null"],
                   environment, logs / "web.log")
    results: dict[int, list[dict[str, float]]] = {1: [], 2: []}
    try:
        wait_ready(port, server, logs / "web.log")
        poster = Poster(f"http://127.0.0.1:{port}", token)
        print(f"\n{'processes':>9} {'articles':>9} {'claims':>7} {'seconds':>8} {'posted/s':>10} "
              f"{'articles/s':>11} {'claims/s':>9}", flush=True)
        for _ in range(options.rounds):
            for processes in (1, 2):
                results[processes].append(run(processes, poster, environment, options.articles, logs))
    finally:
        stop(server)

    one, two = (statistics.median(run["claims_per_s"] for run in results[n]) for n in (1, 2))
    print(f"\nmedian extracted claims/s: one worker process {one:.1f}, two {two:.1f}; "
          f"two / one: {two / one:.2f} (2 cores: 2.0 at best); load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs, gunicorn and the client included")
    return 0


if __name__ == "__main__":
    sys.exit(main())
