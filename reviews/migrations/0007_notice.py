"""RecheckNotice becomes Notice: it carries the submitted-verdict emails too."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0006_dashboard_indexes"),
    ]

    operations = [
        migrations.RenameModel(old_name="RecheckNotice", new_name="Notice"),
    ]
