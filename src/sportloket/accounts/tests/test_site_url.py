"""Links in e-mails point at the server that sent them: ``SITE_URL``, or in development the
port ``make run`` serves on (``PORT=8101 make run``)."""

import shutil
import subprocess

import pytest
from django.core.exceptions import ImproperlyConfigured

from sportloket.accounts.tests.test_settings_from_environment import ROOT, run_manage
from sportloket.conf.site import site_url


def test_without_site_url_the_links_follow_the_port_served_on():
    assert site_url({"PORT": "8101"}) == "http://127.0.0.1:8101"


def test_without_site_url_or_port_the_links_use_the_default_port():
    assert site_url({}) == "http://127.0.0.1:8000"
    assert site_url({"PORT": "", "SITE_URL": ""}) == "http://127.0.0.1:8000"


def test_a_site_url_that_is_set_wins_over_the_port():
    assert site_url({"SITE_URL": "https://loket.example.org/", "PORT": "8101"}) == (
        "https://loket.example.org"
    )


@pytest.mark.parametrize("port", ["http", "0", "70000", "-1"])
def test_a_port_that_is_no_port_stops_the_start(port):
    with pytest.raises(ImproperlyConfigured, match="PORT"):
        site_url({"PORT": port})


def test_the_settings_read_the_port_from_the_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SITE_URL)",
        PORT="8101",
        SITE_URL="",
    )
    assert result.returncode == 0, result.stderr
    assert "http://127.0.0.1:8101" in result.stdout.split(), result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_hands_its_port_to_the_server():
    dry_run = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", "PORT=8101"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    server = next(line for line in dry_run.stdout.splitlines() if "runserver" in line)
    assert "PORT=8101 " in server and server.endswith("runserver 127.0.0.1:8101")
