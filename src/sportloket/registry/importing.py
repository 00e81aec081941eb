"""Reading the organisation files that municipalities and federations really send.

CSV with ``,`` or ``;`` (detected), UTF-8 with or without BOM or Windows-1252 (detected), and
XLSX. Columns are found by their Dutch headers and common variants; values are read the Dutch
way (``1.250`` members, ``9-2-1991``). ``read_table`` turns a file (bytes or a file object,
read in pieces) into rows of raw values; ``parse_row`` turns one row into checked values plus
errors and warnings, each naming its column. Nothing here writes to the database:
``services.organisation_import`` does.

No file holds a worker: beyond ``MAX_FILE_BYTES`` or ``MAX_ROWS`` rows a file is refused with a
Dutch message, and an XLSX is inspected as a zip (unpacked size, packing, rows and cells counted)
before it is parsed; parsing stops at the row limit.
"""

import codecs
import csv
import io
import itertools
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from sportloket.core.inputs import strip_control_characters
from sportloket.registry.constants import OrganisationKind, OrganisationStatus
from sportloket.registry.validation import clean_kvk_number, clean_phone, clean_postcode, name_key

# Canonical field -> the Dutch header written on export (and accepted on import).
EXPORT_HEADERS = {
    "name": "Naam",
    "kind": "Soort",
    "kvk_number": "KvK-nummer",
    "address": "Adres",
    "postcode": "Postcode",
    "city": "Plaats",
    "municipality": "Gemeente",
    "sports": "Sporten",
    "federations": "Sportbonden",
    "email": "E-mail",
    "phone": "Telefoon",
    "website": "Website",
    "member_count": "Aantal leden",
    "founded_on": "Opgericht",
    "status": "Status",
    "tags": "Labels",
}

_ALIASES = {
    "name": [
        "naam", "naam vereniging", "verenigingsnaam", "organisatie", "naam organisatie",
        "organisatienaam", "naam sportaanbieder", "sportaanbieder", "statutaire naam",
        "handelsnaam", "name",
    ],
    "kind": ["soort", "type", "soort organisatie", "soort aanbieder", "categorie"],
    "kvk_number": ["kvk", "kvk nummer", "kvknummer", "kvk nr", "kamer van koophandel", "kvk-nr"],
    "address": ["adres", "straat", "straat en huisnummer", "bezoekadres", "vestigingsadres"],
    "postcode": ["postcode", "pc", "postcode bezoekadres"],
    "city": ["plaats", "woonplaats", "vestigingsplaats", "plaatsnaam", "stad"],
    "municipality": ["gemeente", "gemeentenaam", "gemeentecode"],
    "sports": ["sport", "sporten", "sportaanbod", "tak van sport", "takken van sport"],
    "federations": ["sportbond", "sportbonden", "bond", "bonden", "aangesloten bij"],
    "email": ["e-mail", "email", "e-mailadres", "emailadres", "mail"],
    "phone": ["telefoon", "telefoonnummer", "tel", "tel nr", "telefoon nr"],
    "website": ["website", "internet", "url", "site", "webadres"],
    "member_count": ["aantal leden", "leden", "ledenaantal", "ledental", "aantal"],
    "founded_on": ["opgericht", "oprichtingsdatum", "datum oprichting", "opgericht op"],
    "status": ["status"],
    "tags": ["labels", "label", "tags"],
}  # fmt: skip

_KIND_WORDS = {
    "vereniging": OrganisationKind.CLUB,
    "sportvereniging": OrganisationKind.CLUB,
    "club": OrganisationKind.CLUB,
    "sportclub": OrganisationKind.CLUB,
    "ondernemer": OrganisationKind.COMMERCIAL,
    "ondernemend": OrganisationKind.COMMERCIAL,
    "commercieel": OrganisationKind.COMMERCIAL,
    "sportschool": OrganisationKind.COMMERCIAL,
    "bond": OrganisationKind.FEDERATION,
}


