"""Settings for the test suite: fast hashing, in-memory outbox, no rate limits."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
ACCOUNT_RATE_LIMITS = False
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
# Connections opened by the ASGI server's threads in browser tests close after
# each use, so the test database can be dropped at the end of the run.
for _database in DATABASES.values():  # noqa: F405
    _database["CONN_MAX_AGE"] = 0
