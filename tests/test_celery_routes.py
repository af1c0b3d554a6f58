"""Every task goes to the queue of its kind of work (settings.CELERY_TASK_ROUTES)."""

from django.conf import settings

from factcheck.celery import app

# Periodic sweeps: small, on the default queue.
SWEEPS = {
    "claims.tasks.retry_stalled_extractions",
    "claims.monitoring.tasks.poll_due_sources",
    "reviews.tasks.open_due_rechecks",
    "reviews.publishing.tasks.requeue_unqueued_webhooks",
}


def ours() -> set[str]:
    """The app's tasks: not Celery's own, nor those a test module registers for itself."""
    return {name for name in app.tasks if not name.startswith(("celery.", "tests."))}


def test_every_route_names_a_task_and_a_declared_queue():
    queues = {queue.name for queue in settings.CELERY_TASK_QUEUES}
    for name, route in settings.CELERY_TASK_ROUTES.items():
        assert name in app.tasks, f"{name} is routed but no such task is registered"
        assert route["queue"] in queues


def test_every_task_is_routed_or_a_sweep_on_the_default_queue():
    assert ours() - set(settings.CELERY_TASK_ROUTES) == SWEEPS
    for name in SWEEPS:
        assert app.amqp.router.route({}, name)["queue"].name == settings.CELERY_TASK_DEFAULT_QUEUE


def test_extraction_goes_to_its_queue_and_mail_to_the_notices_queue():
    route = app.amqp.router.route
    assert route({}, "claims.tasks.extract_article")["queue"].name == "extraction"
    assert route({}, "claims.matching_tasks.match_claim")["queue"].name == "matching"
    assert route({}, "claims.tasks.fetch_article")["queue"].name == "fetching"
    assert route({}, "reviews.tasks.send_recheck_notice")["queue"].name == "notices"
