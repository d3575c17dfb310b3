"""Settings, from the environment (12-factor); the defaults run the site on SQLite locally.

- ``DATABASE_URL``: e.g. postgres://postgres@127.0.0.1:5432/smewindow; default SQLite in var/.
- ``SMEWINDOW_SECRET_KEY``: required when ``SMEWINDOW_DEBUG`` is off.
- ``SMEWINDOW_DEBUG``: "1" for development (the default of ``scripts/start``).
- ``SMEWINDOW_ALLOWED_HOSTS``: comma-separated; default 127.0.0.1,localhost.
- ``SMEWINDOW_HTTPS``: "off" serves plain HTTP with DEBUG off (an intranet); default HTTPS-only.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext

# Lets Django's generic classes take their type arguments at run time too, as django-stubs
# has them (``admin.ModelAdmin[Mail]`` as a base class).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("SMEWINDOW_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database and collected static files

DEBUG = os.environ.get("SMEWINDOW_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("SMEWINDOW_SECRET_KEY") or (
    "development-only-not-secret" if DEBUG else ""
)
if not SECRET_KEY:
    raise RuntimeError("SMEWINDOW_SECRET_KEY must be set when SMEWINDOW_DEBUG is not 1")
ALLOWED_HOSTS = os.environ.get("SMEWINDOW_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI from its own static files, not a CDN (no internet)
    "smewindow.api",
    "smewindow.finder",
    "smewindow.catalog",
    "smewindow.netzero",
    "smewindow.ask",
    "smewindow.applications",
    "smewindow.desk",
    "smewindow.accounts",
    "smewindow.outbox",
    "axes",
    "csp",  # Content-Security-Policy (issue 13, below)
]
MIDDLEWARE = [
    "smewindow.web.requestid.RequestId",  # first: every log line and response has the id
    "smewindow.api.middleware.RefuseLargeBodies",
    "smewindow.api.middleware.JsonMethodNotAllowed",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "smewindow.accounts.middleware.NoFirmPage",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the 429 page
]
ROOT_URLCONF = "smewindow.web.urls"
WSGI_APPLICATION = "smewindow.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "smewindow.web.jinja.environment",
            "context_processors": ["smewindow.accounts.context.header_links"],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csrf",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'smewindow.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = [  # Argon2 for new passwords; the others still verify older hashes
    "smewindow.accounts.passwords.Argon2idHasher",  # Argon2id at OWASP's costs
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out identifier + IP
    "smewindow.accounts.backends.IdentifierBackend",  # e-mail, 統一編號 or username
]
AUTH_PASSWORD_VALIDATORS = [  # the error messages in Chinese and English
    {"NAME": "smewindow.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "smewindow.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "smewindow.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "smewindow.accounts.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/apply/"
"""After login without ``next``: the firm's applications (staff: their own page, see
``accounts.views.Login``)."""
LOGOUT_REDIRECT_URL = "/"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
"""Five failures of one identifier from one IP lock that pair for 15 minutes (docs/accounts.md)."""
AXES_USERNAME_CALLABLE = "smewindow.accounts.backends.axes_identifier"
AXES_LOCKOUT_CALLABLE = "smewindow.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "smewindow.throttle.client_ip"
SMEWINDOW_PROXY_COUNT = int(os.environ.get("SMEWINDOW_PROXY_COUNT", "0"))
"""Reverse proxies in front of the site: 0 = the client is REMOTE_ADDR; n = the n-th address
of X-Forwarded-For from the right (``throttle.client_ip``, for axes and the limits)."""
SMEWINDOW_SIGNUPS_PER_HOUR = int(os.environ.get("SMEWINDOW_SIGNUPS_PER_HOUR", "5"))
SMEWINDOW_MAILS_PER_HOUR = int(os.environ.get("SMEWINDOW_MAILS_PER_HOUR", "5"))
"""Sign-ups, and account mails asked for (verification again, password reset, e-mail change),
per client IP and clock hour; counted in Django's cache (the default, per process: see
docs/accounts.md for several workers)."""

LANGUAGE_CODE = "zh-hant"
LOCALE_PATHS = [Path(__file__).resolve().parents[1] / "locale"]
"""English translations of the pages; Chinese is the source language."""
LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"

MAX_BODY_BYTES = 64 * 1024
"""A request body larger than this is refused with 413 before it is read."""
MAX_UPLOAD_BODY_BYTES = 11 * 1024 * 1024
"""The limit on the pages that take files: a 10 MB list (``catalog.tables.MAX_FILE_BYTES``)
and its form."""
UPLOAD_PATH_PREFIXES = ("/admin/", "/apply/", "/desk/supervisor/campaigns/upload")
"""The pages that take files: the admin's list imports, the firms' documents (10 MB each,
``applications.uploads``) and the desk's registry screenings (10 MB, ``desk.outreach``)."""
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES
"""Form fields other than files; files go to FILE_UPLOAD_* and are never held whole."""

