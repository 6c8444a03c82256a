"""CityBridge settings: one file, driven by environment variables.

Every variable is optional for development. In production set CITYBRIDGE_ENV=production,
DATABASE_URL, CITYBRIDGE_SECRET_KEY and CITYBRIDGE_ALLOWED_HOSTS.
"""

import datetime as dt
import os
import re
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from citybridge import formats

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("CITYBRIDGE_VAR_DIR", BASE_DIR.parent / "var"))


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "", *, choices: tuple[str, ...] = ()) -> str:
    value = os.environ.get(name, default)
    if choices and value not in choices:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not one of {', '.join(choices)}: set it to one of them or unset it."
        )
    return value


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no setting. A value that is neither (a typo like "treu") stops the start-up
    instead of quietly meaning "no"."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a yes/no value: use one of 1, true, yes, on or 0, false, no, off."
        )
    return word in TRUE_WORDS


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole number of at least `minimum`; unset or empty takes the default."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} is below its least value, {minimum}.")
    return number


def secret_key() -> str:
    """The key from the environment, or one generated into var/ on first run (never committed)."""
    if key := env_str("CITYBRIDGE_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


PRODUCTION = (
    env_str("CITYBRIDGE_ENV", "development", choices=("development", "production")) == "production"
)
DEBUG = env_bool("CITYBRIDGE_DEBUG", default=not PRODUCTION)
SECRET_KEY = secret_key()
ALLOWED_HOSTS = env_list("CITYBRIDGE_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CITYBRIDGE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "rosetta",
    # The API's documentation page from the swagger-ui files in the package, not from a CDN.
    "ninja",
    "citybridge.accounts",
    "citybridge.network",
    "citybridge.jobs",
    "citybridge.engagement",
    "citybridge.needs",
    "citybridge.practices",
    "citybridge.support",
    "citybridge.advocacy",
    "citybridge.checkin",
    "citybridge.reports",
    "citybridge.imports",
    "citybridge.matching",
    "citybridge.mail",
    "citybridge.operations",
    "citybridge.api",
    "citybridge.calendars",
    "citybridge.demo",
]

MIDDLEWARE = [
    # First: every log line written while serving a request names it (operations.logs).
    "citybridge.operations.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "citybridge.accounts.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: the saved language is the user's, the default their hub's.
    "citybridge.network.middleware.LanguageMiddleware",
    "citybridge.network.middleware.NameScriptMiddleware",
    "citybridge.accounts.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "citybridge.accounts.middleware.MFARequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: signing out an idle session says why on the sign-in page.
    "citybridge.network.middleware.IdleSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A change made on a page asks the worker to count the hub's home again (operations.homes).
    "citybridge.operations.homes.RefreshAfterChangeMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by the backend into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "citybridge.urls"
WSGI_APPLICATION = "citybridge.wsgi.application"

# Widgets render through the site's template engine, so templates/django/forms/ can mark long
# selects for the searchable picker (static/citybridge/site.js) and give each option its key.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "citybridge.accounts.context_processors.navigation",
                "citybridge.network.context_processors.hub_menu",
                "citybridge.accounts.context_processors.languages",
            ],
            # `name`/`names`: people's and places' names in the reader's script, on every page.
            "builtins": ["citybridge.network.templatetags.names"],
        },
    },
]


