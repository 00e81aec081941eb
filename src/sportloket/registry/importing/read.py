"""Reading an organisation file into a table of raw cells, without holding a worker.

CSV with ``,`` or ``;`` (detected), UTF-8 with or without BOM or Windows-1252 (detected), and
XLSX. Columns are found by their Dutch headers and common variants (``columns``). Beyond
``MAX_FILE_BYTES`` (checked by ``core.uploads.check_upload``, as every upload is) or ``MAX_ROWS``
rows a file is refused with a Dutch message, and an XLSX is inspected as a zip (unpacked size,
packing, rows and cells counted) before it is parsed; parsing stops at the row limit.
"""

import codecs
import csv
import io
import itertools
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from sportloket.core.inputs import strip_control_characters
from sportloket.core.uploads import check_upload
from sportloket.registry.importing.columns import HEADER_LOOKUP, plain


class UnreadableFile(Exception):
    """The file is not a table this importer can read; the message says why, in Dutch."""


@dataclass
class Table:
    headers: list[str]  # as written in the file
    columns: dict[str, int]  # canonical field -> column index
    rows: list[tuple[int, list]]  # (row number as the spreadsheet shows it, cells)
    unknown_headers: list[str] = field(default_factory=list)


# Twice the sports providers in the whole national register: no desk sends more in one file.
MAX_ROWS = 50_000
MAX_FILE_BYTES = 20 * 1024 * 1024
# An XLSX is a zip file. Our own export of 50,000 organisations unpacks to about 50 MB at about
# 12 to 1; an archive that unpacks to more, or any part of it packed far tighter, is built to
# hold a worker (a 1.8 MB file once unpacked to 300,000 rows x 40 cells).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PACKING_RATIO = 100
# Reading takes some microseconds a cell, so the cells are counted before: a million (50,000
# rows of 20 columns) is read in seconds. A cell is two to four XML elements (<c><v>, or
# <c><is><t> for text): our own export of 50,000 organisations has 3.3 million elements.
MAX_CELLS = 1_000_000
MAX_ELEMENTS = 4 * MAX_CELLS
_RATIO_FROM_BYTES = 1024 * 1024  # small parts (styles, themes) may pack as tightly as they like
_CHUNK = 64 * 1024


def _too_many_rows() -> UnreadableFile:
    return UnreadableFile(
        _(
            "The file has more rows than can be read at once: at most %(max)s rows. Split the "
            "file, or remove empty rows at the bottom of the sheet."
        )
        % {"max": number_format(MAX_ROWS, force_grouping=True)}
    )


def _limited(rows):
    """The rows, and a refusal as soon as there are more than the header and ``MAX_ROWS``."""
    result = []
    for row in rows:
        result.append(row)
        if len(result) > MAX_ROWS + 1:
            raise _too_many_rows()
    return result


# --- CSV -----------------------------------------------------------------------------------