def _plain(text) -> str:
    """Lower case, no accents, punctuation as spaces: for comparing headers and names."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


_HEADER_LOOKUP = {_plain(alias): key for key, aliases in _ALIASES.items() for alias in aliases}
_HEADER_LOOKUP.update({_plain(header): key for key, header in EXPORT_HEADERS.items()})


# A cell that starts with one of these is a formula to a spreadsheet: the export puts a quote
# before it, and the import takes that quote off again.
FORMULA_STARTS = ("=", "+", "-", "@")
FORMULA_GUARDED = tuple(f"'{c}" for c in FORMULA_STARTS)


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


def _check_archive(file) -> None:
    """Refuses an XLSX that would hold a worker, before anything is parsed: one that unpacks to
    too much, has a part packed far tighter than a spreadsheet is, or holds more rows or cells
    than an import reads. The sizes in the archive's directory bind: unpacking stops (with an
    error) at the declared size."""
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
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
            # Counted, not parsed (the reader parses a sheet that does not declare its size
            # once through to find it, before it reads a row).
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
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as error:
        raise UnreadableFile(_("The Excel file could not be read.")) from error


def _read_xlsx(file) -> list[list]:
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


def read_table(source) -> Table:
    """Reads a CSV or XLSX file (bytes, or a binary file object read in pieces) into a table
    with known columns; ignores empty trailing rows. Raises UnreadableFile for a file that is
    too large, has more than ``MAX_ROWS`` rows, or is no table this importer reads."""
    file = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    file.seek(0, io.SEEK_END)
    size = file.tell()
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            _("The file is too large: at most %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    file.seek(0)
    if not size:
        raise UnreadableFile(_("The file is empty."))
    head = file.read(4)
    file.seek(0)
    raw = _read_xlsx(file) if head == b"PK\x03\x04" else _read_csv(file)
    while raw and all(cell in (None, "") or str(cell).strip() == "" for cell in raw[-1]):
        raw.pop()
    if not raw:
        raise UnreadableFile(_("The file is empty."))
    headers = [strip_control_characters(str(cell or "")).strip() for cell in raw[0]]
    columns, unknown = {}, []
    for index, header in enumerate(headers):
        key = _HEADER_LOOKUP.get(_plain(header))
        if key and key not in columns:
            columns[key] = index
        elif header:
            unknown.append(header)
    if "name" not in columns:
        raise UnreadableFile(
            _("No column with the name of the organisation was found (for example 'Naam').")
        )
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        if all(cell in (None, "") or str(cell).strip() == "" for cell in cells):
            continue
        # What comes in from a file is cleaned as what comes in from a form (core.inputs): no
        # control characters, which PostgreSQL (NUL) and spreadsheets (the rest) refuse.
        rows.append((number, [strip_control_characters(cell) for cell in cells]))
    return Table(headers=headers, columns=columns, rows=rows, unknown_headers=unknown)


def parse_dutch_int(value):
    """``1.250`` and ``1 250`` are 1250; an Excel number arrives as a number."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value) != int(value) or value < 0:
            raise ValueError
        return int(value)
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    if not text.isdigit():
        raise ValueError
    return int(text)


_EXCEL_EPOCH = date(1899, 12, 30)


