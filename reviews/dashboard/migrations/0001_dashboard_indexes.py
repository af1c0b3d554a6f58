"""Indexes for the dashboard's range queries at 100,000 claims and more.

Plain SQL (no model state changes), so they sit beside the models they serve without
touching the apps that own those models; the statements read the same in PostgreSQL and SQLite.
"""

from django.db import migrations

INDEXES = [
    # Claims opened per week over the last 12 weeks: a range scan on created_at.
    ("dashboard_claim_created_idx", "claims_claim (created_at)"),
    # Publications per week: `to_status = 'published' AND at >= ...`.
    ("dashboard_event_to_status_at_idx", "reviews_reviewevent (to_status, at)"),
    # Time in status: the reviews that moved in the window, `at >= ...`.
    ("dashboard_event_at_idx", "reviews_reviewevent (at)"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("reviews", "0003_recheck"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX {name} ON {table_and_columns}",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, table_and_columns in INDEXES
    ]
