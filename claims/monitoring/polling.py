"""Polling a feed or sitemap: which sources are due, one conditional request, the new entries.

A poll never changes what is stored about entries already seen, and a refused document (HTML
instead of a feed, an empty body, a redirect to a private address) changes nothing but the
source's failure count, its next due date and its last error.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from claims.models import EntryStatus, FeedEntry, FeedSource, SourceKind
from claims.monitoring.fetching import http_get
from claims.monitoring.parsing import Entry, Listing, NotAFeed, read_feed, read_sitemap
from claims.monitoring.politeness import HostBusy, backoff, host_of, host_slot
from claims.monitoring.urls import normalise_url
from factcheck.net import UrlFetchRefused

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
# How long a claimed source stays claimed: past it, a sweep may claim it again (its worker died).
POLL_LEASE = datetime.timedelta(minutes=10)


@dataclass
class PollReport:
    source_id: int
    outcome: str  # "new", "not modified", "failed", "busy", "off"
    new_entry_ids: list[int] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return "\n".join(self.lines)


def sources_claim_due(*, now: datetime.datetime | None = None, limit: int | None = None) -> list[int]:
    """Claim the enabled sources whose poll is due; each is claimed by one sweep only."""
    now = now or timezone.now()
    free = Q(polling_until__isnull=True) | Q(polling_until__lt=now)
    due = (
        FeedSource.objects.filter(free, enabled=True, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[: limit or settings.FEED_SWEEP_BATCH]
    )
    claimed = []
    for source_id in due:
        # The conditional UPDATE says who won when two sweeps overlap.
        if FeedSource.objects.filter(free, pk=source_id, enabled=True).update(polling_until=now + POLL_LEASE):
            claimed.append(source_id)
    return claimed


def conditional_headers(source: FeedSource) -> dict[str, str]:
    headers = {}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    return headers


def source_poll(*, source_id: int, now: datetime.datetime | None = None) -> PollReport:
    """Poll one source now; new entries are recorded pending (the caller queues their pages)."""
    now = now or timezone.now()
    source = FeedSource.objects.select_related("outlet").get(pk=source_id)
    if not source.enabled:
        FeedSource.objects.filter(pk=source_id).update(polling_until=None)
        return PollReport(source_id, "off", lines=["The source is switched off."])
    try:
        with host_slot(host_of(source.url)):
            fetched = http_get(source.url, headers=conditional_headers(source), accept=FEED_ACCEPT)
        if fetched.status == 304:
            return source_record_success(source, now, PollReport(source_id, "not modified",
                                                                 lines=["Not modified since the last poll (304)."]))
        body_time = timezone.now()
        listing = (read_sitemap(fetched.body, now=body_time) if source.kind == SourceKind.SITEMAP
                   else read_feed(fetched.body, content_type=fetched.content_type, now=body_time))
    except HostBusy as error:
        FeedSource.objects.filter(pk=source_id).update(
            polling_until=None, due_at=now + datetime.timedelta(seconds=settings.FEED_HOST_WAIT_SECONDS)
        )
        return PollReport(source_id, "busy", lines=[str(error)])
    except (UrlFetchRefused, NotAFeed) as error:
        return source_record_failure(source, now, str(error))
    report = entries_record(source, listing, now)
    return source_record_success(source, now, report, etag=fetched.headers.get("etag", ""),
                                 last_modified=fetched.headers.get("last-modified", ""),
                                 newest=max((e.published for e in listing.entries if e.published), default=None))


def newest_first(entries: list[Entry]) -> list[Entry]:
    # Undated entries keep their place after the dated ones: feeds list newest first.
    oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return sorted(entries, key=lambda entry: entry.published or oldest, reverse=True)


def entries_record(source: FeedSource, listing: Listing, now: datetime.datetime) -> PollReport:
    report = PollReport(source.pk, "new", lines=[*listing.warnings])
    skipped = list(listing.skipped)
    wanted: dict[str, Entry] = {}
    for entry in newest_first(listing.entries):
        try:
            key = normalise_url(entry.link)
        except ValueError:
            skipped.append(f"{entry.link[:200]}: not an http(s) link")
            continue
        wanted.setdefault(key, entry)
    cap = settings.FEED_MAX_ENTRIES
    if len(wanted) > cap:
        report.lines.append(f"{len(wanted):,} entries listed; only the newest {cap:,} were taken.")
        wanted = dict(list(wanted.items())[:cap])
    known = set(FeedEntry.objects.filter(url__in=list(wanted)).values_list("url", flat=True))
    fresh = [key for key in wanted if key not in known]
    FeedEntry.objects.bulk_create(
        [
            FeedEntry(
                url=key,
                link=wanted[key].link[:2000],
                source=source,
                title=wanted[key].title[:500],
                published_at=wanted[key].published,
                seen_at=now,
            )
            for key in fresh
        ],
        ignore_conflicts=True,  # another source's poll recorded the same story first
    )
    report.new_entry_ids = list(
        FeedEntry.objects.filter(url__in=fresh, source=source, status=EntryStatus.PENDING)
        .order_by("pk")  # recorded newest first, so fetched newest first
        .values_list("pk", flat=True)
    )
    report.lines.append(f"{len(wanted)} entries read, {len(report.new_entry_ids)} new, {len(known)} seen before.")
    if skipped:
        report.lines.append(f"{len(skipped)} skipped:")
        report.lines.extend(f"  {line}" for line in skipped[:50])
    return report


def source_record_success(
    source: FeedSource,
    now: datetime.datetime,
    report: PollReport,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    newest: datetime.datetime | None = None,
) -> PollReport:
    changes: dict[str, object] = {
        "last_polled_at": now,
        "last_success_at": now,
        "consecutive_failures": 0,
        "last_error": "",
        "last_report": report.summary()[:10_000],
        "due_at": now + datetime.timedelta(minutes=source.poll_minutes),
        "polling_until": None,
    }
    if etag is not None:
        changes["etag"], changes["last_modified"] = etag[:500], (last_modified or "")[:100]
    if newest is not None and (source.last_entry_at is None or newest > source.last_entry_at):
        changes["last_entry_at"] = newest
    FeedSource.objects.filter(pk=source.pk).update(**changes)
    return report


def source_record_failure(source: FeedSource, now: datetime.datetime, reason: str) -> PollReport:
    """Count the failure, back off (the interval doubled per failure, at most a day), and
    switch the source off after FEED_MAX_FAILURES failures in a row, saying why."""
    failures = source.consecutive_failures + 1
    changes: dict[str, object] = {
        "last_polled_at": now,
        "consecutive_failures": failures,
        "last_error": reason[:5000],
        "last_report": f"Failed: {reason}"[:10_000],
        "due_at": now + backoff(datetime.timedelta(minutes=source.poll_minutes), failures),
        "polling_until": None,
    }
    lines = [f"Failed ({failures} in a row): {reason}"]
    if failures >= settings.FEED_MAX_FAILURES:
        changes["enabled"] = False
        changes["disabled_reason"] = (
            f"Switched off on {now:%Y-%m-%d %H:%M} UTC after {failures} failed polls in a row; the last: {reason}"
        )[:5000]
        lines.append("Switched off after too many failures in a row.")
    FeedSource.objects.filter(pk=source.pk).update(**changes)
    return PollReport(source.pk, "failed", lines=lines)


def source_switch_on(*, source: FeedSource, now: datetime.datetime | None = None) -> None:
    """Back on after an operator fixed what was wrong: polled at once, the failure count cleared."""
    FeedSource.objects.filter(pk=source.pk).update(
        enabled=True, disabled_reason="", consecutive_failures=0, due_at=now or timezone.now(), polling_until=None
    )
