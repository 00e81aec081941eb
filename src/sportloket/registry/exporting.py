"""Exporting a desk's organisations with the same Dutch headers the importer reads, so that an
export can be imported again (KvK numbers keep their leading zeros, also in Excel).

The list's export answers its file at once, or, for a list longer than
``settings.EXPORT_NOW_LIMIT``, has the worker write it (``organisation_export``, run by
``tasks.register_export`` through ``jobs.exports``): from the list's filters as the job kept them,
streamed into a file in chunks, so that memory stays the same whatever the register's size."""

import csv
import io

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils import timezone, translation

from sportloket.core.inputs import strip_control_characters
from sportloket.jobs.exports import ExportFile
from sportloket.registry import selectors
from sportloket.registry.forms import OrganisationFilterForm
from sportloket.registry.importing.columns import EXPORT_HEADERS, FORMULA_STARTS
from sportloket.registry.models import Federation, Sport, Tag

# The query parameters of the register's list that choose its rows (an export job keeps them).
FILTER_PARAMETERS = tuple(OrganisationFilterForm.base_fields)


def organisations_filtered(*, loket, data):
    """The register list's filter form on ``data`` (a query string's values) and the
    organisations it selects: a filter with a wrong value drops all of them. The list, its
    immediate export and an export job that has only the query string it kept read it so."""
    form = OrganisationFilterForm(data or None, loket=loket)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.desk_organisations(
        loket=loket,
        search=filters.get("q", ""),
        kind=filters.get("kind", ""),
        sport=filters.get("sport"),
        municipality=filters.get("municipality"),
        federation=filters.get("federation"),
        participation=filters.get("participation", ""),
        declaration=filters.get("declaration", ""),
    )
    return form, organisations


def filtered_organisations(*, loket, query: str):
    """The organisations the register's list selects with the query string ``query``."""
    return organisations_filtered(loket=loket, data=QueryDict(query))[1]


def export_queryset(queryset):
    return (
        queryset.select_related("municipality")
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("sports", queryset=Sport.objects.order_by("name")),
            Prefetch("federations", queryset=Federation.objects.order_by("abbreviation")),
            Prefetch("tags", queryset=Tag.objects.order_by("name")),
        )
    )


def guard_cell(value):
    """A text cell as a spreadsheet may hold it: without control characters (openpyxl refuses
    them; text stored before they were stripped on the way in may have them), and with a
    leading quote when a spreadsheet would run it as a formula."""
    value = strip_control_characters(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows(queryset):
    """One list of cell values per organisation, in the order of ``EXPORT_HEADERS``.

    Kinds and statuses are written in Dutch whatever the user's language, so that the file
    always imports again.
    """
    with translation.override("nl"):
        yield from _rows(queryset)


def _rows(queryset):
    for o in export_queryset(queryset).iterator(chunk_size=2000):
        values = {
            "name": o.name,
            "kind": str(o.get_kind_display()),
            "kvk_number": o.kvk_number or "",
            "address": o.address,
            "postcode": o.postcode,
            "city": o.city,
            "municipality": o.municipality.name if o.municipality else "",
            "sports": ", ".join(s.name for s in o.sports.all()),
            "federations": ", ".join(f.abbreviation for f in o.federations.all()),
            "email": o.email,
            "phone": o.phone,
            "website": o.website,
            "member_count": "" if o.member_count is None else o.member_count,
            "founded_on": f"{o.founded_on.day}-{o.founded_on.month}-{o.founded_on.year}"
            if o.founded_on
            else "",
            "status": str(o.get_status_display()),
            "tags": ", ".join(t.name for t in o.tags.all()),
        }
        yield [guard_cell(values[key]) for key in EXPORT_HEADERS]


def write_csv(handle, cell_rows, *, excel: bool = True) -> None:
    """``;``-separated CSV of ``cell_rows`` (of ``rows``) into the binary file ``handle``, row
    by row. With ``excel``, a byte-order mark lets Excel read UTF-8."""
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    try:
        if excel:
            text.write("\ufeff")
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
        writer.writerow(EXPORT_HEADERS.values())
        writer.writerows(cell_rows)
    finally:
        text.detach()  # flushed; ``handle`` stays open for the caller


def to_csv(queryset, *, excel: bool = False) -> str:
    out = io.BytesIO()
    write_csv(out, rows(queryset), excel=excel)
    return out.getvalue().decode("utf-8")


def write_xlsx(handle, cell_rows) -> None:
    """The sheet "Organisaties" of ``cell_rows`` into the binary file ``handle``. openpyxl's
    write-only workbook keeps the rows in a temporary file, not in memory."""
    # Loaded when a spreadsheet is asked for, not with every page that imports the exports.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Organisaties")
    sheet.append(list(EXPORT_HEADERS.values()))
    kvk_column = list(EXPORT_HEADERS).index("kvk_number")

    for values in cell_rows:
        cells = list(values)
        kvk = WriteOnlyCell(sheet, value=cells[kvk_column])
        kvk.data_type = TYPE_STRING
        kvk.number_format = "@"  # text: Excel keeps the leading zeros
        cells[kvk_column] = kvk
        sheet.append(cells)
    workbook.save(handle)


def to_xlsx(queryset) -> bytes:
    out = io.BytesIO()
    write_xlsx(out, rows(queryset))
    return out.getvalue()


def filename(desk, extension: str) -> str:
    return f"organisaties-{desk.slug}-{timezone.localdate().isoformat()}.{extension}"


def organisation_export(*, job, membership) -> ExportFile:
    """The register export job's file (``jobs.exports.export_execute``): the list's filters as
    the job kept them, in the format it asked for. The register is the desk's as a whole, the
    same for every member who may see it: ``membership`` only had to be allowed to."""
    organisations = filtered_organisations(loket=job.loket, query=job.params.get("query", ""))
    file_format = "xlsx" if job.params.get("format") == "xlsx" else "csv"
    return ExportFile(
        queryset=organisations,
        rows=rows(organisations),
        write=write_xlsx if file_format == "xlsx" else write_csv,
        filename=filename(job.loket, file_format),
        file_format=file_format,
    )
