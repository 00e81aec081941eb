"""An organisation file cannot hold a worker: an XLSX that unpacks to far more than it weighs is
refused before it is parsed, and no file is read beyond the row limit (a 1.8 MB XLSX of
300,000 rows x 40 cells once held a worker for 30 s)."""

import io
import time
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sportloket.registry.importing import read as importing
from sportloket.registry.importing.read import UnreadableFile, read_table
from sportloket.registry.models import ImportRun

pytestmark = pytest.mark.django_db

MAX_ROWS = 50_000  # twice the providers in the whole national register
ROWS_MESSAGE = "hoogstens 50.000 rijen"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)  # fmt: skip
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)  # fmt: skip
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)  # fmt: skip


def xlsx(rows, *, dimension=None, gap_to=None, level=9) -> bytes:
    """A hand-made XLSX: a header row 'Naam', then ``rows`` (pairs of a row element and how
    many times it repeats), compressed as far as zip goes (or faster, at a lower ``level``).
    ``gap_to`` adds one more row that far down."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b'<sheetData><row><c t="inlineStr"><is><t>Naam</t></is></c></row>')
            for row, count in rows:
                block = row.encode() * 1000
                for _ in range(count // 1000):
                    sheet.write(block)
                sheet.write(row.encode() * (count % 1000))
            if gap_to:
                sheet.write(f'<row r="{gap_to}"><c><v>1</v></c></row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def numbered_rows(count):
    """Rows that differ, so that they pack as a real sheet does (about ten to one)."""
    return [(f'<row><c t="inlineStr"><is><t>Club {n}</t></is></c></row>', 1) for n in range(count)]


def refused_quickly(data, limit_seconds=3.0):
    start = time.perf_counter()
    with pytest.raises(UnreadableFile) as error:
        read_table(data)
    elapsed = time.perf_counter() - start
    assert elapsed < limit_seconds, f"refused after {elapsed:.1f} s"
    return str(error.value)


def test_an_xlsx_bomb_is_refused_before_it_is_parsed():
    forty = "<row>" + "<c><v>1234</v></c>" * 40 + "</row>"
    bomb = xlsx([(forty, 300_000)], dimension="A1:AN300001")
    assert len(bomb) < 2 * 1024 * 1024  # the size of the file that held a worker for 30 s
    message = refused_quickly(bomb)
    assert "Excel" in message


def test_an_xlsx_bomb_without_a_dimension_is_refused_before_it_is_parsed():
    forty = "<row>" + "<c><v>1234</v></c>" * 40 + "</row>"
    message = refused_quickly(xlsx([(forty, 300_000)]))
    assert "Excel" in message


def test_a_sheet_that_declares_more_rows_than_the_limit_is_refused():
    data = xlsx(numbered_rows(10), dimension=f"A1:A{MAX_ROWS + 2}")
    assert ROWS_MESSAGE in refused_quickly(data, limit_seconds=1)


@pytest.fixture
def not_parsed(monkeypatch):
    """Makes parsing fail, so that a refusal proves the file was refused before it."""

    def refuse(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_an_xlsx_with_more_rows_than_the_limit_is_refused_before_it_is_parsed(not_parsed):
    # No dimension to go by, and a file within the size and packing limits.
    assert ROWS_MESSAGE in refused_quickly(xlsx(numbered_rows(MAX_ROWS + 1)))


def test_an_xlsx_with_more_cells_than_the_limit_is_refused_before_it_is_parsed(not_parsed):
    # 30,000 rows of 70 different numbers: within the row limit, the size and the packing.
    rows = [
        ("<row>" + "".join(f"<c><v>{(n * 31 + c) % 997}</v></c>" for c in range(70)) + "</row>", 1)
        for n in range(1000)
    ]
    assert "hoogstens 1.000.000" in refused_quickly(xlsx(rows * 30, level=1))


def test_a_row_far_down_a_sheet_does_not_make_the_reader_walk_to_it():
    # Four rows, so it is parsed: the reader stops at the row limit on its way to row 1,048,576.
    assert ROWS_MESSAGE in refused_quickly(xlsx(numbered_rows(3), gap_to=1_048_576))


def test_an_xlsx_within_the_limits_is_read():
    table = read_table(xlsx(numbered_rows(200), dimension="A1:A201"))
    assert len(table.rows) == 200 and table.headers == ["Naam"]


def test_the_unpacked_size_and_the_packing_are_checked_separately(monkeypatch):
    # Numbers that do not repeat pack about four to one: only the unpacked size refuses them.
    rows = [(f"<row><c><v>{n * 7919 % 100_003}</v></c></row>", 1) for n in range(40_000)]
    data = xlsx(rows)
    monkeypatch.setattr(importing, "MAX_UNPACKED_BYTES", 1024 * 1024)
    assert "uitgepakt" in refused_quickly(data)
    monkeypatch.undo()
    assert len(read_table(data).rows) == 40_000


def csv_rows(count):
    return ("Naam;Plaats\r\n" + "Club;Utrecht\r\n" * count).encode()


def test_a_csv_over_the_row_limit_is_refused():
    assert ROWS_MESSAGE in refused_quickly(csv_rows(MAX_ROWS + 1), limit_seconds=2)


def test_a_csv_of_exactly_the_row_limit_is_read():
    assert len(read_table(csv_rows(MAX_ROWS)).rows) == MAX_ROWS


def test_a_file_is_read_from_a_file_object_as_from_bytes():
    data = "Naam;Plaats\r\nCafé Één;Utrecht\r\n".encode("cp1252")
    assert (
        read_table(io.BytesIO(data)).rows == read_table(data).rows == [(2, ["Café Één", "Utrecht"])]
    )


def test_the_upload_page_refuses_a_bomb_next_to_the_field(coordinator_client, desk):
    forty = "<row>" + "<c><v>1234</v></c>" * 40 + "</row>"
    bomb = xlsx([(forty, 300_000)], dimension="A1:AN300001")

    url = reverse("registry:import-upload", args=[desk.slug])
    start = time.perf_counter()
    response = coordinator_client.post(url, {"file": SimpleUploadedFile("leden.xlsx", bomb)})
    assert time.perf_counter() - start < 3
    assert response.status_code == 400
    assert 'id="id_file_error"' in response.text
    assert not ImportRun.objects.exists()
