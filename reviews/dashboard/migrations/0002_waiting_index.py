"""The verdicts waiting for approval: each one's latest entry into in_review is an index probe
(`review_id = ? AND to_status = 'in_review'`, newest `at` first) instead of a scan of its events."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0001_dashboard_indexes")]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX dashboard_event_review_status_at_idx ON reviews_reviewevent (review_id, to_status, at)",
            reverse_sql="DROP INDEX dashboard_event_review_status_at_idx",
        )
    ]
