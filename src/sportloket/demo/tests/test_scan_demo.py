"""The demo desk's loket-scan: every item of the source text with a verdict and its evidence,
six months of history, and the national picture with both demo desks."""

import html
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from sportloket.accounts.models import User
from sportloket.scan.models import CoverageSnapshot, ScanSnapshot
from sportloket.scan.tests.test_checklist import BASE, HOW, WHEN


@pytest.mark.django_db
def test_the_demo_desks_scan_shows_every_item_with_its_evidence(client, settings):
    # The demo's accounts have no second factor (``make run`` turns the requirement off).
    settings.MFA_REQUIRED_FOR_STAFF = False
    call_command("seed_demo", quiet=True)
    client.force_login(User.objects.get(email="coordinator@sportloket-demo.nl"))
    response = client.get(reverse("scan:desk", args=["demo"]))
    page = html.unescape(response.text)
    quoted = re.findall(r'<blockquote lang="nl">\s*<p>(.*?)</p>', page, re.S)
    assert [re.sub(r"\s+", " ", quote).strip() for quote in quoted] == [*BASE, *WHEN, *HOW]
    scan = response.context["scan"]
    leaves = [part for row in (*scan.when, *scan.how) for part in (row.parts or [row])]
    assert all(row.finding.evidence for row in leaves)
    # The demo network is a working desk: most items are met or partly met.
    assert scan.counts()["met"] >= 10
    assert len(response.context["history"]) == 6
    assert ScanSnapshot.objects.filter(loket__slug="demo").count() == 6
    assert CoverageSnapshot.objects.count() == 6

    client.force_login(User.objects.get(email="landelijk@sportloket-demo.nl"))
    national = client.get(reverse("scan:national"))
    assert {row.desk.slug for row in national.context["rows"]} == {"demo", "heuvelrug"}
    assert all(row.month is not None for row in national.context["rows"])
