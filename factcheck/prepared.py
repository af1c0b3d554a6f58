"""Rows of a hot `.values()` query through a statement PostgreSQL plans once per connection.

Django binds parameters on the client, so PostgreSQL plans every query anew: for the verdict
list's page query planning took longer than running it (0.85 ms against 0.5 ms). With the
parameters bound on the server, psycopg prepares a statement it has run a few times on a
connection and PostgreSQL reuses its plan. Django offers that only for every query at once
(`server_side_binding`), which some of Django's own SQL does not survive; this is for the one
query that is read most. Statements are kept per connection, so a pooler in transaction mode
(PgBouncer before 1.21) loses them: `DATABASE_PREPARED_STATEMENTS=0` there.
"""

from collections.abc import Iterator
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable
from psycopg.types.datetime import TimestamptzLoader


class PreparedValuesIterable(ValuesIterable):
    def __iter__(self) -> Iterator[dict[str, Any]]:
        queryset = self.queryset
        connection = connections[queryset.db]
        # Where queries are logged (DEBUG, a test counting them) the ORM's own path: a prepared
        # statement's log entry has no SQL text.
        if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS or connection.queries_logged:
            yield from super().__iter__()
            return
        from django.db.backends.postgresql.base import ServerBindingCursor

        query = queryset.query
        compiler = query.get_compiler(queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return
        # The names and converters as ValuesIterable and the compiler read them.
        names = list(query.selected) if query.selected else [
            *query.extra_select, *query.values_select, *query.annotation_select]
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(columns)
        connection.ensure_connection()
        raw = connection.connection
        if raw.prepare_threshold is None:
            # Django turns psycopg's preparing off. Only cursors that bind on the server prepare,
            # and only this module's do, so turning it on (at the first run) reaches no other query.
            raw.prepare_threshold = 0
        # Django's cursor wrapper, so that execute wrappers and error translation see this
        # query as any other.
        wrap = cast(Any, connection)._prepare_cursor  # Django's own, which the stubs leave out
        with wrap(cast(Any, ServerBindingCursor)(raw)) as cursor:
            # psycopg's own timestamp loader (in C) rather than Django's, a Python subclass
            # that only names the time zone: the same instants, at a tenth of the cost each.
            cursor.cursor.adapters.register_loader("timestamptz", TimestamptzLoader)
            cursor.execute(sql, params)
            rows: Any = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        for row in rows:
            yield dict(zip(names, row, strict=False))


def prepared(queryset: QuerySet[Any, dict[str, Any]]) -> QuerySet[Any, dict[str, Any]]:
    """`queryset` (of `.values()`) read through a prepared statement on PostgreSQL."""
    clone = queryset.all()
    clone._iterable_class = PreparedValuesIterable
    return clone
