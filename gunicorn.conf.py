"""gunicorn's settings for production (Dockerfile, docker-compose.yml) and bench/load.py.

Chosen from bench/load.py's open-loop runs (README, Production): see there for the figures.
Each can be set from the environment; a command-line flag overrides it.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers, two per core: a verdicts request is CPU-bound (its waits on PostgreSQL and Redis
# are well under a millisecond on one machine), so threads added GIL contention, not throughput,
# in bench/load.py's open loop (README, Production, for the figures).
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))  # gthread only
# A request that takes longer is a bug or a hung dependency: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
keepalive = 5
# Above REQUEST_MAX_URL_CHARS (8000), so Django answers a too-long URL with its 414.
limit_request_line = 8190
