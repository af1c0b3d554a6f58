"""Celery tasks of media monitoring: thin, take ids, call the services, safe to run twice."""

import logging

from celery import shared_task

from claims.monitoring.entries import entries_stalled, entry_ingest
from claims.monitoring.polling import source_poll, sources_claim_due
from factcheck.queueing import send_task

log = logging.getLogger(__name__)


@shared_task(acks_late=True)
def poll_due_sources() -> int:
    """The beat sweep: poll every source whose due date has come, and re-queue lost entries."""
    queued = 0
    for source_id in sources_claim_due():
        if not send_task("claims.monitoring.tasks.poll_source", source_id):
            break
        queued += 1
    for entry_id in entries_stalled():
        if not send_task("claims.monitoring.tasks.ingest_feed_entry", entry_id):
            break
    return queued


@shared_task(acks_late=True)
def poll_source(source_id: int) -> int:
    """Poll one source; queue each new entry's page. Returns how many entries were new."""
    report = source_poll(source_id=source_id)
    log.info("source %s: %s; %s", source_id, report.outcome, report.summary().replace("\n", " | ")[:500])
    for entry_id in report.new_entry_ids:
        # Entries left unsent stay pending: the sweep queues them once the broker answers.
        if not send_task("claims.monitoring.tasks.ingest_feed_entry", entry_id):
            break
    return len(report.new_entry_ids)


@shared_task(acks_late=True)
def ingest_feed_entry(entry_id: int) -> str:
    return entry_ingest(entry_id=entry_id).status
