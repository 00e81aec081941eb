"""Exporting a desk's organisations with the same Dutch headers the importer reads, so that an
export can be imported again (KvK numbers keep their leading zeros, also in Excel)."""

import csv
import io

from django.db.models import Prefetch
from django.utils import translation

from sportloket.core.inputs import strip_control_characters
from sportloket.registry.importing.columns import EXPORT_HEADERS, FORMULA_STARTS
from sportloket.registry.models import Federation, Sport, Tag


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


def to_csv(queryset, *, excel: bool = False) -> str:
    """``;``-separated CSV. With ``excel``, a byte-order mark lets Excel read UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS.values())
    writer.writerows(rows(queryset))
    return ("\ufeff" if excel else "") + out.getvalue()


def to_xlsx(queryset) -> bytes:
    # Loaded when a spreadsheet is asked for, not with every page that imports the exports.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Organisaties")
    sheet.append(list(EXPORT_HEADERS.values()))
    kvk_column = list(EXPORT_HEADERS).index("kvk_number")

    for values in rows(queryset):
        cells = list(values)
        kvk = WriteOnlyCell(sheet, value=cells[kvk_column])
        kvk.data_type = TYPE_STRING
        kvk.number_format = "@"  # text: Excel keeps the leading zeros
        cells[kvk_column] = kvk
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
