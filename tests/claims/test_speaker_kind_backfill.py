"""Speakers stored before kinds were kept get one from the migration, where the words tell."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _backfill_and_before(executor: MigrationExecutor) -> tuple[tuple[str, str], tuple[str, str]]:
    # Found by name, whatever number the migration is given.
    (backfill,) = [key for key in executor.loader.graph.nodes
                   if key[0] == "claims" and key[1].endswith("claim_speaker_kind_backfill")]
    (before,) = [parent for parent in executor.loader.graph.node_map[backfill].parents if parent.key[0] == "claims"]
    return backfill, before.key


def test_the_migration_gives_stored_speakers_their_kind_and_leaves_the_rest():
    executor = MigrationExecutor(connection)
    backfill, before = _backfill_and_before(executor)
    ministry = ClaimFactory(speaker="ҚР Денсаулық сақтау министрлігі")
    person = ClaimFactory(speaker="Зейд әл-Хусейн", language="kk")
    corrected = ClaimFactory(speaker="СІМ", speaker_kind="person")  # a fact-checker's word stands
    unknown = ClaimFactory(speaker="sources")
    nobody = ClaimFactory(speaker="")

    try:
        executor.migrate([before])
        Claim.objects.filter(pk__in=[ministry.pk, person.pk, unknown.pk]).update(speaker_kind="")
        executor = MigrationExecutor(connection)
        executor.migrate([backfill])

        assert {pk: kind for pk, kind in Claim.objects.values_list("pk", "speaker_kind")} == {
            ministry.pk: "organisation", person.pk: "person", corrected.pk: "person", unknown.pk: "", nobody.pk: "",
        }
    finally:
        # Back to the latest schema: the migrations after the backfill are the next tests' too.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
