"""Test settings: the base settings with a fast password hasher and a local mail outbox."""

from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test set-up sends e-mail straight to the local outbox (locmem) when it is queued. The
# tests of the queue (sportloket.jobs) put it back, with the task backend that runs a task when
# its transaction commits (sportloket.testing.tasks), delivering to that outbox; tests that need
# a real worker run one with the database backend. Elsewhere a task runs when it is enqueued.
MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "mail"],
    }
}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MFA_REQUIRED_FOR_STAFF = True
# Serve static files from the apps' folders, as in development (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # noqa: F405
