"""A fund's ledger and the desk's overview as CSV and XLSX: the same scoping as the pages,
amounts as numbers, and text that a spreadsheet would run as a formula guarded."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sportloket.funds import services
from sportloket.registry.models import Organisation
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def funds(new_fund, rabobank):
    """The municipality's budget and the Rabobank's fund, both without a threshold (unlike the
    pages' ``funds`` in conftest): every allocation is approved at once."""
    return new_fund(name="Uitvoeringsbudget"), new_fund(name="Rabo ClubSupport", owner=rabobank)


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def workbook(response):
    return load_workbook(io.BytesIO(response.content))


def ledger_url(desk, fund, fmt):
    return reverse("funds:fund-export", args=[desk.slug, fund.pk]) + f"?format={fmt}"


def overview_url(desk, fmt, year=""):
    return reverse("funds:overview-export", args=[desk.slug]) + f"?format={fmt}&year={year}"


def test_the_ledger_as_csv(coordinator_client, desk, coordinator, funds, allocate, club):
    municipal, _rabo = funds
    allocation = allocate(municipal, 123_456)
    services.allocation_pay(allocation=allocation, paid_cents=100_000, actor=coordinator)
    response = coordinator_client.get(ledger_url(desk, municipal, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="fonds-')
    rows = csv_rows(response)
    assert rows[1][0] == "Uitvoeringsbudget"
    assert rows[1][5:] == ["10000,00", "1000,00", "1000,00", "9000,00"]
    assert rows[2] == []  # the allocations follow after an empty line
    allocation_row = rows[4]
    assert allocation_row[0] == str(allocation.pk)
    assert allocation_row[3] == "VV Domstad"
    assert allocation_row[7:9] == ["1234,56", "1000,00"]
    assert allocation_row[9] == coordinator.full_name  # proposed by
    # Never the question's contact person.
    text = response.content.decode()
    request = allocation.decision.help_request
    assert request.contact_email not in text and request.contact_name not in text


def test_the_ledger_as_xlsx_with_numbers(coordinator_client, desk, funds, allocate):
    municipal, _rabo = funds
    allocate(municipal, 5_050)
    response = coordinator_client.get(ledger_url(desk, municipal, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = workbook(response)
    assert len(book.sheetnames) == 2
    allocations = list(book.worksheets[1].values)
    assert allocations[1][3] == "VV Domstad"
    assert allocations[1][7] == 50.5


def test_a_formula_in_a_name_is_guarded(coordinator_client, desk, funds, allocate):
    municipal, _rabo = funds
    sneaky = OrganisationFactory.for_desk(desk, name='=HYPERLINK("http://evil","klik")')
    allocate(municipal, 1_000, organisation=sneaky)
    rows = csv_rows(coordinator_client.get(ledger_url(desk, municipal, "csv")))
    assert rows[4][3] == '\'=HYPERLINK("http://evil","klik")'
    sheet = workbook(coordinator_client.get(ledger_url(desk, municipal, "xlsx"))).worksheets[1]
    assert sheet.cell(row=2, column=4).value.startswith("'=")


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 200), ("representative", 200), ("other_partner", 404), ("supporter", 404),
     ("viewer", 403)],
)  # fmt: skip
def test_the_ledger_export_is_scoped_as_the_page(request, client, desk, funds, role, status):
    client.force_login(request.getfixturevalue(role))
    for fmt in ("csv", "xlsx"):
        assert client.get(ledger_url(desk, funds[0], fmt)).status_code == status


def test_the_ledger_export_needs_the_same_queries_for_many(coordinator_client, desk, funds,
                                                           allocate):  # fmt: skip
    municipal, _rabo = funds

    def add(n):
        for _ in range(n):
            allocate(municipal, 1_000)

    add(1)
    _first, second = assert_queries_do_not_grow(
        lambda: coordinator_client.get(ledger_url(desk, municipal, "csv")), add, more=5
    )
    assert len(csv_rows(second)) == 4 + 6


@pytest.mark.parametrize(
    ("role", "status", "fund_rows"),
    [("coordinator", 200, {"Uitvoeringsbudget", "Rabo ClubSupport"}),
     ("representative", 200, {"Uitvoeringsbudget"}), ("other_partner", 200, {"Rabo ClubSupport"}),
     ("supporter", 200, set()), ("viewer", 403, None)],
)  # fmt: skip
def test_the_overview_export_per_role(request, client, desk, funds, allocate, role, status,
                                      fund_rows):  # fmt: skip
    allocate(funds[0], 30_000)
    allocate(funds[1], 20_000)
    client.force_login(request.getfixturevalue(role))
    response = client.get(overview_url(desk, "xlsx"))
    assert response.status_code == status
    if status != 200:
        return
    book = workbook(response)
    assert len(book.sheetnames) == 5
    totals = list(book.worksheets[0].values)
    assert totals[1] == (2, 20000, 500, 0, 19500)  # every role reads the desk's totals
    per_theme = list(book.worksheets[1].values)
    assert per_theme[1] == ("Vrijwilligers", 500, 0, 2)
    per_fund = list(book.worksheets[4].values)
    assert {row[0] for row in per_fund[1:]} == fund_rows

    rows = csv_rows(client.get(overview_url(desk, "csv")))
    names = {row[0] for row in rows if row}
    assert ("Rabo ClubSupport" in names) is ("Rabo ClubSupport" in fund_rows)
    assert "Vrijwilligers" in names


def test_the_overview_export_follows_the_year(coordinator_client, desk, new_fund):
    new_fund(
        name="Vroeger", starts_on=datetime.date(2000, 1, 1), ends_on=datetime.date(2000, 12, 31)
    )
    new_fund(name="Nu")

    def fund_names(year):
        sheet = workbook(coordinator_client.get(overview_url(desk, "xlsx", year))).worksheets[4]
        return {row[0] for row in list(sheet.values)[1:]}

    assert fund_names("2000") == {"Vroeger"}
    assert fund_names("") == {"Nu"}
    assert fund_names("all") == {"Nu", "Vroeger"}
    response = coordinator_client.get(overview_url(desk, "csv", "2000"))
    assert "2000" in response["Content-Disposition"]


def test_control_characters_in_a_fund_or_organisation_never_break_the_xlsx(
    coordinator_client, desk, new_fund, allocate, club
):
    fund = new_fund(name="Fonds\x1b[1m")
    Organisation.objects.filter(pk=club.pk).update(name="VV\x1b Domstad")
    allocate(fund, 10_000)
    for url in (ledger_url(desk, fund, "xlsx"), overview_url(desk, "xlsx")):
        response = coordinator_client.get(url)
        assert response.status_code == 200, url
        cells = [
            cell
            for sheet in workbook(response).worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        ]
        assert not any(isinstance(c, str) and "\x1b" in c for c in cells)
    ledger = workbook(coordinator_client.get(ledger_url(desk, fund, "xlsx")))
    assert "Fonds[1m" in [c for row in ledger.active.iter_rows(values_only=True) for c in row]
