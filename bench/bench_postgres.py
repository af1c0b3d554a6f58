"""The PostgreSQL server the benchmarks create their own databases on (from DATABASE_URL)."""

import os
import sys
from urllib.parse import urlparse

import psycopg


def server_url(script: str) -> str:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(f"{script} needs PostgreSQL; DATABASE_URL is {url!r}")
    return url


def with_database(url: str, name: str) -> str:
    return urlparse(url)._replace(path=f"/{name}").geturl()


def admin_execute(url: str, sql: str) -> None:
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)