def database() -> dict[str, Any]:
    if url := env_str("DATABASE_URL"):
        return dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "citybridge.sqlite3",
        "OPTIONS": {
            # IMMEDIATE: concurrent writers queue on the lock instead of failing mid-transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


DATABASES = {"default": database()}


def cache(url: str) -> dict[str, Any]:
    """CITYBRIDGE_CACHE_URL -> Django's cache: `redis://host:6379/N` (RedisCache, shared by every
    web and worker process of every machine), `db://` (a table in the database: shared too, no
    other service) or `locmem://` (each process its own: only for one process or development)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url == "db://":
        # The table is made by operations' migration, so `citybridge migrate` is enough.
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cb_cache"}
    if url == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(
        f"CITYBRIDGE_CACHE_URL={url!r} is not redis://host:port/N, db:// or locmem://."
    )


# Each process keeps its own cache unless CITYBRIDGE_CACHE_URL names a shared one (Redis, or
# db:// for a table): a database-table default made the load test's home answer 500 under 25
# users on SQLite and on PostgreSQL, not yet understood on PostgreSQL.
CACHE_URL = env_str("CITYBRIDGE_CACHE_URL", "locmem://")
CACHES = {"default": cache(CACHE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # The rest only read older hashes; each is upgraded to Argon2 at its next sign-in.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Sign-in lockout, counted two ways within the cool-off: 5 failures for one account (from any
# addresses) lock that account, and 5 failures from one address (for any accounts) lock that
# address, each for 15 minutes. So neither many addresses against one account nor one address
# spraying many accounts gets more than 5 tries; failures older than 15 minutes no longer count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind reverse proxies the lockout must see the client, not the proxy: the number of proxies
# of our own in front of the app, whose X-Forwarded-For entries are believed (accounts.client_ip).
# 0, the default, ignores the header: without a proxy anyone could write it.
TRUSTED_PROXIES = env_int("CITYBRIDGE_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "citybridge.accounts.client_ip.client_ip"

# Multi-factor sign-in (TOTP with recovery codes) for hub admins and officers: on by default in
# production, off in development so the demo users sign in with their password alone.
MFA_REQUIRED = env_bool("CITYBRIDGE_MFA_REQUIRED", default=PRODUCTION)
OTP_TOTP_ISSUER = "CityBridge"

# Background jobs (confirmed imports, publishing a brief) are rows in the database that a separate
# worker process runs (`citybridge db_worker`): a restart of the web processes loses none of them.
# CITYBRIDGE_TASKS_IMMEDIATE=1 runs each job inside its request instead, with no worker at all.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("CITYBRIDGE_TASKS_IMMEDIATE")
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# The map's country outlines, fetched by `make` from the npm registry into the checkout's var/
# (not CITYBRIDGE_VAR_DIR: a deployment's data directory need not hold set-up files).
# A wheel carries them inside the package (setup.py's build hook), so a pip-installed copy
# draws the same map; a checkout reads the copy `make` fetched.
PACKAGED_MAP_DATA = BASE_DIR / "reports/graphics/data/countries-50m.json"
MAP_DATA = Path(
    env_str(
        "CITYBRIDGE_MAP_DATA",
        str(
            PACKAGED_MAP_DATA
            if PACKAGED_MAP_DATA.is_file()
            else BASE_DIR.parent / "var/world-atlas/countries-50m.json"
        ),
    )
)
# Every erasure is also written here, outside the database, so `citybridge restore` of an older
# backup erases those people again (network.ledger). Keep it beside the backups, never in them.
ERASURE_LEDGER = Path(env_str("CITYBRIDGE_ERASURE_LEDGER", str(VAR_DIR / "erasure-ledger.jsonl")))

# E-mail (set-password and password-reset links, the weekly digest) through Django's own mail
# settings. With CITYBRIDGE_SMTP_HOST set, a real SMTP server (STARTTLS on 587 by default); without
# it, development prints each message on the console, and production sends nothing: the hub admin
# is then shown set-password links to pass on, as before, and a deployment check says so. Never
# the console in production: it would write links and addresses into the service's log.
SMTP_HOST = env_str("CITYBRIDGE_SMTP_HOST").strip()
EMAIL_CONFIGURED = bool(SMTP_HOST) or not PRODUCTION
if SMTP_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif PRODUCTION:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = SMTP_HOST or "localhost"
SMTP_SECURITY = env_str("CITYBRIDGE_SMTP_SECURITY", "starttls", choices=("starttls", "ssl", "none"))
EMAIL_PORT = env_int(
    "CITYBRIDGE_SMTP_PORT", {"starttls": 587, "ssl": 465, "none": 25}[SMTP_SECURITY], minimum=1
)
if EMAIL_PORT > 65535:
    raise ImproperlyConfigured(
        f"CITYBRIDGE_SMTP_PORT={os.environ['CITYBRIDGE_SMTP_PORT']!r} is not a port (1 to 65535)."
    )
EMAIL_USE_TLS = SMTP_SECURITY == "starttls"
EMAIL_USE_SSL = SMTP_SECURITY == "ssl"
EMAIL_HOST_USER = env_str("CITYBRIDGE_SMTP_USER")
EMAIL_HOST_PASSWORD = env_str("CITYBRIDGE_SMTP_PASSWORD")
EMAIL_TIMEOUT = 20  # seconds: a server that does not answer fails the send, not the worker


def public_host() -> str:
    """The first allowed host that is a domain name ('.example.org' -> 'example.org')."""
    names = (h.lstrip(".") for h in ALLOWED_HOSTS)
    return next((h for h in names if "." in h.strip("0123456789.") and "*" not in h), "")


def from_email() -> str:
    """The sender of every message: CITYBRIDGE_FROM_EMAIL ("CityBridge <hub@example.org>" or a
    bare address), or citybridge@ the first allowed host."""
    from email.utils import parseaddr

    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    host = public_host() or "localhost"
    value = env_str("CITYBRIDGE_FROM_EMAIL", f"CityBridge <citybridge@{host}>").strip()
    try:
        validate_email(parseaddr(value)[1])
    except ValidationError:
        raise ImproperlyConfigured(
            f"CITYBRIDGE_FROM_EMAIL={value!r} is not an e-mail address: use hub@example.org "
            "or 'CityBridge <hub@example.org>'."
        ) from None
    return value


DEFAULT_FROM_EMAIL = from_email()
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def site_url() -> str:
    """Where the links in e-mails sent without a request (the weekly digest) point: the address
    people open CityBridge at, e.g. https://citybridge.example.org."""
    from urllib.parse import urlsplit

    host = public_host()
    default = f"https://{host}" if PRODUCTION and host else "http://127.0.0.1:8000"
    value = env_str("CITYBRIDGE_SITE_URL", default).strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
        raise ImproperlyConfigured(
            f"CITYBRIDGE_SITE_URL={value!r} is not a site address: use e.g. "
            "https://citybridge.example.org (no path)."
        )
    return value


SITE_URL = site_url()

# The hub's IATI organisation identifier (e.g. "NO-BRC-123456789"), the reporting organisation of
# the IATI activity file (support.iati); unset, the file carries a stand-in to replace before
# publishing to the IATI Registry.
IATI_ORGANISATION_ID = env_str("CITYBRIDGE_IATI_ORG_ID").strip()
if IATI_ORGANISATION_ID and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", IATI_ORGANISATION_ID):
    raise ImproperlyConfigured(
        f"CITYBRIDGE_IATI_ORG_ID={IATI_ORGANISATION_ID!r} is not an IATI organisation identifier: "
        "letters, digits, '-', '.' and '_' only, e.g. NO-BRC-123456789."
    )

# Attendance identifiers older than this may be pseudonymised (`citybridge people pseudonymise`).
RETENTION_DAYS = env_int("CITYBRIDGE_RETENTION_DAYS", 1825, minimum=1)

# Scheduled duties (`citybridge run_due`, operations.schedule): finished jobs with their problem
# lists are removed after JOB_RETENTION_DAYS; a backup of the database and the uploaded files is
# written into BACKUP_DIR each night and the newest BACKUP_KEEP are kept.
JOB_RETENTION_DAYS = env_int("CITYBRIDGE_JOB_RETENTION_DAYS", 30, minimum=1)
BACKUP_DIR = Path(env_str("CITYBRIDGE_BACKUP_DIR", str(VAR_DIR / "backups")))
BACKUP_KEEP = env_int("CITYBRIDGE_BACKUP_KEEP", 14, minimum=1)
# The health page (/health/) fails when the data directory has less room than this, in MB.
HEALTH_MIN_FREE_MB = env_int("CITYBRIDGE_HEALTH_MIN_FREE_MB", 1000)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface's languages, each written in its own name: only languages with a catalog in
# citybridge/locale/ (a test holds it), so no page is ever half in one and half in another.
# Montenegrin readers choose among Serbian (either script), Bosnian and Croatian (README).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("sq", "Shqip"),
    ("sr", "Српски (ћирилица)"),
    ("sr-latn", "Srpski (latinica)"),
    ("mk", "Македонски"),
    ("bs", "Bosanski"),
    ("hr", "Hrvatski"),
]
# The interface's catalogs first (makemessages writes there), then the month abbreviations of
# the date formats (citybridge.formats), which override only Django's own.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "formats" / "locale"]
# Hub admins correct a translation at /translations/ (django-rosetta): it writes the .po beside
# the code and compiles the .mo; web processes read it after their next restart (README).
ROSETTA_ACCESS_CONTROL_FUNCTION = "citybridge.accounts.scopes.may_translate"
ROSETTA_STORAGE_CLASS = "rosetta.storage.SessionRosettaStorage"
ROSETTA_MESSAGES_SOURCE_LANGUAGE_NAME = "English"
ROSETTA_SHOW_AT_ADMIN_PANEL = False
ROSETTA_LOGIN_URL = "/accounts/login/"
# Each language writes dates its own way ("8 Dec 2022", "8. дец 2022.", "8 дек. 2022"): the
# language modules under citybridge/formats/ carry it, since the active language's formats win
# over these settings; these name the English values for code that reads settings directly.
FORMAT_MODULE_PATH = ["citybridge.formats"]
DATE_FORMAT = formats.DATE_FORMAT
DATETIME_FORMAT = formats.DATETIME_FORMAT
SHORT_DATE_FORMAT = formats.SHORT_DATE_FORMAT
SHORT_DATETIME_FORMAT = formats.SHORT_DATETIME_FORMAT
TIME_FORMAT = formats.TIME_FORMAT
DATE_INPUT_FORMATS = formats.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = formats.DATETIME_INPUT_FORMATS
TIME_ZONE = "Europe/Belgrade"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
if PRODUCTION:
    # `citybridge collectstatic` writes hashed, compressed copies; WhiteNoise serves them from
    # the web processes with far-future caching, right after the security headers and before
    # sessions and auth are touched. Development serves the files as they are (runserver).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
