"""Production: PostgreSQL, Redis channel layer, django-tasks-db worker, SMTP, HTTPS only.

Required environment: TANDEM_SECRET_KEY, DATABASE_URL, TANDEM_ALLOWED_HOSTS,
REDIS_URL, TANDEM_EMAIL_HOST (plus user/password if the relay wants them).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = False
SECRET_KEY = env("TANDEM_SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("TANDEM_SECRET_KEY must be set to at least 50 random characters.")

REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0")
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        # Longer than the layer's 5-second blocking reads (redis-py 8 defaults to 5 s).
        "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 15}]},
    }
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("TANDEM_EMAIL_HOST", "localhost"),
            "port": int(env("TANDEM_EMAIL_PORT", "587")),
            "username": env("TANDEM_EMAIL_USER") or None,
            "password": env("TANDEM_EMAIL_PASSWORD") or None,
            "use_tls": env_bool("TANDEM_EMAIL_TLS", True),
        },
    }
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = BASE_DIR / "staticfiles"  # noqa: F405
WHITENOISE_USE_FINDERS = False

SECURE_SSL_REDIRECT = env_bool("TANDEM_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("TANDEM_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TANDEM_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("TANDEM_HSTS_PRELOAD", True)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
