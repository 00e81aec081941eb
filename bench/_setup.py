"""Shared set-up of the benchmarks: a scratch database (SQLite unless DATABASE_URL is set) and
production-like settings, then Django."""

import os
import secrets
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django():
    sys.path.insert(0, str(ROOT / "src"))
    scratch = Path(tempfile.mkdtemp(prefix="sportloket-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="sportloket.conf.settings.base",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=str(scratch / "media"),
    )
    import django

    django.setup()
