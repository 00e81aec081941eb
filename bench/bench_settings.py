"""Settings of the HTTP benchmark: production settings with a bench-only URL configuration
(`bench_urls`: the project's pages plus a bare "hello" view as the ceiling)."""

from sportloket.conf.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
