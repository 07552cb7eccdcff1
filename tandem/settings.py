"""Tandem's settings, read from environment variables (see the README's configuration reference)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tandem.lib.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("TANDEM_DATA_DIR", str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "dev-only-insecure-secret-key-do-not-use-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
if SECRET_KEY == _DEV_SECRET and not set(ALLOWED_HOSTS) <= _LOOPBACK:
    # The demo's key is public (it is in this file): anyone could sign sessions and links with it.
    raise ImproperlyConfigured(
        "The development SECRET_KEY only serves 127.0.0.1 and localhost; set SECRET_KEY to serve "
        + ", ".join(sorted(set(ALLOWED_HOSTS) - _LOOPBACK))
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "tandem.errors.csrf_failure"  # an expired page, said in the visitor's language
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "huey.contrib.djhuey",
    "tandem.lib",
    "tandem.accounts",
    "tandem.audit",
    "tandem.outbox",
    "tandem.programs",
    "tandem.requirements",
    "tandem.applications",
    "tandem.intake",
    "tandem.screening",
    "tandem.pairs",
    "tandem.mentoring",
    "tandem.jobs",
    "tandem.gatherings",
    "tandem.mfa",
    "tandem.health",
    "tandem.privacy",
    "tandem.followup",
    "tandem.reports",
    "tandem.handbook",
    "tandem.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tandem.accounts.middleware.UserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tandem.accounts.middleware.StaffSessionTimeoutMiddleware",
    "tandem.mfa.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
    "tandem.lib.middleware.PrivacyHeadersMiddleware",
]

ROOT_URLCONF = "tandem.urls"
WSGI_APPLICATION = "tandem.wsgi.application"

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
            ],
            "builtins": ["django.templatetags.i18n", "tandem.lib.templatetags.tandem_format"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        raise ImproperlyConfigured("Use TANDEM_DATA_DIR for SQLite; DATABASE_URL is for PostgreSQL")
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(DATA_DIR / "tandem.sqlite3")),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait (busy timeout)
                # instead of failing half-way with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
            "TEST": {"NAME": str(DATA_DIR / "test.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "tandem.accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    # Django's list of 20,000 common passwords and our own Swedish and English ones (accounts/data/).
    {"NAME": "tandem.accounts.validators.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "programs:list"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14, minimum=1)
# How long a participant (mentor or mentee) stays signed in to their space on a device after a sign-in link.
PARTICIPANT_SESSION_DAYS = env_int("PARTICIPANT_SESSION_DAYS", 30, minimum=1)
# How long the "withdraw consent" link in an e-mail footer works (privacy.withdrawal).
WITHDRAWAL_LINK_DAYS = env_int("WITHDRAWAL_LINK_DAYS", 180, minimum=1)

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out login opens again after 15 minutes
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "tandem.lib.clientip.client_ip"  # the same address as every rate limit
# Axes pauses one address + one computer; this pauses one computer trying many addresses (15 minutes).
LOGIN_CLIENT_FAILURE_LIMIT = env_int("LOGIN_CLIENT_FAILURE_LIMIT", 30, minimum=1)
# Password-reset e-mails per hour to one address, and requests per hour from one computer.
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 3, minimum=1)
PASSWORD_RESET_CLIENT_RATE_LIMIT = env_int("PASSWORD_RESET_CLIENT_RATE_LIMIT", 20, minimum=1)
# A signed-in staff member is logged out after this many minutes without a request, and this many hours
# after logging in whatever they do (0 turns either off).
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30, minimum=0)
SESSION_ABSOLUTE_LIFETIME = env_int("SESSION_ABSOLUTE_LIFETIME", 12, minimum=0)
# Second factor (tandem/mfa): wrong codes one person may type in 15 minutes, and from one computer.
MFA_CODE_ATTEMPT_LIMIT = env_int("MFA_CODE_ATTEMPT_LIMIT", 5, minimum=1)
MFA_CLIENT_ATTEMPT_LIMIT = env_int("MFA_CLIENT_ATTEMPT_LIMIT", 30, minimum=1)
OTP_TOTP_ISSUER = "Tandem"
# django-otp's own back-off per device would refuse even a right code a moment after a wrong one; the
# limits above count wrong codes instead (tandem/lib/throttle.py), with a clear message.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "sv"
FORMAT_MODULE_PATH = ["tandem.formats"]  # English dates with the day first (tandem/formats/en)
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Off: numbers printed in templates include ids (row ids, form values); amounts group explicitly (|sek).
USE_THOUSAND_SEPARATOR = False

# Applicants may use these languages out of the box (staff pages stay in LANGUAGES); a coordinator can
# translate a form into any further language.
APPLICANT_LANGUAGES = [
    ("sv", "Svenska"),
    ("sv-easyread", "Lättläst svenska"),  # easy-read Swedish: tandem/reference/languages.py EASY_SWEDISH
    ("en", "English"),
    ("ar", "العربية"),
]
# Submissions per hour for one e-mail address before the form says "wait".
APPLICATION_RATE_LIMIT = env_int("APPLICATION_RATE_LIMIT", 5, minimum=1)
# Submissions per hour from one client address: a whole SFI class or library shares one. A coordinator can
# raise it for an event on the form's settings page.
APPLICATION_ADDRESS_RATE_LIMIT = env_int("APPLICATION_ADDRESS_RATE_LIMIT", 60, minimum=1)
# CV uploads per hour from one IP address, per applicant's session, and the room all CVs of drafts not
# (yet) sent may take together; past these the form asks to wait (or to go on without a CV).
CV_UPLOAD_RATE_LIMIT = env_int("CV_UPLOAD_RATE_LIMIT", 10, minimum=1)
CV_UPLOADS_PER_SESSION = env_int("CV_UPLOADS_PER_SESSION", 5, minimum=1)
CV_UNSENT_QUOTA_MB = env_int("CV_UNSENT_QUOTA_MB", 500, minimum=1)
# Uploads as large as the proxy lets through (about 10 MB, see the README) stay in memory while they are
# checked (the CSRF check reads the body first): a refused upload never reaches the disk, a full disk
# cannot fail the reading.
FILE_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
# How many reverse proxies of our own stand in front of Tandem; each appends to X-Forwarded-For.
# 0 (the default): the header is never trusted and the client is the connection's peer.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)

# --- Private files (CVs): outside every web root, served only through views that check access ---
PRIVATE_STORAGE_DIR = DATA_DIR / "private"

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]  # tandem/static belongs to no app, so list it
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

# --- The audit log ---------------------------------------------------------------------------
# How long staff's views, exports and decisions stay in the audit log: three years by default. That
# covers a participant's whole time in Tandem (application, up to two years of program, and the
# months until their data is anonymised), so a breach found late can still be traced; and it is not
# kept for ever, since the log is personal data about the staff. Events older than this are deleted
# nightly (tandem.audit.tasks).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 3 * 365, minimum=30)

# --- E-mail: every message goes to the outbox; the worker delivers it -----------------------
EMAIL_BACKEND = "tandem.outbox.backend.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = env_str(
    "OUTBOX_DELIVERY_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend",
)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 6, minimum=1)
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 60, minimum=1)
OUTBOX_CLAIM_TIMEOUT_SECONDS = env_int("OUTBOX_CLAIM_TIMEOUT_SECONDS", 600, minimum=30)
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 90, minimum=1)
# Messages a second one worker process sends at most (0: no cap), for SMTP servers that need one.
OUTBOX_RATE_LIMIT = env_float("OUTBOX_RATE_LIMIT", 0.0, minimum=0)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(DATA_DIR / "sent-mail"))  # for the file backend (demo)
EMAIL_HOST = env_str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 1025, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tandem <tandem@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background jobs and the cache ----------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # Shared by every web process on the machine, unlike the default per-process memory cache.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", False)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.PriorityRedisHuey",
        "name": env_str("HUEY_NAME", "tandem"),
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "tandem",
        "filename": env_str("HUEY_SQLITE_PATH", str(DATA_DIR / "huey.sqlite3")),
        "immediate": HUEY_IMMEDIATE,
    }
HUEY["consumer"] = {"workers": env_int("HUEY_WORKERS", 2, minimum=1), "worker_type": "thread"}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# The session cookie lives as long as a staff session may (participants' space sessions set their own).
SESSION_COOKIE_AGE = 60 * 60 * (SESSION_ABSOLUTE_LIFETIME or 12)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is each organisation's own choice for its domain (and hard to undo), not a default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    if env_bool("BEHIND_HTTPS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): our own files only, no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws its icons from data: URLs in its CSS
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page of Tandem uses (set on every response by tandem.lib.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)

# --- Logging: no personal data in logs ------------------------------------------------------
# Our own log lines name ids, never names or e-mail addresses; django.request logs only errors and
# axes only warnings, so that routine lines about requests and log-ins stay out of the log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "huey": {"level": "INFO", "handlers": ["console"], "propagate": False},  # run_huey adds none then
    },
}
