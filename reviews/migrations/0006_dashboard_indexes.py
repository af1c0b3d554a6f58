"""Records in the model state the indexes the dashboard's migrations created on
reviews_reviewevent, so Django knows them (an SQLite table rebuild keeps them).

The state operations touch nothing in the database: the indexes exist already (or are created
by those migrations on a new database). Two names are longer than the 30 characters a model's
index may have, so they are renamed, the one change to the database (PostgreSQL renames in
place; SQLite, which cannot, drops and creates them).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0005_evidence_term_plural"),
        ("dashboard", "0002_waiting_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="reviewevent",
                    index=models.Index(fields=["to_status", "at"], name="dashboard_event_to_status_at_idx"),
                ),
                migrations.AddIndex(
                    model_name="reviewevent",
                    index=models.Index(fields=["at"], name="dashboard_event_at_idx"),
                ),
                migrations.AddIndex(
                    model_name="reviewevent",
                    index=models.Index(fields=["review", "to_status", "at"], name="dashboard_event_review_status_at_idx"),
                ),
            ],
            database_operations=[],
        ),
        migrations.RenameIndex(
            model_name="reviewevent", new_name="event_to_status_at_idx", old_name="dashboard_event_to_status_at_idx"
        ),
        migrations.RenameIndex(
            model_name="reviewevent",
            new_name="event_review_status_at_idx",
            old_name="dashboard_event_review_status_at_idx",
        ),
    ]
