"""Base settings: every value comes from the environment, with safe development defaults.

Production is the same module with ``DEBUG=false``: it then refuses to start without a real
``SECRET_KEY`` and turns on every HTTPS and cookie hardening that ``check --deploy`` asks for.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sportloket.conf.database import postgresql_options, sqlite_options
from sportloket.conf.site import site_url

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/sportloket
BASE_DIR = PACKAGE_DIR.parents[1]  # the repository root

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "django-insecure-sportloket-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG=false (use at least 50 random characters)."
        )
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY is too weak for DEBUG=false: use 50+ random characters.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# Links in e-mails: SITE_URL, or the development server on PORT (what `make run` serves on).
SITE_URL = site_url(env.ENVIRON)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.forms",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "auditlog",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "mailer",
    # Our apps. accounts holds the custom User model and comes before anything that refers to it.
    "sportloket.accounts",
    "sportloket.registry",
    "sportloket.core",
    "sportloket.jobs",
    "sportloket.helprequests",
    "sportloket.knowledge",
    "sportloket.offerings",
    "sportloket.decisions",
    "sportloket.funds",
    "sportloket.quality",
    "sportloket.contacts",
    "sportloket.meetings",
    "sportloket.cooperation",
    "sportloket.clubcheck",
    "sportloket.portal",
    "sportloket.scan",
    "sportloket.dashboard",
    "sportloket.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for browsers that accept it (static files come compressed from WhiteNoise
    # above, which answers them before this). Django's GZip pads each response with random bytes
    # against BREACH, and the CSRF token is masked anew on every response.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sportloket.core.middleware.LanguageMiddleware",
    # Before anything reads the request: a NUL is refused, other control characters stripped.
    "sportloket.core.middleware.InputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "sportloket.core.middleware.RequireSecondFactorMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Axes goes last: it turns a lockout signalled by its backend into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sportloket.conf.urls"
WSGI_APPLICATION = "sportloket.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "sportloket.core.context_processors.desk",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default; DATABASE_URL=postgres://… selects PostgreSQL.
DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = sqlite_options()
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(postgresql_options())
# Connections are kept between requests, on SQLite too: opening one there runs the PRAGMAs and
# reads the schema again, which cost a bare page two thirds of its time (issue 19).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits count in the cache (failed sign-ins and second-factor codes through allauth, the
# public question form through core.ratelimit), so it must be one that every server process
# shares and a restart keeps: by default a table in the database, made by `migrate` (core's
# migration 0006). CACHE_URL (e.g. redis://…) replaces it. The check sportloket.W001 warns of a
# cache in one process's memory.
CACHE_URL = env.str("CACHE_URL", default="")
CACHES = {
    "default": env.cache_url_config(CACHE_URL)
    if CACHE_URL
    else {
        "BACKEND": "sportloket.core.cache.DatabaseCache",
        "LOCATION": "sportloket_cache",
        # Past MAX_ENTRIES the cache drops a third of its entries, running counts among them:
        # room enough that a flood of distinct addresses cannot push the others' counts out.
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out account before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"

ACCOUNT_ADAPTER = "sportloket.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"  # accounts are created by a coordinator, not by sign-up
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Sportloket] "
# Failed passwords lock the account through django-axes (below, 5 attempts, stored in the
# database). allauth's own counter also guards the second step: at most 6 wrong TOTP or recovery
# codes per account per 15 minutes, and 10 failures per minute from one address. Its key limit
# sits one above axes's, so that for passwords the axes lockout page is what people see.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,6/900s/key"}
# Behind a TLS proxy, the client's address is the last-but-N entry of X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("PROXY_COUNT", default=0)

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Sportloket"
MFA_RECOVERY_CODE_COUNT = 10
# A code from the period just before or after is accepted too (RFC 6238 advises one step for
# clock drift and the seconds it takes to type): a code typed at the turn of a period works.
MFA_TOTP_TOLERANCE = 1
# Coordinators and supporters must use a second factor. It can be switched off for local demo
# use only: whenever DEBUG is false it is on, whatever the environment says.
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED", default=True) or not DEBUG

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Lock the account, not the network: desk staff often share one office IP address, and a lock
# per IP would shut out a whole municipality after one colleague's typos. Attacks spread over
# many accounts from one address are throttled by allauth's per-IP login rate limit (30/min).
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "sportloket.accounts.lockout.username_from_request"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_VERBOSE = False
SILENCED_SYSTEM_CHECKS = ["axes.W006"]  # see AXES_LOCKOUT_PARAMETERS

# --- Background jobs ------------------------------------------------------------------------
# Django's tasks framework (the django-tasks backport) on its database backend: a task is a row
# written in the transaction that enqueues it, run by `manage.py db_worker` (docs/deploy.md).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "mail"],
    }
}
EXPORT_NOW_LIMIT = env.int("EXPORT_NOW_LIMIT", default=5000)  # more rows: a job (jobs.exports)

# --- Mail -----------------------------------------------------------------------------------
# Every e-mail is a row of django-mailer's queue, written in the transaction of the change that
# causes it (a rollback sends nothing), plus a task that the worker runs to deliver it through
# the server EMAIL_URL names, retried with backoff while that server is away (sportloket.jobs).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
MAILER_EMAIL_BACKEND = EMAIL_CONFIG.pop("EMAIL_BACKEND")
vars().update(EMAIL_CONFIG)
# A mail server that hangs must not hold a worker (and, on SQLite, the write lock) for ever: the
# delivery gives up after this many seconds and is tried again later.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
EMAIL_BACKEND = "sportloket.jobs.mail.QueuedEmailBackend"
# Each message has its own delivery task, claimed by one worker; the row lock of django-mailer
# keeps two workers on PostgreSQL from sending it twice. Its file lock would make a second worker
# skip the queue instead of waiting, so it is off.
MAILER_USE_FILE_LOCK = False
MAILER_ERROR_HANDLER = "sportloket.jobs.tasks.defer_on_failure"
# Seconds between attempts to deliver an e-mail while the mail server is away (the last one
# repeats): nine tries in the first hour, then hourly, for about two days.
MAIL_RETRY_DELAYS = env.list(
    "MAIL_RETRY_DELAYS", cast=int, default=[30, 60, 120, 300, 600, 900, 1200, 1800, 3600]
)
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=50)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Sportloket <noreply@sportloket.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Days the Dutch way, "6 dec. 2026" (sportloket.core.dates).
FORMAT_MODULE_PATH = ["sportloket.conf.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"

# --- Security -------------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
CSRF_FAILURE_VIEW = "sportloket.core.errors.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Uploads: a form's fields without files may hold 2.5 MB; a file of up to 1 MB is kept in
# memory, a larger one streams to a temporary file. A request beyond the largest upload any form
# accepts (core.uploads.LARGEST_UPLOAD_BYTES) is read through without keeping its files, and
# the form says the file is too large. Each form checks its own limit by size, before reading.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 1_048_576
FILE_UPLOAD_HANDLERS = [
    "sportloket.core.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# A load balancer's health check asks over plain HTTP and takes a redirect for a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Audit trail ----------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- The public question form ----------------------------------------------------------------
# A form sent back faster than this many seconds was not filled in by a person (spam protection
# without a captcha). Browser tests set it to 0 rather than wait.
INTAKE_MIN_FILL_SECONDS = env.int("INTAKE_MIN_FILL_SECONDS", default=3)

# --- Desk defaults --------------------------------------------------------------------------
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="sportloket-demo")

FORM_RENDERER = "sportloket.core.forms_renderer.SiteFormRenderer"
