"""Settings for the test suite: production settings with fast hashing and plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_TRANSPORT", "false")
os.environ.setdefault("ADMIN_REQUIRE_OTP", "false")
# Tests of the rate limit set their own; the rest must never meet it.
os.environ.setdefault("API_RATE_LIMIT", "100000/minute")
# Tasks run in the request that enqueues them unless a test asks for the queue.
os.environ.setdefault("TASKS_BACKEND", "immediate")

from config.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/improvement-test-media"))  # noqa: F405, S108
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
LOGGING["loggers"]["improvement.requests"]["level"] = "WARNING"  # noqa: F405
