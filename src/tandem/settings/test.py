"""Settings for the test suite: fast hashing, in-memory outbox, no rate limits."""

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_RATE_LIMITS = False
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": BASE_DIR / "test-artifacts" / "test.sqlite3"}  # noqa: F405