MEDIA_ROOT = VAR_DIR / "media"
# Never served as such: every uploaded file goes out through a view that checks who may read it
# (practices' resource_download), streamed by the web process or, behind nginx or Apache, sent
# by the proxy from an internal location (lib.file_responses, deploy/nginx.conf).
MEDIA_URL = "/media/"
FILE_SENDER = env_str("CITYBRIDGE_FILE_SENDER", "", choices=("", "nginx", "apache"))
FILE_SENDER_PREFIX = env_str("CITYBRIDGE_FILE_SENDER_PREFIX", "/protected-files/")

# Form fields other than files; uploaded files are limited by the IMPORT_ settings below.
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# An uploaded file larger than this waits in a temporary file on disk, not in the web process's
# memory (Django's default): a 20 MB sheet is streamed to the uploads folder, never held whole.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Imports from the pages (sign-in sheets, members, engagements, practices): the largest file,
# and the most all the files of one upload may weigh together, in MB (10^6 bytes). The reader
# itself never takes a file over 20 MB (lib.spreadsheets.MAX_FILE_BYTES). Keep the proxy's
# body limit a little above the total.
IMPORT_MAX_FILE_BYTES = env_int("CITYBRIDGE_IMPORT_MAX_FILE_MB", 20, minimum=1) * 1_000_000
IMPORT_MAX_UPLOAD_BYTES = env_int("CITYBRIDGE_IMPORT_MAX_UPLOAD_MB", 25, minimum=1) * 1_000_000
# An upload of more than this many bytes (all its files together) is previewed by the
# background worker with its progress on the job's page; smaller ones in the request, at once.
IMPORT_PREVIEW_IN_REQUEST_BYTES = (
    env_int("CITYBRIDGE_IMPORT_PREVIEW_IN_REQUEST_KB", 1000, minimum=1) * 1000
)

