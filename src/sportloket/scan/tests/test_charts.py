"""Every chart is an SVG with a title, a description and its numbers in a table after it: on
the scan's trend, the yearly report, the national picture and the dashboard."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sportloket.accounts.tests.factories import UserFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.scan import selectors
from sportloket.scan.models import ScanSnapshot

pytestmark = pytest.mark.django_db

SVG = re.compile(r"<svg\b[^>]*>(.*?)</svg>", re.S)


def assert_charts_described(html: str, expected: int):
    charts = list(SVG.finditer(html))
    assert len(charts) == expected
    for chart in charts:
        inside = chart.group(1)
        title = re.search(r"<title>([^<]+)</title>", inside)
        desc = re.search(r"<desc>([^<]+)</desc>", inside)
        assert title and title.group(1).strip(), chart.group(0)[:200]
        assert desc and desc.group(1).strip()
        assert 'role="img"' in chart.group(0)
        # The same numbers follow in a table.
        assert "<table" in html[chart.end() :]
        values = re.findall(r'class="chart__value"[^>]*>([^<]+)<', inside)
        after = html[chart.end() :]
        for value in values:
            assert f">{value}<" in after, f"{value} is not in a table after the chart"


def test_the_scans_trend(client, desk, coordinator, scanned):
    last_month = selectors.month_of(timezone.localdate()) - datetime.timedelta(days=1)
    ScanSnapshot.objects.create(
        loket=desk, month=last_month.replace(day=1), taken_on=last_month,
        verdicts=selectors.desk_scan(loket=desk).verdicts(), figures={},
    )  # fmt: skip
    call_command("snapshot_scan")
    client.force_login(coordinator)
    assert_charts_described(client.get(reverse("scan:desk", args=[desk.slug])).text, 1)


def test_the_yearly_report(client, desk, coordinator, scanned):
    HelpRequestFactory.create_batch(4, loket=desk)
    client.force_login(coordinator)
    year = timezone.localdate().year
    assert_charts_described(client.get(reverse("scan:report", args=[desk.slug, year])).text, 2)


def test_the_national_picture(client, desk, scanned):
    call_command("snapshot_scan")
    client.force_login(UserFactory(national=True))
    assert_charts_described(client.get(reverse("scan:national")).text, 1)


def test_the_dashboard(client, desk, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("dashboard:desk", args=[desk.slug])).text
    assert_charts_described(html, len(SVG.findall(html)) or 0)
    assert SVG.search(html), "the dashboard's month shows its series as charts"
