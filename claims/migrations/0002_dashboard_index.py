"""Records in the model state the index the dashboard's migration 0001 created on claims_claim.

State only: the index exists already (or is created by that migration on a new database), so
the database is not touched; from here on Django knows it (SQLite table rebuilds keep it).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("dashboard", "0001_dashboard_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="claim",
                    index=models.Index(fields=["created_at"], name="dashboard_claim_created_idx"),
                ),
            ],
            database_operations=[],
        ),
    ]
