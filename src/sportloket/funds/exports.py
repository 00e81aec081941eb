"""A fund's ledger and the desk's money overview as CSV (``;``-separated, for Dutch Excel) and
XLSX. Text cells a spreadsheet would run as a formula get the register's guard; amounts are
numbers in euros (in the CSV with a decimal comma)."""

import csv
import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.money import as_decimal
from sportloket.funds import selectors
from sportloket.funds.constants import AllocationState, FundKind
from sportloket.registry.exporting import guard_cell


def _csv_cell(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if value is None:
        return ""
    return guard_cell(value)


def _xlsx_cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if value is None:
        return ""
    return guard_cell(value)


def write_csv(sections) -> str:
    """``sections``: (title, headers, rows). One table in the file: several sections follow
    each other, each with its own headers, separated by an empty line. A byte-order mark lets
    Excel read UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for number, (_title, headers, rows) in enumerate(sections):
        if number:
            writer.writerow([])
        writer.writerow([guard_cell(str(h)) for h in headers])
        writer.writerows([_csv_cell(cell) for cell in row] for row in rows)
    return "\ufeff" + out.getvalue()


def write_xlsx(sections) -> bytes:
    """One sheet per section; amounts as numbers with two decimals, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for title, headers, rows in sections:
        sheet = workbook.create_sheet(str(title)[:31])
        sheet.append([str(h) for h in headers])
        for row in rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=_xlsx_cell(value))
                if isinstance(value, Decimal):
                    cell.number_format = "#,##0.00"
                cells.append(cell)
            sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- a fund's ledger ------------------------------------------------------------------------


def _moment(allocation, state):
    for change in allocation.changes.all():
        if change.to_state == state:
            return change
    return None


def _who(change):
    if change is None or change.actor is None:
        return ""
    return change.actor.full_name or change.actor.email


def _when(change):
    return "" if change is None else timezone.localtime(change.at).strftime("%Y-%m-%d %H:%M")


def _fund_header() -> list:
    """The columns of a fund's row: the ledger's summary and the overview's list of funds."""
    return [
        _("Fund"),
        _("Kind"),
        _("Owner"),
        _("Starts on"),
        _("Ends on"),
        _("Amount (euros)"),
        _("Committed (euros)"),
        _("Paid (euros)"),
        _("Available (euros)"),
    ]


def _fund_row(fund) -> list:
    return [
        fund.name,
        str(FundKind(fund.kind).label),
        fund.owner.name,
        fund.starts_on.isoformat(),
        fund.ends_on.isoformat(),
        as_decimal(fund.amount_cents),
        as_decimal(fund.committed_cents),
        as_decimal(fund.paid_cents),
        as_decimal(fund.available_cents),
    ]


def _allocation_header() -> list:
    return [
        _("Allocation"),
        _("Decision date"),
        _("Question"),
        _("Organisation"),
        _("KvK number"),
        _("Themes"),
        _("Status"),
        _("Amount (euros)"),
        _("Paid (euros)"),
        _("Proposed by"),
        _("Proposed at"),
        _("Approved by"),
        _("Approved at"),
        _("Paid or closed by"),
        _("Paid or closed at"),
    ]


CLOSING_STATES = (AllocationState.PAID, AllocationState.REJECTED, AllocationState.CANCELLED)


def _allocation_row(allocation) -> list:
    help_request = allocation.decision.help_request
    organisation = help_request.organisation
    proposed = _moment(allocation, AllocationState.PROPOSED)
    approved = _moment(allocation, AllocationState.APPROVED)
    closed = next(
        (change for change in allocation.changes.all() if change.to_state in CLOSING_STATES),
        None,
    )
    return [
        allocation.pk,
        timezone.localdate(allocation.decision.decided_at).isoformat(),
        help_request.pk,
        organisation.name if organisation else help_request.organisation_name,
        (organisation.kvk_number or "") if organisation else "",
        ", ".join(theme.name for theme in help_request.themes.all()),
        str(AllocationState(allocation.state).label),
        as_decimal(allocation.amount_cents),
        as_decimal(allocation.paid_cents),
        _who(proposed),
        _when(proposed),
        _who(approved),
        _when(approved),
        _who(closed),
        _when(closed),
    ]


def ledger_sections(fund):
    """The fund's summary, then its allocations (streamed: a large fund is not held in
    memory)."""

    def rows():
        for allocation in selectors.fund_allocations(fund=fund).iterator(chunk_size=500):
            yield _allocation_row(allocation)

    return [
        (_("Fund"), _fund_header(), [_fund_row(fund)]),
        (_("Allocations"), _allocation_header(), rows()),
    ]


def ledger_csv(fund) -> str:
    return write_csv(ledger_sections(fund))


def ledger_xlsx(fund) -> bytes:
    return write_xlsx(ledger_sections(fund))


# --- the desk's overview --------------------------------------------------------------------


def _spending_rows(rows) -> list:
    return [
        [
            row["label"],
            as_decimal(row["committed_cents"]),
            as_decimal(row["paid_cents"]),
            row["allocations"],
        ]
        for row in rows
    ]


def _totals_section(totals):
    header = [
        _("Funds"),
        _("Amount (euros)"),
        _("Committed (euros)"),
        _("Paid (euros)"),
        _("Available (euros)"),
    ]
    row = [
        totals["funds"],
        as_decimal(totals["amount_cents"]),
        as_decimal(totals["committed_cents"]),
        as_decimal(totals["paid_cents"]),
        as_decimal(totals["available_cents"]),
    ]
    return (_("Totals"), header, [row])


def _per_fund_row(row) -> list:
    return [
        row["name"],
        str(FundKind(row["kind"]).label),
        row["owner_name"],
        row["starts_on"].isoformat(),
        row["ends_on"].isoformat(),
        as_decimal(row["amount_cents"]),
        as_decimal(row["committed_cents"]),
        as_decimal(row["paid_cents"]),
        as_decimal(row["available_cents"]),
    ]


def overview_sections(overview):
    """``overview``: what ``views.overview.readable_overview`` makes of
    ``overview.desk_overview``."""
    money = [_("Committed (euros)"), _("Paid (euros)"), _("Allocations")]
    return [
        _totals_section(overview["totals"]),
        (_("Per theme"), [_("Theme"), *money], _spending_rows(overview["per_theme"])),
        (
            _("Per kind of provider"),
            [_("Kind of provider"), *money],
            _spending_rows(overview["per_provider_kind"]),
        ),
        (
            _("Per municipality"),
            [_("Municipality"), *money],
            _spending_rows(overview["per_municipality"]),
        ),
        (_("Per fund"), _fund_header(), [_per_fund_row(row) for row in overview["per_fund"]]),
    ]


def overview_csv(overview) -> str:
    return write_csv(overview_sections(overview))


def overview_xlsx(overview) -> bytes:
    return write_xlsx(overview_sections(overview))
