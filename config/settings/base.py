"""Settings shared by every environment.

Production differs from development only by environment variables
(``SECRET_KEY``, ``DATABASE_URL``, ``REDIS_URL``, ``ALLOWED_HOSTS``, …).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before django.contrib.auth: its createsuperuser and changepassword are the audited ones.
    "renda.accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "renda.core",
    "renda.people",
    "renda.portal",
    "renda.meetings",
    "renda.voting",
    "renda.casework",
    "renda.suggestions",
    "renda.supervision",
    "renda.filings",
    "renda.decisions",
    "renda.deputies",
    "renda.appointments",
    "renda.legislation",
    "renda.budget",
    "renda.compliance",
    "renda.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "renda.core.middleware.RequestSizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "renda.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "renda.core.middleware.ContentSecurityPolicyMiddleware",
    "renda.core.middleware.DomainErrorMiddleware",
    "renda.core.middleware.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "renda" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "renda.core.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"


def database_from_env() -> dict:
    """Return the default database: ``DATABASE_URL`` if set, else SQLite in WAL mode."""
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        return config
    path = os.environ.get("SQLITE_PATH", str(BASE_DIR / "var" / "renda.sqlite3"))
    # FULL: an acknowledged write (a vote, a reply) survives a power failure, not only a crash
    # of the process. NORMAL is faster and may lose the last writes on power loss; the cost of
    # FULL is measured in docs/performance.md.
    synchronous = os.environ.get("SQLITE_SYNCHRONOUS", "FULL").upper()
    if synchronous not in {"FULL", "EXTRA", "NORMAL"}:
        raise ImproperlyConfigured("SQLITE_SYNCHRONOUS must be FULL, EXTRA or NORMAL.")
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                f"PRAGMA synchronous={synchronous};"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
                "PRAGMA cache_size=-20000;"
            ),
        },
    }


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "renda.accounts.backends.LockoutModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "renda.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Login throttling (see docs/security.md). Failures are counted per client address and per
# account. An address with LOGIN_ADDRESS_MAX_FAILURES failures within LOGIN_ADDRESS_WINDOW_MINUTES
# is refused (HTTP 429) until the window ends. An account with LOGIN_MAX_FAILURES consecutive
# failures (from any addresses) is held for LOGIN_ACCOUNT_DELAY_SECONDS: a short delay, not a
# hard lock, and never from an address in LOGIN_TRUSTED_NETWORKS (comma-separated CIDR
# networks of the offices, e.g. "10.20.0.0/16,192.168.8.0/24"; empty by default).
# LOGIN_LOCKOUT_MINUTES is kept for old deployments and no longer used.
LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", "10"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
LOGIN_ACCOUNT_DELAY_SECONDS = int(os.environ.get("LOGIN_ACCOUNT_DELAY_SECONDS", "60"))
LOGIN_ADDRESS_MAX_FAILURES = int(os.environ.get("LOGIN_ADDRESS_MAX_FAILURES", "5"))
LOGIN_ADDRESS_WINDOW_MINUTES = int(os.environ.get("LOGIN_ADDRESS_WINDOW_MINUTES", "15"))
LOGIN_TRUSTED_NETWORKS = [
    net.strip() for net in os.environ.get("LOGIN_TRUSTED_NETWORKS", "").split(",") if net.strip()
]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "renda" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Stored files are never served as /media/: /files/… checks who may see the owning record,
# then streams the file, or (FILES_X_ACCEL) hands it to nginx's internal /protected-media/.
FILES_X_ACCEL = False
FILES_X_ACCEL_PREFIX = "/protected-media/"
# Request bodies: JSON/form bodies (base64 filing of 20 MB fits), multipart streams to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
UPLOAD_MAX_REQUEST_BYTES = 60 * 1024 * 1024
# Upload limits per purpose (bytes) and limits on the real content of documents.
UPLOAD_LIMITS = {
    "reply_letter": 20 * 1024 * 1024,
    "filing_text": 20 * 1024 * 1024,
    "meeting_document": 20 * 1024 * 1024,
    "decision_material": 20 * 1024 * 1024,
    "budget_workbook": 50 * 1024 * 1024,
}
UPLOAD_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
UPLOAD_MAX_MEMBERS = 2000
UPLOAD_MAX_RATIO = 100
UPLOAD_MAX_PDF_PAGES = 2000
# Reading the text of a filed document runs in the request: refused past this many seconds.
UPLOAD_MAX_EXTRACT_SECONDS = int(os.environ.get("UPLOAD_MAX_EXTRACT_SECONDS", "15"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "renda@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The public rate limit on anonymous forms (requests per minute per address).
PUBLIC_FORM_RATE_PER_MINUTE = int(os.environ.get("PUBLIC_FORM_RATE_PER_MINUTE", "10"))

# Paths of the Popolo schemas used to validate open-data exports in tests.
RENDA_SITE_NAME = os.environ.get("RENDA_SITE_NAME", "")

# Audit anchoring (see docs/deployment.md): the head of the audit chain is signed every
# AUDIT_ANCHOR_INTERVAL_SECONDS with an Ed25519 key kept outside the database and appended to a
# JSON-lines file outside the database. Back both up separately from the database.
AUDIT_ANCHOR_KEY_FILE = os.environ.get(
    "AUDIT_ANCHOR_KEY_FILE", str(BASE_DIR / "var" / "audit-anchor" / "anchor-key.pem")
)
AUDIT_ANCHOR_FILE = os.environ.get(
    "AUDIT_ANCHOR_FILE", str(BASE_DIR / "var" / "audit-anchor" / "anchors.jsonl")
)
AUDIT_ANCHOR_INTERVAL_SECONDS = int(os.environ.get("AUDIT_ANCHOR_INTERVAL_SECONDS", "3600"))

#: Letters one network address may send to deputies in an hour through the public site
#: (besides the per-minute limit of every public form).
VOTER_MESSAGES_PER_HOUR = int(os.environ.get("VOTER_MESSAGES_PER_HOUR", "5"))
