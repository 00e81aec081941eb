"""The desk's yearly report: its figures for the year, a page and a PDF, for every member of the
desk (aggregates only), 404 outside the desk's years."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from sportloket.core.models import Membership
from sportloket.core.tests.factories import MembershipFactory
from sportloket.funds.models import Fund
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.scan import report
from sportloket.scan.models import ScanSnapshot
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def test_the_years_run_from_the_desks_start_to_this_one(desk):
    today = datetime.date(THIS_YEAR, 6, 1)
    assert report.report_years(loket=desk, today=today) == [THIS_YEAR]
    desk.created_at = desk.created_at.replace(year=THIS_YEAR - 2)
    assert report.report_years(loket=desk, today=today) == [THIS_YEAR, THIS_YEAR - 1,
                                                            THIS_YEAR - 2]  # fmt: skip


def test_the_report_counts_the_years_questions(desk, other_desk, coordinator, scanned):
    HelpRequestFactory.create_batch(3, loket=desk)
    HelpRequestFactory(loket=other_desk)
    membership = Membership.objects.get(loket=desk, user=coordinator)
    found = report.yearly_report(membership=membership, year=THIS_YEAR)
    assert found["questions"]["questions"] == 3
    assert sum(found["questions"]["per_month"].values()) == 3
    assert found["scan"].rows["when.money.execution"].finding is not None


def test_the_page_and_the_pdf(client, desk, coordinator, scanned):
    HelpRequestFactory.create_batch(7, loket=desk)
    client.force_login(coordinator)
    page = client.get(reverse("scan:report", args=[desk.slug, THIS_YEAR]))
    assert page.status_code == 200
    assert f"Jaarverslag {THIS_YEAR}" in page.text
    assert page.text.count("<title>") == 3  # the page's own and the two charts'
    pdf = client.get(reverse("scan:report-pdf", args=[desk.slug, THIS_YEAR]))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert desk.name in text
    assert "7 vragen gesteld" in text


def test_a_year_outside_the_desks_is_not_found(client, desk, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("scan:report", args=[desk.slug, THIS_YEAR + 1])).status_code == 404
    assert client.get(reverse("scan:report", args=[desk.slug, 1999])).status_code == 404


def test_a_reader_sees_only_the_funds_their_role_may_see(client, desk, coordinator, scanned):
    fund = Fund.objects.get(loket=desk)
    path = reverse("scan:report", args=[desk.slug, THIS_YEAR])
    client.force_login(coordinator)
    assert fund.name in client.get(path).text
    client.force_login(MembershipFactory(loket=desk, partner=True).user)  # another organisation's
    page = client.get(path)
    assert page.status_code == 200
    assert fund.name not in page.text
    client.force_login(MembershipFactory(loket=desk, role="viewer").user)
    page = client.get(path)
    assert page.status_code == 200
    assert fund.name not in page.text
    assert page.context["money"] is None


def test_a_past_years_scan_is_its_december_snapshot(desk, coordinator, scanned):
    desk.created_at = desk.created_at.replace(year=THIS_YEAR - 1)
    desk.save()
    verdicts = {"when.money.execution": "not_yet", "base.quality": "met"}
    ScanSnapshot.objects.create(
        loket=desk, month=datetime.date(THIS_YEAR - 1, 12, 1),
        taken_on=datetime.date(THIS_YEAR - 1, 12, 31), verdicts=verdicts, figures={},
    )  # fmt: skip
    membership = Membership.objects.get(loket=desk, user=coordinator)
    scan = report.yearly_report(membership=membership, year=THIS_YEAR - 1)["scan"]
    assert scan.rows["when.money.execution"].verdict == "not_yet"
    assert scan.rows["base.quality"].verdict == "met"
    assert scan.rows["how.meetings"].verdict == "unmeasurable"  # not in that snapshot


def test_the_reports_queries_do_not_grow_with_the_year(client, desk, coordinator, scanned):
    client.force_login(coordinator)
    assert_queries_do_not_grow(
        lambda: client.get(reverse("scan:report", args=[desk.slug, THIS_YEAR])),
        lambda n: HelpRequestFactory.create_batch(n, loket=desk),
        more=10,
        max_queries=70,
    )


def test_the_pdf_reads_only_the_projects_static_files():
    from django.core.exceptions import SuspiciousFileOperation

    from sportloket.scan.pdf import StaticFilesOnly

    fetcher = StaticFilesOnly()
    css = fetcher.fetch("https://testserver/static/sportloket/css/sportloket.css")
    assert b".verdict--met" in css.read()
    for url in (
        "https://elsewhere.example/style.css",
        "https://testserver/media/declarations/1.pdf",
        "https://testserver/static/nothing-here.css",
    ):
        with pytest.raises(ValueError, match="not"):
            fetcher.fetch(url)
    with pytest.raises((ValueError, SuspiciousFileOperation)):
        fetcher.fetch("https://testserver/static/../../conf/settings/base.py")
