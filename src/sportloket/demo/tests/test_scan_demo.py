"""The demo desk's loket-scan: every item of the source text with a verdict and its evidence,
six months of history, its yearly report as a page and a PDF, and the national picture with
both demo desks."""

import html
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from sportloket.accounts.models import User
from sportloket.helprequests.models import HelpRequest
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

    # The yearly report, as a page and as a PDF, with the year's number of questions.
    year = timezone.localdate().year
    asked = HelpRequest.objects.filter(loket__slug="demo", created_at__year=year).count()
    assert client.get(reverse("scan:report", args=["demo", year])).status_code == 200
    pdf = client.get(reverse("scan:report-pdf", args=["demo", year]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Sportloket Demo" in text
    assert f"{asked} vragen gesteld" in text

    client.force_login(User.objects.get(email="landelijk@sportloket-demo.nl"))
    national = client.get(reverse("scan:national"))
    assert {row.desk.slug for row in national.context["rows"]} == {"demo", "heuvelrug"}
    assert all(row.month is not None for row in national.context["rows"])
