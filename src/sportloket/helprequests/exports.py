"""The inbox's filtered list as a file: CSV (``;``-separated, UTF-8 with a byte-order mark, as
Dutch Excel reads it; streamed) or XLSX, with Dutch headers and values whatever the member's
language. Text cells a spreadsheet would run as a formula get the register's guard.

A list longer than ``settings.EXPORT_NOW_LIMIT`` is written by the worker (``inbox_export``,
run by ``tasks.inbox_export`` through ``jobs.exports``): from the inbox's filters as the job kept
them, as the member who started it may see the questions, into a file in chunks."""

import csv
import io

from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sportloket.helprequests import selectors
from sportloket.helprequests.inbox_forms import InboxFilterForm
from sportloket.jobs.constants import EXPORT_CONTENT_TYPES
from sportloket.jobs.exports import ExportFile
from sportloket.registry.exporting import guard_cell

XLSX = EXPORT_CONTENT_TYPES["xlsx"]
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
        ", ".join(t.name for t in r.theme_list),
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


def _lines(cell_rows):
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(headers())
    for row in cell_rows:
        yield writer.writerow(row)


def csv_lines(help_requests):
    """The CSV, line by line (for a streamed response)."""
    return _lines(rows(help_requests))


def write_csv(handle, cell_rows) -> None:
    """The same CSV of ``cell_rows`` (of ``rows``) into the binary file ``handle``."""
    for line in _lines(cell_rows):
        handle.write(line.encode("utf-8"))


def write_xlsx(handle, cell_rows) -> None:
    """The sheet "Vragen" of ``cell_rows`` into the binary file ``handle``; openpyxl's
    write-only workbook keeps the rows in a temporary file, not in memory."""
    # Loaded when a spreadsheet is asked for, not with every page that imports the exports.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    with translation.override("nl"):
        sheet = workbook.create_sheet(str(_("Questions")))
    sheet.append(headers())
    for row in cell_rows:
        sheet.append(row)
    workbook.save(handle)


def to_xlsx(help_requests) -> bytes:
    out = io.BytesIO()
    write_xlsx(out, rows(help_requests))
    return out.getvalue()


def filename(desk, extension: str) -> str:
    return f"vragen-{desk.slug}-{timezone.localdate():%Y%m%d}.{extension}"


def inbox_filtered(*, membership, data: QueryDict):
    """The inbox's filter form on ``data`` (a query string's values) and the questions it
    selects for ``membership``: the open ones unless a state is given; a filter with a wrong
    value shows its error and is left out, the others apply. The page, its file, its actions
    and an export job that has only the query string it kept all read the inbox this way."""
    data = data.copy()
    data.setdefault("state", "open")
    form = InboxFilterForm(data, loket=membership.loket)
    form.is_valid()
    filters = form.cleaned_data
    help_requests = selectors.inbox(
        membership=membership,
        search=filters.get("q", ""),
        state=filters.get("state", "open"),
        theme=filters.get("theme"),
        municipality=filters.get("municipality"),
        kind=filters.get("kind", ""),
        assignee=filters.get("assignee"),
        overdue=filters.get("overdue", False),
        waiting=filters.get("waiting", ""),
        sort=filters.get("sort") or "waiting",
    )
    return form, help_requests


def filtered_requests(*, membership, query: str):
    """The questions the inbox selects for ``membership`` with the query string ``query``."""
    return inbox_filtered(membership=membership, data=QueryDict(query))[1]


def inbox_export(*, job, membership) -> ExportFile:
    """The inbox export job's file (``jobs.exports.export_execute``): the inbox's filters as the
    job kept them, with only the questions ``membership`` (of the member who started the job)
    may see now, in the format it asked for."""
    help_requests = filtered_requests(membership=membership, query=job.params.get("query", ""))
    file_format = "xlsx" if job.params.get("format") == "xlsx" else "csv"
    return ExportFile(
        queryset=help_requests,
        rows=rows(help_requests),
        write=write_xlsx if file_format == "xlsx" else write_csv,
        filename=filename(job.loket, file_format),
        file_format=file_format,
    )
