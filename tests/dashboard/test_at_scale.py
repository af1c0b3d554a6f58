"""The dashboard at 100,000 claims on PostgreSQL: the same eight queries, each served by an
index, the whole page's figures in well under two seconds on a 2-core machine."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Article, Claim, ClaimKind, Language
from reviews.dashboard import queries
from reviews.models import Review, ReviewStatus
from tests.factories import fact_checker

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.django_db]

CLAIMS = 100_000
PER_ARTICLE = 100
REVIEWERS = 20
# Where claims stand, as a share of every ten: most long finished, a few in each open status.
STATUS_BY_TENTH = [
    ReviewStatus.PUBLISHED,
    ReviewStatus.PUBLISHED,
    ReviewStatus.PUBLISHED,
    ReviewStatus.PUBLISHED,
    ReviewStatus.DISMISSED,
    ReviewStatus.DISMISSED,
    ReviewStatus.DISMISSED,
    ReviewStatus.NEW,
    ReviewStatus.RESEARCHING,
    ReviewStatus.IN_REVIEW,
]


def _build_newsroom() -> None:
    """100,000 claims opened over two years, with reviews and the events that moved them.

    Articles, claims and reviews go through bulk_create (the models' defaults); the events and
    the spread of dates are plain SQL, as 300,000 ORM saves would take minutes.
    """
    reviewers = [fact_checker(f"checker{n}") for n in range(REVIEWERS)]
    today = timezone.localdate()
    articles = Article.objects.bulk_create(
        Article(
            title=f"Report {n}",
            body="At least 340 civilians were killed.",
            language=Language.ENGLISH,
            published_on=today,
            content_hash=f"{n:064d}",
        )
        for n in range(CLAIMS // PER_ARTICLE)
    )
    claims = Claim.objects.bulk_create(
        (
            Claim(
                article=article,
                kind=ClaimKind.QUANTITY,
                text="At least 340 civilians were killed.",
                span_start=0,
                span_end=35,
                language=Language.ENGLISH,
                quantity_value=340,
                extraction_key=f"k{n}",
            )
            for article in articles
            for n in range(PER_ARTICLE)
        ),
        batch_size=5000,
    )
    Review.objects.bulk_create(
        (
            Review(
                claim=claim,
                status=STATUS_BY_TENTH[index % 10],
                assignee=reviewers[index % REVIEWERS]
                if STATUS_BY_TENTH[index % 10] in (ReviewStatus.RESEARCHING, ReviewStatus.IN_REVIEW)
                else None,
            )
            for index, claim in enumerate(claims)
        ),
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        # Claim n was opened n * 630 s before now: 100,000 over two years.
        cursor.execute(
            "UPDATE claims_claim SET created_at = now()"
            " - (id - (SELECT min(id) FROM claims_claim)) * interval '630 seconds'"
        )
        # Every review entered `new` when its claim was opened, and moved on an hour, a day
        # and two days later as far as its status.
        cursor.execute(
            """
            INSERT INTO reviews_reviewevent (review_id, actor_id, at, move, from_status, to_status, note)
            SELECT r.id, NULL, c.created_at, '', '', 'new', 'Claim extracted'
            FROM reviews_review r JOIN claims_claim c ON c.id = r.claim_id
            UNION ALL
            SELECT r.id, r.assignee_id, c.created_at + interval '1 hour', 'take', 'new', 'researching', ''
            FROM reviews_review r JOIN claims_claim c ON c.id = r.claim_id
            WHERE r.status IN ('researching', 'in_review', 'published')
            UNION ALL
            SELECT r.id, NULL, c.created_at + interval '3 hours', 'dismiss', 'new', 'dismissed', ''
            FROM reviews_review r JOIN claims_claim c ON c.id = r.claim_id WHERE r.status = 'dismissed'
            UNION ALL
            SELECT r.id, r.assignee_id, c.created_at + interval '1 day', 'submit', 'researching', 'in_review', ''
            FROM reviews_review r JOIN claims_claim c ON c.id = r.claim_id
            WHERE r.status IN ('in_review', 'published')
            UNION ALL
            SELECT r.id, NULL, c.created_at + interval '2 days', 'approve', 'in_review', 'published', ''
            FROM reviews_review r JOIN claims_claim c ON c.id = r.claim_id WHERE r.status = 'published'
            """
        )
        cursor.execute("ANALYZE claims_claim; ANALYZE reviews_review; ANALYZE reviews_reviewevent")


def test_the_dashboard_stays_fast_at_100000_claims(require_postgres):
    _build_newsroom()
    queries.dashboard_figures()  # warm the caches, as a second visit would find them

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        figures = queries.dashboard_figures()
        elapsed = time.perf_counter() - started

    slowest = sorted(((float(q["time"]), q["sql"][:100]) for q in captured.captured_queries), reverse=True)
    print(f"\ndashboard figures at {CLAIMS:,} claims: {elapsed * 1000:.0f} ms in {len(captured)} queries")
    for seconds, sql in slowest:
        print(f"  {seconds * 1000:7.1f} ms  {sql}")
    assert len(captured) == 8
    assert figures.total == CLAIMS
    since = queries.local_midnight(figures.weeks[0].week_start)
    assert sum(week.opened for week in figures.weeks) == Claim.objects.filter(created_at__gte=since).count() > 10_000
    assert elapsed < 2.0
