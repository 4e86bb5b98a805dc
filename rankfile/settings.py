"""rankfile settings: every value comes from the environment, with safe defaults for development.

Helpers fail loudly on a malformed value rather than guessing. In production
(``RANKFILE_ENV=production``) the development secret key and ``DEBUG`` are refused at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"
# A Fernet key (32 url-safe base64 bytes), for development only.
DEVELOPMENT_FIELD_KEY = "ZGV2ZWxvcG1lbnQtb25seS1maWVsZC1rZXktMzJieXQ="
DEVELOPMENT_PLEDGE_KEY = "development-only-pledge-key"
DEVELOPMENT_BALLOT_KEY = "development-only-ballot-key"


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


ENVIRONMENT = env_str("RANKFILE_ENV", "development")
if ENVIRONMENT not in {"development", "production", "test"}:
    raise ImproperlyConfigured("RANKFILE_ENV must be development, production or test")
IS_PRODUCTION = ENVIRONMENT == "production"

DATA_DIR = Path(env_str("RANKFILE_DATA_DIR", str(PROJECT_DIR / "data")))
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
# Off unless asked for (DEBUG=true), in development too: a debug 404 lists every address.
DEBUG = env_bool("DEBUG", False)
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", [DEVELOPMENT_FIELD_KEY])
PLEDGE_KEY = env_str("PLEDGE_KEY", DEVELOPMENT_PLEDGE_KEY)
# Seals open ballots and keys their trackers (rankfile/votes/secrecy.py); kept outside the database.
BALLOT_KEY = env_str("BALLOT_KEY", DEVELOPMENT_BALLOT_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
OPEN_SIGNUP = env_bool("OPEN_SIGNUP", False)
SITE_NAME = env_str("SITE_NAME", "rankfile")

if IS_PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production")
    if DEVELOPMENT_FIELD_KEY in FIELD_ENCRYPTION_KEYS:
        raise ImproperlyConfigured("Set FIELD_ENCRYPTION_KEYS to your own Fernet key in production")
    if PLEDGE_KEY == DEVELOPMENT_PLEDGE_KEY:
        raise ImproperlyConfigured("Set PLEDGE_KEY to a long random value in production")
    if BALLOT_KEY == DEVELOPMENT_BALLOT_KEY:
        raise ImproperlyConfigured("Set BALLOT_KEY to a long random value in production")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "rankfile.core",
    "rankfile.audit",
    "rankfile.accounts",
    "rankfile.committees",
    "rankfile.strikes",
    "rankfile.meetings",
    "rankfile.motions",
    "rankfile.votes",
    "rankfile.recalls",
    "rankfile.mandates",
    "rankfile.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "rankfile.core.middleware.security_headers",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rankfile.accounts.sessions.session_idle_middleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "rankfile.urls"
ASGI_APPLICATION = "rankfile.asgi.application"
WSGI_APPLICATION = "rankfile.wsgi.application"

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
                "django.template.context_processors.i18n",
                "rankfile.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'rankfile.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_POOL", False
):
    # A pool per worker process: under ASGI, persistent connections (CONN_MAX_AGE) leak.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN", 2),
        "max_size": env_int("DATABASE_POOL_MAX", 10),
    }
# Secret ballots cast on the event loop on PostgreSQL (rankfile.votes.intake); off: every
# ballot goes through Django's view, as it always does on SQLite.
BALLOT_INTAKE = env_bool("BALLOT_INTAKE", True)
BALLOT_INTAKE_CONNECTIONS = env_int("BALLOT_INTAKE_CONNECTIONS", 8)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let a few concurrent requests wait for the writer instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

AUTH_USER_MODEL = "accounts.Person"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["handle", "real_name", "email"]},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "committees:mine"
LOGOUT_REDIRECT_URL = "accounts:login"
# Failed logins per handle (or per device cookie) per window before each attempt waits,
# LOGIN_BACKOFF_SECONDS doubling up to the window (rankfile.accounts.ratelimit).
LOGIN_RATE_LIMIT = env_int("LOGIN_RATE_LIMIT", 10)
LOGIN_RATE_WINDOW_SECONDS = env_int("LOGIN_RATE_WINDOW_SECONDS", 900)
LOGIN_BACKOFF_SECONDS = env_int("LOGIN_BACKOFF_SECONDS", 2)
LOGIN_DEVICE_COOKIE_AGE = env_int("LOGIN_DEVICE_COOKIE_AGE", 365 * 24 * 3600)
# A session ends after SESSION_IDLE_SECONDS without a request, and SESSION_COOKIE_AGE after the
# login in any case (rankfile.accounts.sessions).
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 12 * 3600)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600)

# Django's database sessions, with the person in a column (rankfile.accounts.sessions).
SESSION_ENGINE = "rankfile.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = IS_PRODUCTION
CSRF_COOKIE_SECURE = IS_PRODUCTION
CSRF_COOKIE_HTTPONLY = True  # pages carry the token in their forms; no script reads the cookie
CSRF_FAILURE_VIEW = "rankfile.core.errors_views.csrf_failure"
LANGUAGE_COOKIE_SECURE = IS_PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# HTTPS, in production on by default (docs/deploy.md): the reverse proxy in front terminates
# TLS and sets X-Forwarded-Proto, which it must overwrite on every request.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", IS_PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if IS_PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", IS_PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", IS_PRODUCTION)
if env_bool("SECURE_PROXY_SSL_HEADER", IS_PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin": with "no-referrer" browsers send `Origin: null` on POST and CSRF refuses it.
# The site never requests another host, so same-origin leaks nothing.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2_000

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "America/Chicago")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "rankfile@localhost")

# No IP address is ever logged: Django's request logging is silenced and the ASGI server's access
# log is turned off by `rankfile serve`.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
        "rankfile": {"handlers": ["console"], "level": "INFO"},
    },
}
