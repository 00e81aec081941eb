"""Production settings refuse to start without a real SECRET_KEY and pass check --deploy."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_in_production():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="sportloket.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", DEBUG="false", ALLOWED_HOSTS="sportloket.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_manage("check", DEBUG="false", SECRET_KEY="short", ALLOWED_HOSTS="x.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_production_forces_the_second_factor_even_if_switched_off():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.MFA_REQUIRED_FOR_STAFF)",
        DEBUG="false",
        MFA_REQUIRED="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="x.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


def test_check_deploy_warns_of_a_cache_in_one_process_memory():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="sportloket.example.org",
        CACHE_URL="locmemcache://",
    )
    assert result.returncode != 0
    assert "sportloket.W001" in result.stdout + result.stderr


def test_healthz_answers_over_plain_http_in_production(tmp_path):
    """A load balancer's health check asks over HTTP; a redirect to HTTPS is a failed check.
    Every other page still goes to HTTPS."""
    result = run_manage(
        "shell",
        "-c",
        "from django.test import Client; client = Client(); "
        "print(client.get('/healthz').status_code, client.get('/accounts/login/').status_code)",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "200 301"


@pytest.mark.django_db
def test_healthz_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz", secure=True).status_code == 200
    redirected = client.get("/accounts/login/")
    assert redirected.status_code == 301
    assert redirected["Location"] == "https://testserver/accounts/login/"
    assert client.get("/healthzorg/").status_code == 301  # only the health check itself
