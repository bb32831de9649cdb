"""Settings shared by every environment.

Every value can be set from the environment (``TANDEM_*`` or the usual
``DATABASE_URL``); the embedded defaults give a single-machine Tandem on
SQLite that needs nothing else running.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]
SRC_DIR = BASE_DIR / "src" / "tandem"


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict[str, Any]:
    """Parse ``postgres://user:pass@host:port/name`` or ``sqlite:///path``."""
    parts = urlsplit(url)
    options = dict(parse_qsl(parts.query))
    if parts.scheme == "sqlite":
        # sqlite:///relative.db is relative to the project; sqlite:////abs.db absolute.
        path = unquote(parts.path.removeprefix("/"))
        return sqlite_database(Path(path or "db.sqlite3"))
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": int(env("TANDEM_DB_CONN_MAX_AGE", "60")),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ValueError(f"Unsupported DATABASE_URL scheme: {parts.scheme!r}")


def sqlite_database(path: Path) -> dict[str, Any]:
    # WAL lets readers proceed while one writer commits; IMMEDIATE transactions
    # avoid "database is locked" upgrades; the pragmas trade nothing durable.
    # Connections are kept (like PostgreSQL's): opening one runs the pragmas below,
    # which would otherwise be paid on every request and every socket frame.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path if path.is_absolute() else BASE_DIR / path,
        "CONN_MAX_AGE": int(env("TANDEM_DB_CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
                "PRAGMA temp_store=MEMORY;"
                "PRAGMA mmap_size=134217728;"
                "PRAGMA cache_size=-20000;"
            ),
        },
    }


# --- Core -------------------------------------------------------------------
SECRET_KEY = env("TANDEM_SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789")
DEBUG = env_bool("TANDEM_DEBUG", False)
ALLOWED_HOSTS = env_list("TANDEM_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("TANDEM_CSRF_TRUSTED_ORIGINS")
SITE_ID = 1
SITE_NAME = env("TANDEM_SITE_NAME", "Tandem")
# Absolute address used in e-mails (links must work outside a request).
TANDEM_SITE_URL = env("TANDEM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "channels",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "tandem.core",
    "tandem.accounts",
    "tandem.programmes",
    "tandem.intake",
    "tandem.matching",
    "tandem.mentoring",
    "tandem.messaging",
    "tandem.liveroom",
    "tandem.notifications",
    "tandem.community",
    "tandem.search",
    "tandem.moderation",
    "tandem.forums",
    "tandem.blogs",
    "tandem.resources",
    "tandem.showcase",
    "tandem.events",
    "tandem.newsletter",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tandem.core.request_cache.RequestCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "tandem.accounts.middleware.UserPreferencesMiddleware",
    "tandem.programmes.middleware.RequireMfaMiddleware",
]

ROOT_URLCONF = "tandem.urls"
WSGI_APPLICATION = "tandem.wsgi.application"
ASGI_APPLICATION = "tandem.asgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tandem.core.context_processors.site",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

# --- Database ---------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
DATABASES = {
    "default": database_from_url(DATABASE_URL)
    if DATABASE_URL
    else sqlite_database(Path(env("TANDEM_SQLITE_PATH", "db.sqlite3")))
}

# --- Accounts and authentication ---------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "tandem.accounts.forms.SignupExtraForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_ADAPTER = "tandem.accounts.adapters.AccountAdapter"
# allauth's rate limits; failed logins are limited per address and per account.
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Roles whose holders must enrol in two-factor authentication (plus staff).
TANDEM_MFA_REQUIRED_ROLES = env_list("TANDEM_MFA_REQUIRED_ROLES", "programme_lead")
TANDEM_ENFORCE_MFA = env_bool("TANDEM_ENFORCE_MFA", True)

# --- Internationalisation and time -----------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("mi", _("Māori")),
]
TIME_ZONE = env("TANDEM_DEFAULT_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static and media --------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [SRC_DIR / "static"]
MEDIA_URL = "/media/"  # never served directly: media goes through access-checked views
MEDIA_ROOT = Path(env("TANDEM_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = env_bool("TANDEM_STATIC_FINDERS", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
TANDEM_AVATAR_MAX_BYTES = 3 * 1024 * 1024
TANDEM_AVATAR_SIZE = 256

# --- Messaging -----------------------------------------------------------------
TANDEM_MESSAGE_EDIT_MINUTES = int(env("TANDEM_MESSAGE_EDIT_MINUTES", "15"))
TANDEM_MESSAGE_ATTACHMENT_BYTES = int(env("TANDEM_MESSAGE_ATTACHMENT_MB", "10")) * 1024 * 1024
#: a message unread this long goes out by e-mail (outside the reader's quiet hours)
TANDEM_UNREAD_EMAIL_MINUTES = int(env("TANDEM_UNREAD_EMAIL_MINUTES", "30"))
#: replies to those e-mails go to reply+<signed token>@ this domain, piped to
#: ``manage.py receive_mail`` by the mail server
TANDEM_REPLY_DOMAIN = env("TANDEM_REPLY_DOMAIN", "reply.tandem.localhost")

# --- Live room ------------------------------------------------------------------
#: STUN/TURN servers the browsers use to reach each other, as the JSON list
#: RTCPeerConnection takes (``[{"urls": "stun:stun.example.org:3478"}]``). None
#: are needed on one network; across the internet give at least a STUN server.
TANDEM_ICE_SERVERS = env("TANDEM_ICE_SERVERS", "[]")
#: a TURN server sharing a secret with Tandem (coturn's ``use-auth-secret``):
#: each page gets its own credentials, valid for TANDEM_TURN_TTL_HOURS
TANDEM_TURN_URLS = env_list("TANDEM_TURN_URLS")
TANDEM_TURN_SECRET = env("TANDEM_TURN_SECRET")
TANDEM_TURN_TTL_HOURS = int(env("TANDEM_TURN_TTL_HOURS", "12"))
TANDEM_RECORDING_MAX_BYTES = int(env("TANDEM_RECORDING_MAX_MB", "200")) * 1024 * 1024

# --- Community libraries ---------------------------------------------------------
TANDEM_RESOURCE_MAX_BYTES = int(env("TANDEM_RESOURCE_MAX_MB", "25")) * 1024 * 1024
TANDEM_VIDEO_MAX_BYTES = int(env("TANDEM_VIDEO_MAX_MB", "300")) * 1024 * 1024

# --- Channels, tasks, e-mail, cache ----------------------------------------
CHANNEL_LAYERS: dict[str, Any] = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
if env("TANDEM_REDIS_URL"):  # production, and more than one server process
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # The layer waits on Redis in 5-second blocking reads; redis-py 8's
            # default 5-second socket timeout would cut those off, so allow more.
            "CONFIG": {
                "hosts": [{"address": env("TANDEM_REDIS_URL"), "socket_timeout": 15}],
                "capacity": 1000,
            },
        }
    }
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS: dict[str, Any] = {
    "default": {
        "BACKEND": env("TANDEM_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    }
}
DEFAULT_FROM_EMAIL = env("TANDEM_FROM_EMAIL", "Tandem <no-reply@tandem.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Security ----------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "tandem.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Django's built-in Content Security Policy: no inline script, no third party.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF, "blob:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("TANDEM_LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