APPLICATION_UPLOAD_DIR = VAR_DIR / "uploads"
"""The applications' documents: outside the web root (STATIC_ROOT), served only through
``applications.views_firm.document`` to the firm and its reviewers."""

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
"""E-mail to firms (``accounts.mail``, ``applications.notifications``), always through the
outbox (``smewindow.outbox``): files under var/mail in development; for real delivery set
EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the SMTP settings below."""
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
"""Seconds a mail server may take to answer: the attempt right after a commit runs in the
request, and a server that hangs must not hold it for long."""
SMEWINDOW_MAIL_ATTEMPTS = int(os.environ.get("SMEWINDOW_MAIL_ATTEMPTS", "10"))
"""Attempts at one mail before the outbox gives up on it."""
SMEWINDOW_MAIL_RETRY_SECONDS = int(os.environ.get("SMEWINDOW_MAIL_RETRY_SECONDS", "60"))
"""The wait after a mail's first failure, doubled after each further one (60 s and 10
attempts: the last about 8.5 hours after the first)."""

# --- Issue 13, production by default: HTTPS, Content-Security-Policy, logging -------------
SMEWINDOW_HTTPS = not DEBUG and os.environ.get("SMEWINDOW_HTTPS", "on") != "off"
"""HTTPS-only unless DEBUG, or SMEWINDOW_HTTPS=off for a plain-HTTP intranet (README)."""
if SMEWINDOW_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    """The proxy in front terminates TLS and must set X-Forwarded-Proto (and strip the
    client's own)."""
    SECURE_HSTS_SECONDS = int(os.environ.get("SMEWINDOW_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
"""Only this site's own files: no inline script or style (templates use classes in site.css)."""

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "smewindow.web.requestid.RequestIdFilter"}},
    "formatters": {"json": {"()": "smewindow.web.logs.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request_id"],
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("SMEWINDOW_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "weasyprint": {"level": "WARNING"},  # its INFO is a line per step of every PDF
        "fontTools": {"level": "WARNING"},
    },
}
"""Every record, 500s with their traceback included, as one JSON line on stderr with the
request id (``web.requestid``); gunicorn and systemd/journald or docker keep stderr (README)."""

# Issue 13, accounts: invalid sign-ups are limited too; behind the TLS proxy, the client is
# X-Forwarded-For's last entry, so a lockout (identifier + client IP) hits one client only.
SMEWINDOW_SIGNUP_TRIES_PER_HOUR = int(os.environ.get("SMEWINDOW_SIGNUP_TRIES_PER_HOUR", "20"))
"""Sign-up forms posted per client IP and clock hour, valid or not (docs/accounts.md)."""
if SMEWINDOW_HTTPS and "SMEWINDOW_PROXY_COUNT" not in os.environ:
    SMEWINDOW_PROXY_COUNT = 1  # HTTPS-only means TLS ends at one proxy (README)
# --- end of issue 13, production by default -------------------------------------------------

# --- Issue 13: uploads, the PDF report's limit and a shared cache (Redis) ----------------
FILE_UPLOAD_TEMP_DIR = VAR_DIR / "upload-tmp"
"""Where Django spools uploads over 2.5 MB while they arrive (not /tmp): the files a killed
process leaves there are removed by ``manage.py clean_uploads``."""
FILE_UPLOAD_TEMP_DIR.mkdir(parents=True, exist_ok=True)
SMEWINDOW_REPORTS_PER_HOUR = int(os.environ.get("SMEWINDOW_REPORTS_PER_HOUR", "30"))
"""PDF reports (/results.pdf) rendered per client IP and clock hour; a report already in
the cache (same answers, date and language) is served without counting."""
REDIS_URL = os.environ.get("REDIS_URL", "")
"""e.g. redis://127.0.0.1:6379/0. Set it when more than one process or server runs the site:
the caches (limit counts, cached PDF reports) and django-axes' lockouts then live in Redis,
shared by every worker and server. Unset: per-process LocMemCaches, and axes counts in the
database."""
REPORT_CACHE_ENTRIES = 40
"""PDF reports (~0.5 MB each) kept per process without Redis: about 20 MB a worker."""
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
        for alias, prefix in (("default", "smewindow"), ("reports", "smewindow-reports"))
    }
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "reports": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "reports",
            "OPTIONS": {"MAX_ENTRIES": REPORT_CACHE_ENTRIES},
        },
    }
"""``default``: the limits (``throttle``) and axes with Redis; ``reports``: the
rendered PDF reports (``finder.views.results_report``), apart so that many large reports
never push the limit counts out of a LocMemCache."""

# --- Issue 14: the desk behind 0800-056-476 (smewindow.desk, docs/desk.md) ------------------
SMEWINDOW_DESK_RETENTION_DAYS = int(os.environ.get("SMEWINDOW_DESK_RETENTION_DAYS", "1095"))
"""Days after a case is closed before ``manage.py desk_erase_contacts`` erases its contact
details (name, phone, e-mail). 1095 days (3 years) by default: long enough to follow a
referral's outcome (a loan, a subsidy round) and answer the firm's later questions about it;
not set by any source (UNCONFIRMED), the agency's to decide. The consent notice states it."""
SMEWINDOW_DESK_QUESTIONS_PER_HOUR = int(os.environ.get("SMEWINDOW_DESK_QUESTIONS_PER_HOUR", "10"))
"""Questions sent through 「我要諮詢」 per client IP and clock hour (``throttle.over_limit``)."""
# Issue 14, the supervisor's outreach: screenings staged for a campaign (desk/outreach.py)
SMEWINDOW_OUTREACH_DIR = VAR_DIR / "outreach"
"""Registry screenings checked and kept for a day while a supervisor makes a campaign."""