def parse_dutch_date(value):
    """``9-2-1991``, ``09/02/1991``, ``1991-02-09``, an Excel date or an Excel serial number."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value <= 2958465:  # Excel's own range: 1900 to 9999
            raise ValueError
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, day)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return date(year, month, day)
    if re.fullmatch(r"\d{5}", text):
        return parse_dutch_date(int(text))
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1)
    raise ValueError


@dataclass
class ParsedRow:
    number: int
    values: dict
    errors: list = field(default_factory=list)  # (column header, message)
    warnings: list = field(default_factory=list)

    @property
    def name(self):
        return self.values.get("name", "")


class Lookups:
    """Reference data by the names people write, loaded once per import."""

    def __init__(self, loket, municipalities, sports, federations):
        self.loket = loket
        self.municipalities = {}
        for municipality in municipalities:
            self.municipalities[_plain(municipality.name)] = municipality
            self.municipalities[municipality.code.lower()] = municipality
        self.work_area = set(loket.work_area.values_list("pk", flat=True))
        self.sports = {}
        for sport in sports:
            self.sports[_plain(sport.name)] = sport
            self.sports[_plain(sport.slug)] = sport
        self.federations = {}
        for federation in federations:
            self.federations[_plain(federation.abbreviation)] = federation
            self.federations[_plain(federation.name)] = federation
        self.kinds = {_plain(label): value for value, label in OrganisationKind.choices}
        self.kinds.update({_plain(value): value for value in OrganisationKind.values})
        self.kinds.update(_KIND_WORDS)
        self.statuses = {_plain(label): value for value, label in OrganisationStatus.choices}
        self.statuses.update({_plain(v): v for v in OrganisationStatus.values})
        self.statuses.update({"opgeheven": OrganisationStatus.DISSOLVED, "actief": "active"})


def _split_list(value) -> list[str]:
    return [part.strip() for part in re.split(r"[,;/|]", str(value or "")) if part.strip()]


def parse_row(number: int, cells: list, table: Table, lookups: Lookups) -> ParsedRow:
    """Checks one row. Errors refuse the row; warnings are reported but let it through."""
    row = ParsedRow(number=number, values={})

    def cell(key):
        index = table.columns.get(key)
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        if isinstance(value, str):
            value = value.strip()
            if value[:2] in FORMULA_GUARDED:
                value = value[1:]  # the export's guard against spreadsheet formulas
        return value

    def header(key):
        return table.headers[table.columns[key]]

    def error(key, message):
        row.errors.append((header(key), message))

    def warn(key, message):
        row.warnings.append((header(key), message))

    name = " ".join(str(cell("name") or "").split())
    if not name:
        error("name", _("The name is missing."))
    elif len(name) > 200:
        error("name", _("The name is longer than 200 characters."))
    row.values["name"] = name
    row.values["name_key"] = name_key(name)

    simple = {
        "kvk_number": clean_kvk_number,
        "postcode": clean_postcode,
        "phone": clean_phone,
    }
    for key, clean in simple.items():
        if key in table.columns:
            raw = cell(key)
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                raw = str(int(raw))
            try:
                row.values[key] = clean(raw or "")
            except ValidationError as problem:
                error(key, problem.messages[0])

    for key, limit in (("address", 200), ("city", 100)):
        if key in table.columns:
            value = " ".join(str(cell(key) or "").split())
            if len(value) > limit:
                error(key, _("Longer than %(limit)s characters.") % {"limit": limit})
            row.values[key] = value

    if "email" in table.columns and cell("email"):
        email = str(cell("email")).strip().lower()
        try:
            EmailValidator()(email)
            if len(email) > 254:
                raise ValidationError("too long")
            row.values["email"] = email
        except ValidationError:
            error("email", _("'%(value)s' is not a valid e-mail address.") % {"value": email})

    if "website" in table.columns and cell("website"):
        website = str(cell("website")).strip()
        if not re.match(r"^https?://", website, re.IGNORECASE):
            website = f"https://{website}"
        try:
            URLValidator()(website)
            if len(website) > 200:
                raise ValidationError("too long")
            row.values["website"] = website
        except ValidationError:
            error("website", _("'%(value)s' is not a valid web address.") % {"value": website})

    if "member_count" in table.columns:
        try:
            count = parse_dutch_int(cell("member_count"))
            if count is not None and count > 2_000_000:
                raise ValueError
            row.values["member_count"] = count
        except ValueError:
            error(
                "member_count",
                _("'%(value)s' is not a whole number.") % {"value": cell("member_count")},
            )

    if "founded_on" in table.columns:
        try:
            founded = parse_dutch_date(cell("founded_on"))
            if founded and founded > date.today():
                raise ValueError
            row.values["founded_on"] = founded
        except (ValueError, OverflowError):
            error(
                "founded_on",
                _("'%(value)s' is not a valid date (use day-month-year, such as 9-2-1991).")
                % {"value": cell("founded_on")},
            )

    # Without a kind, a new organisation becomes a club; a known one keeps its kind.
    if "kind" in table.columns and cell("kind"):
        kind = lookups.kinds.get(_plain(cell("kind")))
        if kind is None:
            error("kind", _("Unknown kind of organisation: '%(value)s'.") % {"value": cell("kind")})
        row.values["kind"] = kind

    if "status" in table.columns and cell("status"):
        status = lookups.statuses.get(_plain(cell("status")))
        if status is None:
            error("status", _("Unknown status: '%(value)s'.") % {"value": cell("status")})
        row.values["status"] = status

    if "municipality" in table.columns and cell("municipality"):
        municipality = lookups.municipalities.get(_plain(cell("municipality"))) or (
            lookups.municipalities.get(str(cell("municipality")).strip().lower())
        )
        if municipality is None:
            warn(
                "municipality",
                _("Unknown municipality '%(value)s': the organisation is imported without one.")
                % {"value": cell("municipality")},
            )
        else:
            row.values["municipality"] = municipality
            if municipality.pk not in lookups.work_area:
                warn(
                    "municipality",
                    _("%(name)s lies outside the work area of this desk.")
                    % {"name": municipality.name},
                )

    for key, table_lookup in (("sports", lookups.sports), ("federations", lookups.federations)):
        if key in table.columns and cell(key):
            found = []
            for part in _split_list(cell(key)):
                match = table_lookup.get(_plain(part))
                if match is None:
                    warn(key, _("Unknown: '%(value)s' (left out).") % {"value": part})
                elif match not in found:
                    found.append(match)
            row.values[key] = found

    if "tags" in table.columns and cell("tags"):
        row.values["tags"] = _split_list(cell("tags"))
    return row