def _encoding(file) -> str:
    """UTF-8 when the whole file decodes as UTF-8, else Windows-1252; read in pieces."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := file.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _read_csv(file) -> list[list]:
    start = 3 if file.read(3) == b"\xef\xbb\xbf" else 0
    file.seek(start)
    encoding = _encoding(file)
    file.seek(start)
    # Lines end in \n, \r\n or \r (Excel for Mac); quoted line breaks stay in their field.
    text = io.TextIOWrapper(file, encoding=encoding, errors="replace", newline="")
    try:
        first_line = text.readline()
        # Excel may write a "sep=;" line first to name the separator.
        if first_line.strip().lower() in ("sep=;", "sep=,"):
            first_line = text.readline()
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        return _limited(csv.reader(itertools.chain([first_line], text), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableFile(_("The file is not a readable CSV file.")) from error
    finally:
        text.detach()  # the caller's file stays open


# --- XLSX ----------------------------------------------------------------------------------

# A row element, with or without a namespace prefix; every tag starts with "<", so a tag that a
# piece cuts in two is found whole in the piece's tail, which is carried to the next piece.
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?row[\s/>]")
_TAG_ROOM = 32


def _count_elements(archive, part, budget: int) -> int:
    """The elements in one part, counted while it unpacks (in C, piece by piece). Refuses a
    part with more rows than an import reads; stops counting beyond ``budget``."""
    elements = rows = 0
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1024 * 1024):
            elements += chunk.count(b"<") - chunk.count(b"</")
            data = tail + chunk
            tail = data[-_TAG_ROOM:]
            # The rows that start before the tail; those in it are counted with the next piece.
            rows += len(_ROW_TAG.findall(data)) - len(_ROW_TAG.findall(tail))
            if rows > MAX_ROWS + 1:
                raise _too_many_rows()
            if elements > budget:
                return elements
    if rows + len(_ROW_TAG.findall(tail)) > MAX_ROWS + 1:
        raise _too_many_rows()
    return elements


def _check_sizes(parts) -> None:
    """Refuses an archive that unpacks to too much, or has a part packed far tighter than a
    spreadsheet is. The sizes in the archive's directory bind: unpacking stops (with an error)
    at the declared size."""
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            _("The Excel file is too large unpacked: at most %(mb)s MB.")
            % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    for part in parts:
        if part.file_size > _RATIO_FROM_BYTES and (
            part.file_size > MAX_PACKING_RATIO * max(part.compress_size, 1)
        ):
            raise UnreadableFile(
                _(
                    "The Excel file is packed far more tightly than a spreadsheet is; it "
                    "is not read. Save it again with Excel, or as CSV."
                )
            )


def _check_cells(archive, parts) -> None:
    """Refuses an archive that holds more rows or cells than an import reads: counted, not
    parsed (the reader parses a sheet that does not declare its size once through to find it,
    before it reads a row)."""
    elements = 0
    for part in parts:
        elements += _count_elements(archive, part, MAX_ELEMENTS - elements)
        if elements > MAX_ELEMENTS:
            raise UnreadableFile(
                _(
                    "The file has more cells than can be read at once: at most "
                    "%(max)s. Leave out the columns the import does not need, or split "
                    "the file."
                )
                % {"max": number_format(MAX_CELLS, force_grouping=True)}
            )


def _check_archive(file) -> None:
    """Refuses an XLSX that would hold a worker, before anything is parsed."""
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
            _check_sizes(parts)
            _check_cells(archive, parts)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as error:
        raise UnreadableFile(_("The Excel file could not be read.")) from error


def _read_xlsx(file) -> list[list]:
    # Loaded when a spreadsheet comes in, not with every process that imports the register.
    from openpyxl import load_workbook

    _check_archive(file)
    file.seek(0)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:
        raise UnreadableFile(_("The Excel file could not be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        # The size the sheet declares: beyond the limit, it is not read at all.
        if (sheet.max_row or 0) > MAX_ROWS + 1:
            raise _too_many_rows()
        # Then forgotten: rows are not padded to a declared width (a sheet may declare 16,384
        # columns), and the row limit, not a declared last row, ends the reading.
        sheet.reset_dimensions()
        return _limited(list(row) for row in sheet.iter_rows(values_only=True))
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(_("The Excel file could not be read.")) from error
    finally:
        workbook.close()


# --- the table -----------------------------------------------------------------------------


def _check_size(file) -> None:
    """Refuses a file larger than ``MAX_FILE_BYTES`` (before reading it) or an empty one."""
    upload = File(file)
    try:
        check_upload(upload, max_bytes=MAX_FILE_BYTES)
    except ValidationError as error:
        raise UnreadableFile(error.messages[0]) from error
    if not upload.size:
        raise UnreadableFile(_("The file is empty."))


def _is_empty(cells) -> bool:
    return all(cell in (None, "") or str(cell).strip() == "" for cell in cells)


def _columns(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """The column of each known field (the first that names it), and the headers not used."""
    columns, unknown = {}, []
    for index, header in enumerate(headers):
        key = HEADER_LOOKUP.get(plain(header))
        if key and key not in columns:
            columns[key] = index
        elif header:
            unknown.append(header)
    return columns, unknown


def read_table(source) -> Table:
    """Reads a CSV or XLSX file (bytes, or a binary file object read in pieces) into a table
    with known columns; ignores empty rows. Raises UnreadableFile for a file that is too large,
    has more than ``MAX_ROWS`` rows, or is no table this importer reads."""
    file = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    file.seek(0)
    _check_size(file)
    file.seek(0)
    head = file.read(4)
    file.seek(0)
    raw = _read_xlsx(file) if head == b"PK\x03\x04" else _read_csv(file)
    while raw and _is_empty(raw[-1]):
        raw.pop()
    if not raw:
        raise UnreadableFile(_("The file is empty."))
    headers = [strip_control_characters(str(cell or "")).strip() for cell in raw[0]]
    columns, unknown = _columns(headers)
    if "name" not in columns:
        raise UnreadableFile(
            _("No column with the name of the organisation was found (for example 'Naam').")
        )
    # What comes in from a file is cleaned as what comes in from a form (core.inputs): no
    # control characters, which PostgreSQL (NUL) and spreadsheets (the rest) refuse.
    rows = [
        (number, [strip_control_characters(cell) for cell in cells])
        for number, cells in enumerate(raw[1:], start=2)
        if not _is_empty(cells)
    ]
    return Table(headers=headers, columns=columns, rows=rows, unknown_headers=unknown)