# The API (citybridge.api): requests a minute per personal access token.
API_RATE_PER_MINUTE = env_int("CITYBRIDGE_API_RATE_PER_MINUTE", 120, minimum=1)

SESSION_COOKIE_HTTPONLY = True
# A session ends after the idle time its hub sets (Hub.idle_timeout_minutes, 30 by default;
# network.middleware) and, however active, this many hours after signing in.
SESSION_MAX_HOURS = env_int("CITYBRIDGE_SESSION_MAX_HOURS", 12, minimum=1)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
# Inline style attributes and <style> blocks are used by templates and htmx; scripts only from
# our own origin, and no page may be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("CITYBRIDGE_SSL_REDIRECT", default=True)
    # A monitor on the machine itself asks over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Production writes one JSON object a line (operations.logs), each naming its request or job;
# development the plain text a person reads in a terminal. CITYBRIDGE_LOG_FORMAT chooses.
LOG_FORMAT = env_str(
    "CITYBRIDGE_LOG_FORMAT", "json" if PRODUCTION else "text", choices=("json", "text")
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "citybridge.operations.logs.ContextFilter"}},
    "formatters": {
        "json": {"()": "citybridge.operations.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context"],
        }
    },
    "root": {
        "handlers": ["console"],
        "level": env_str(
            "CITYBRIDGE_LOG_LEVEL",
            "WARNING",
            choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"),
        ),
    },
}
