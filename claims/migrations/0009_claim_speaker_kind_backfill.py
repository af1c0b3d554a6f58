"""Speakers stored before kinds were kept get one where the words tell (the extractor's rule)."""

from django.db import migrations

BATCH = 2000


def set_speaker_kinds(apps, schema_editor):
    from claims.extraction.speaker_kinds import speaker_kind_of

    Claim = apps.get_model("claims", "Claim")
    unknown = Claim.objects.exclude(speaker="").filter(speaker_kind="").only("id", "speaker", "language")
    changed = []
    for claim in unknown.iterator(chunk_size=BATCH):
        kind = speaker_kind_of(claim.speaker, claim.language)
        if kind:
            claim.speaker_kind = kind
            changed.append(claim)
    Claim.objects.bulk_update(changed, ["speaker_kind"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_claim_speaker_kind")]

    operations = [migrations.RunPython(set_speaker_kinds, migrations.RunPython.noop)]
