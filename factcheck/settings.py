"""Settings for factcheck, read from the environment (see .env.example)."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from factcheck.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FACTCHECK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off; set it in the environment (see .env.example)."
        )
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS and cookies: on unless DEBUG. Behind a TLS-terminating proxy that sets
# X-Forwarded-Proto. Health checks stay reachable over plain HTTP inside the network.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "factcheck.apps.SignInRecordsConfig",  # django-axes
    "factcheck.apps.FactcheckConfig",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "claims",
    "reviews",
    "reviews.dashboard",
    "seeds",
]

MIDDLEWARE = [
    "factcheck.middleware.RequestIdMiddleware",
    # Public data only (Cache-Control: public): nothing secret shares a compressed body with
    # what a caller sent, so compression cannot leak it (BREACH).
    "factcheck.middleware.PublicGZipMiddleware",
    "factcheck.middleware.UrlLengthLimitMiddleware",
    "factcheck.throttling.RateLimitHeadersMiddleware",
    "factcheck.middleware.RequestBodyLimitMiddleware",
    "factcheck.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it reads the language stored there), before common (i18n URLs).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "factcheck.query_params.UnknownQueryParamsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a lockout into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "factcheck" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "factcheck.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'factcheck.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Behind PgBouncer in transaction mode a connection's session is not ours between transactions:
# .iterator()'s server-side cursors (WITH HOLD, kept across transactions) would land on another
# client's session. README, Production.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS")
# The verdict list's query runs as a prepared statement (factcheck/prepared.py), kept by the
# connection's session: off behind a pooler in transaction mode that does not keep them.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", default=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# Newsrooms in Kazakhstan work in these three; Kazakh comes first.
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
# Ours first; then our Kazakh (and Russian) for Django's and the installed apps' own strings,
# which their catalogs leave out or get wrong (not made by makemessages).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
# Django ships no Kazakh date and number formats; ours are in factcheck/formats/kk/.
FORMAT_MODULE_PATH = ["factcheck.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Celery. Without a configured broker (the embedded default) kombu's filesystem transport
# carries messages through folders under var/ (factcheck/celery.py makes them when the app is
# first configured), so `make run` has a real worker and beat with no server to install.
# "localhost" only so kombu does not warn "No hostname was supplied" on every connection.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "filesystem://localhost/"
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
else:
    # Re-delivery after a lost worker; longer than any task's hard time limit.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# Tasks are idempotent, so a task interrupted by a lost worker is safe to run again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("CELERY_TASK_SOFT_TIME_LIMIT", "120"))
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT", "180"))
# A web request must not hang when the broker is down: publishing fails fast, and the
# stalled-work sweeps pick the work up once the broker is back.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER")
# Queues by the kind of work, so each kind gets the workers it needs (README, Production):
# extraction and matching are CPU-bound (a process per core; matching holds the claim index in
# each process's memory), fetching waits on other sites (many processes, little CPU), notices
# are small and must not wait behind an hour of extraction (mail, webhooks); the sweeps stay on
# the default queue. A worker started without -Q consumes every queue (the embedded defaults,
# the tests); production's workers each name theirs.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [Queue(name) for name in ("celery", "extraction", "matching", "fetching", "notices")]
CELERY_TASK_ROUTES = {
    "claims.tasks.extract_article": {"queue": "extraction"},
    "claims.matching_tasks.match_claim": {"queue": "matching"},
    "claims.matching_tasks.retry_unmatched_claims": {"queue": "matching"},
    "claims.tasks.fetch_article": {"queue": "fetching"},
    "claims.monitoring.tasks.poll_source": {"queue": "fetching"},
    "claims.monitoring.tasks.ingest_feed_entry": {"queue": "fetching"},
    "reviews.tasks.send_recheck_notice": {"queue": "notices"},
    "reviews.tasks.send_recheck_notices": {"queue": "notices"},
    "reviews.tasks.notify_editors_of_submission_task": {"queue": "notices"},
    "reviews.tasks_webhooks.deliver_webhook": {"queue": "notices"},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Logs: JSON lines on stderr with the request id (web) or task id and name (worker), with
# credentials redacted. LOG_FORMAT=plain for a terminal.
LOGGING = logging_config(
    level=os.environ.get("LOG_LEVEL", "INFO"),
    json=os.environ.get("LOG_FORMAT", "json").strip().lower() != "plain",
)
# Workers keep this configuration instead of Celery's own (factcheck.logging connects
# Celery's setup_logging signal).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Stalled work: articles whose extraction never ran (the broker was down) or failed for a
# passing reason are queued again by a beat sweep, a bounded number of times.
EXTRACTION_STALLED_AFTER_MINUTES = int(os.environ.get("EXTRACTION_STALLED_AFTER_MINUTES", "10"))
EXTRACTION_MAX_ATTEMPTS = int(os.environ.get("EXTRACTION_MAX_ATTEMPTS", "5"))

# --- Re-checks and notices ---
# The beat sweep that opens scheduled reviews whose date has come (reviews.rechecks.tasks.open_due_rechecks).
RECHECK_SWEEP_MINUTES = int(os.environ.get("RECHECK_SWEEP_MINUTES", "5"))
# Reviews opened per batch; each batch is one indexed query, each review one short transaction.
RECHECK_BATCH_SIZE = int(os.environ.get("RECHECK_BATCH_SIZE", "200"))
# A sweep stops starting batches after this long (below the task's soft time limit); the next
# sweep carries on where it stopped.
RECHECK_SWEEP_SECONDS = int(os.environ.get("RECHECK_SWEEP_SECONDS", "90"))
# Claims indexed per sweep for suggested evidence (a bounded catch-up).
RECHECK_INDEX_BATCH = int(os.environ.get("RECHECK_INDEX_BATCH", "5000"))

# Beat's schedule. Dates are columns swept here, never Celery ETAs (design.md, Re-checks).
CELERY_BEAT_SCHEDULE = {
    "retry-stalled-extractions": {"task": "claims.tasks.retry_stalled_extractions", "schedule": 300.0},
    "open-due-rechecks": {"task": "reviews.tasks.open_due_rechecks", "schedule": RECHECK_SWEEP_MINUTES * 60.0},
    # Webhook deliveries recorded while the broker was down, as unsent notices are.
    "requeue-unqueued-webhooks": {"task": "reviews.publishing.tasks.requeue_unqueued_webhooks", "schedule": 300.0},
}

# The site's address, for links built outside a request: the admin's review page in emails,
# the public verdict page in ClaimReview and webhooks. Unset in production: the first host
# name the site answers to, over HTTPS (never the development address).
_SITE_HOST = next((host for host in ALLOWED_HOSTS if host != "*" and not host.startswith(".")), "")
SITE_URL = (
    os.environ.get("SITE_URL")
    or ("http://127.0.0.1:8000" if DEBUG else f"https://{_SITE_HOST}" if _SITE_HOST else "")
).rstrip("/")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "factcheck@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# A mail server that hangs must not hold a worker past the task's time limit.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))

# --- API ---
# Clients authenticate with a token (`manage.py create_api_token`), staff with their admin
# session. Everything needs a user unless a view says otherwise (verdicts, ratings, schema).
REST_FRAMEWORK: dict[str, object] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON bodies only: in a form an empty field means "not sent" (DRF's HTML-form rule), so the
    # same input would mean two things; a form or multipart body is a 415 that says so.
    "DEFAULT_PARSER_CLASSES": ["factcheck.parsers.DepthLimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "EXCEPTION_HANDLER": "factcheck.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "factcheck.throttling.AnonymousThrottle",
        "factcheck.throttling.ClientThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "120/min"),
        "user": os.environ.get("API_THROTTLE_CLIENT", "1200/min"),
        # verdicts/search and claims/{id}/matches embed the query: dearer than a page of rows.
        "matching": os.environ.get("API_THROTTLE_MATCHING", "60/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Anonymous callers are counted by address. X-Forwarded-For is believed only as far as the
# proxies we run add to it (NUM_PROXIES, the count django-axes is given too); with none (the
# default) it is ignored, since DRF would otherwise take the whole header a caller forged.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES") or os.environ.get("AXES_PROXY_COUNT") or "0")
REST_FRAMEWORK["NUM_PROXIES"] = NUM_PROXIES

# Public data (verdicts, the rating scale) may be cached this many seconds by anyone.
API_PUBLIC_MAX_AGE = int(os.environ.get("API_PUBLIC_MAX_AGE", "60"))
# Longer URLs answer 414 (gunicorn runs with --limit-request-line 8190, above this).
REQUEST_MAX_URL_CHARS = int(os.environ.get("REQUEST_MAX_URL_CHARS", "8000"))

# No input of ours nests deeper than a few levels; deeper JSON is refused before it is parsed.
API_MAX_JSON_DEPTH = int(os.environ.get("API_MAX_JSON_DEPTH", "32"))

# Throttle counters live in the cache: Redis when there is one, so every gunicorn worker and
# machine counts the same client; local memory for the embedded default.
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "factcheck.cache.PooledClientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Verdict list pages are kept in that cache until the published verdicts change
# (reviews/publishing/verdict_cache.py); this only bounds how long an old version's pages
# take room nobody reads.
VERDICT_PAGE_CACHE_SECONDS = int(os.environ.get("VERDICT_PAGE_CACHE_SECONDS", "86400"))

SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck API",
    "DESCRIPTION": "Articles in, claims under review, published verdicts and ClaimReview out.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "factcheck.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "reviews.workflow.moves.ReviewStatus.choices",
        "WebhookEventEnum": "reviews.publishing.models.WebhookEvent.choices",
        # One name per choice set wherever it appears (claims, filters, outlets, sources).
        "LanguageEnum": "claims.models.Language.choices",
        "ClaimKindEnum": "claims.models.ClaimKind.choices",
        "SourceKindEnum": "claims.models.SourceKind.choices",
    },
}

FACTCHECK_ORGANIZATION = {
    "name": os.environ.get("FACTCHECK_ORGANIZATION_NAME", "factcheck"),
    # The site itself unless told otherwise (never a development address in production).
    "url": os.environ.get("FACTCHECK_ORGANIZATION_URL") or (SITE_URL + "/" if SITE_URL else ""),
}
# One article puts at most this many claims in the queue (the most check-worthy ones).
ARTICLE_MAX_CLAIMS = int(os.environ.get("ARTICLE_MAX_CLAIMS", "200"))

# Ingestion by URL: what the server fetches on a client's behalf.
ARTICLE_FETCH_TIMEOUT = float(os.environ.get("ARTICLE_FETCH_TIMEOUT", "10"))
ARTICLE_FETCH_MAX_BYTES = int(os.environ.get("ARTICLE_FETCH_MAX_BYTES", str(5 * 1024 * 1024)))
# The whole fetch, redirects included (ARTICLE_FETCH_TIMEOUT bounds each socket operation).
ARTICLE_FETCH_DEADLINE = float(os.environ.get("ARTICLE_FETCH_DEADLINE", "30"))
# `host:port` entries let through the public-address check (an intranet outlet); none by default.
FETCH_ALLOW_HOSTS = env_list("FETCH_ALLOW_HOSTS")

# Webhooks: only public addresses, unless a test or a closed network says otherwise.
WEBHOOK_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOK_ALLOW_PRIVATE_TARGETS")
WEBHOOK_TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT", "10"))
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "8"))
# Endpoints one client may register, and how long a rotated-out secret still signs deliveries.
WEBHOOKS_PER_CLIENT = int(os.environ.get("WEBHOOKS_PER_CLIENT", "10"))
WEBHOOK_SECRET_OVERLAP_HOURS = int(os.environ.get("WEBHOOK_SECRET_OVERLAP_HOURS", "24"))

# The bare comparison view of bench/api.py; never on in production.
FACTCHECK_BENCH_VIEWS = env_bool("FACTCHECK_BENCH_VIEWS")

# --- Hardening ---
# Login protection (django-axes): failures are counted in the database per username and
# address; after AXES_FAILURE_LIMIT of them sign-in is refused for the cool-off, even with the
# right password. Its backend must come first so it sees every attempt, the API's included
# (DRF's basic auth and obtain_auth_token pass the request through).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "factcheck.security.lockout_response"
# Behind the TLS proxy REMOTE_ADDR is the proxy's: count the client's address from
# X-Forwarded-For only when we know how many proxies there are (else it could be forged).
if NUM_PROXIES:
    AXES_IPWARE_PROXY_COUNT = NUM_PROXIES
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Content-Security-Policy (django-csp 4): same origin only, no inline script or style.
# The admin works under it: Django 5.2's admin loads every script from a file and passes data in
# data- attributes or json_script (type application/json, never run). `data:` images are the
# admin's small inline icons. Inline *styles* are allowed: our admin templates (the dashboard,
# its SVG chart, the article text) use style blocks and attributes; styles cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Request bodies: the cap answers 413 (factcheck.middleware). An article may hold 1,000,000
# characters (claims.services.MAX_BODY_CHARS); Cyrillic sent as JSON \\u escapes or
# form-encoded takes 6 bytes a character, so the default leaves room for the longest one.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("REQUEST_MAX_BYTES", str(8 * 1024 * 1024)))
# --- End of hardening ---

# --- Media monitoring (claims.monitoring) ---
FEED_FETCH_TIMEOUT = float(os.environ.get("FEED_FETCH_TIMEOUT", "10"))
# The whole fetch of a feed or an entry's page, redirects included.
FEED_FETCH_DEADLINE = float(os.environ.get("FEED_FETCH_DEADLINE", "30"))
FEED_FETCH_MAX_BYTES = int(os.environ.get("FEED_FETCH_MAX_BYTES", str(10 * 1024 * 1024)))
# Entries taken per poll, newest first: a feed listing 10,000 brings only these.
FEED_MAX_ENTRIES = int(os.environ.get("FEED_MAX_ENTRIES", "100"))
FEED_HOST_MIN_GAP_SECONDS = float(os.environ.get("FEED_HOST_MIN_GAP_SECONDS", "1"))
FEED_HOST_WAIT_SECONDS = float(os.environ.get("FEED_HOST_WAIT_SECONDS", "30"))
# A source is switched off after this many failed polls in a row.
FEED_MAX_FAILURES = int(os.environ.get("FEED_MAX_FAILURES", "8"))
FEED_ENTRY_MAX_ATTEMPTS = int(os.environ.get("FEED_ENTRY_MAX_ATTEMPTS", "3"))
FEED_SWEEP_SECONDS = float(os.environ.get("FEED_SWEEP_SECONDS", "60"))
FEED_SWEEP_BATCH = int(os.environ.get("FEED_SWEEP_BATCH", "200"))
CELERY_BEAT_SCHEDULE["poll-due-feeds"] = {
    # Outlets' feeds and sitemaps whose poll is due: a due column swept, like the re-checks.
    "task": "claims.monitoring.tasks.poll_due_sources",
    "schedule": FEED_SWEEP_SECONDS,
}

# --- Claim matching (claims.matching_service) ---
# Matches kept per claim ("Checked before"), and the sweep that matches claims whose task never
# ran or failed, a bounded number of times.
MATCHING_MATCHES_PER_CLAIM = int(os.environ.get("MATCHING_MATCHES_PER_CLAIM", "5"))
MATCHING_STALLED_AFTER_MINUTES = int(os.environ.get("MATCHING_STALLED_AFTER_MINUTES", "10"))
MATCHING_MAX_ATTEMPTS = int(os.environ.get("MATCHING_MAX_ATTEMPTS", "5"))
CELERY_BEAT_SCHEDULE["retry-unmatched-claims"] = {
    "task": "claims.matching_tasks.retry_unmatched_claims", "schedule": 300.0,
}
