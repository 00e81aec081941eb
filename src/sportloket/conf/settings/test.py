"""Test settings: the base settings with a fast password hasher and a local mail outbox."""

from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MFA_REQUIRED_FOR_STAFF = True
# Serve static files from the apps' folders, as in development (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # noqa: F405
