"""The inbox's filtered list as a file: CSV (``;``-separated, UTF-8 with a byte-order mark, as
Dutch Excel reads it; streamed) or XLSX, with Dutch headers and values whatever the member's
language. Text cells a spreadsheet would run as a formula get the register's guard."""

import csv
import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sportloket.registry.exporting import guard_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows fetched at a time: each chunk costs its query and one per prefetched relation.
CHUNK = 500


def headers() -> list[str]:
    with translation.override("nl"):
        return [
            str(h)
            for h in (
                _("Question number"),
                _("Received"),
                _("Status"),
                _("Urgency"),
                _("Organisation"),
                _("Municipality"),
                _("Kind of provider"),
                _("Contact person"),
                _("E-mail address"),
                _("Phone number"),
                _("Themes"),
                _("Assigned to"),
                _("First response due"),
                _("Decision due"),
                _("Overdue"),
                _("Question"),
            )
        ]


def _date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else value.isoformat()


def _cells(r) -> list:
    organisation = r.organisation
    assignments = r.current_assignments
    return [
        r.pk,
        _date(r.submitted_at),
        str(r.get_state_display()),
        str(r.get_urgency_display()),
        organisation.name if organisation else r.organisation_name,
        organisation.municipality.name if organisation and organisation.municipality else "",
        str(organisation.get_kind_display()) if organisation else "",
        r.contact_name,
        r.contact_email,
        r.contact_phone,
        ", ".join(t.name for t in r.themes.all()),
        str(assignments[0].supporter) if assignments else "",
        _date(r.respond_by),
        _date(r.decide_by),
        _("yes") if r.is_overdue else _("no"),
        r.question,
    ]


def rows(help_requests):
    """One list of cells per question of the inbox's selector (``selectors.inbox``), in the
    order of ``headers``; a fixed number of queries per chunk, whatever the rows."""
    with translation.override("nl"):
        for help_request in help_requests.iterator(chunk_size=CHUNK):
            yield [guard_cell(cell) for cell in _cells(help_request)]


class _Echo:
    def write(self, value):
        return value


def csv_lines(help_requests):
    """The CSV, line by line (for a streamed response)."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(headers())
    for row in rows(help_requests):
        yield writer.writerow(row)


def to_xlsx(help_requests) -> bytes:
    # Loaded when a spreadsheet is asked for, not with every page that imports the exports.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    with translation.override("nl"):
        sheet = workbook.create_sheet(str(_("Questions")))
    sheet.append(headers())
    for row in rows(help_requests):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def filename(desk, extension: str) -> str:
    return f"vragen-{desk.slug}-{timezone.localdate():%Y%m%d}.{extension}"
