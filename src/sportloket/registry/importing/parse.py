"""Checking one row of an organisation file: values read the Dutch way (``1.250`` members,
``9-2-1991``), reference data found by the names people write, each problem naming its column.

``parse_row`` runs one small parser per column (``COLUMN_PARSERS``); an error refuses the row,
a warning is reported but lets it through. Nothing here writes to the database."""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from sportloket.registry.constants import OrganisationKind, OrganisationStatus
from sportloket.registry.importing.columns import FORMULA_GUARDED, plain
from sportloket.registry.importing.read import Table
from sportloket.registry.validation import clean_kvk_number, clean_phone, clean_postcode, name_key

# --- Dutch numbers and dates ---------------------------------------------------------------


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def parse_dutch_int(value):
    """``1.250`` and ``1 250`` are 1250; an Excel number arrives as a number."""
    if value in (None, ""):
        return None
    if _is_number(value):
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


def _date_from_text(text: str):
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


def parse_dutch_date(value):
    """``9-2-1991``, ``09/02/1991``, ``1991-02-09``, an Excel date or an Excel serial number."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _is_number(value):
        if not 1 <= value <= 2958465:  # Excel's own range: 1900 to 9999
            raise ValueError
        return _EXCEL_EPOCH + timedelta(days=int(value))
    return _date_from_text(str(value).strip())


# --- rows ----------------------------------------------------------------------------------


@dataclass
class ParsedRow:
    number: int
    values: dict
    errors: list = field(default_factory=list)  # (column header, message)
    warnings: list = field(default_factory=list)

    @property
    def name(self):
        return self.values.get("name", "")


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


def _by_names(items, *attributes) -> dict:
    return {plain(getattr(item, name)): item for item in items for name in attributes}


class Lookups:
    """Reference data by the names people write, loaded once per import."""

    def __init__(self, loket, municipalities, sports, federations):
        self.loket = loket
        self.municipalities = {}
        for municipality in municipalities:
            self.municipalities[plain(municipality.name)] = municipality
            self.municipalities[municipality.code.lower()] = municipality
        self.work_area = set(loket.work_area.values_list("pk", flat=True))
        self.sports = _by_names(sports, "name", "slug")
        self.federations = _by_names(federations, "abbreviation", "name")
        self.kinds = {plain(label): value for value, label in OrganisationKind.choices}
        self.kinds.update({plain(value): value for value in OrganisationKind.values})
        self.kinds.update(_KIND_WORDS)
        self.statuses = {plain(label): value for value, label in OrganisationStatus.choices}
        self.statuses.update({plain(v): v for v in OrganisationStatus.values})
        self.statuses.update({"opgeheven": OrganisationStatus.DISSOLVED, "actief": "active"})


@dataclass
class Cell:
    """One cell of a row as its column's parser sees it, and where its findings go."""

    key: str  # the canonical field
    value: object  # stripped, without the export's formula guard
    header: str  # as written in the file: problems name it
    row: ParsedRow
    lookups: Lookups

    def error(self, message) -> dict:
        """Refuses the row; the column's value is not set."""
        self.row.errors.append((self.header, message))
        return {}

    def warn(self, message) -> None:
        self.row.warnings.append((self.header, message))


# A column's parser reads its cell and returns the values it sets (none, when it refuses the
# row or the cell says nothing).
ColumnParser = Callable[[Cell], dict]


def _unless_empty(parser: ColumnParser) -> ColumnParser:
    """An empty cell leaves the field as it is (on a known organisation) or to its default."""

    @functools.wraps(parser)
    def parse(cell: Cell) -> dict:
        return parser(cell) if cell.value else {}

    return parse


def _split_list(value) -> list[str]:
    return [part.strip() for part in re.split(r"[,;/|]", str(value or "")) if part.strip()]


def _name(cell: Cell) -> dict:
    name = " ".join(str(cell.value or "").split())
    if not name:
        cell.error(_("The name is missing."))
    elif len(name) > 200:
        cell.error(_("The name is longer than 200 characters."))
    return {"name": name, "name_key": name_key(name)}


def _identifier(clean) -> ColumnParser:
    """A Dutch identifier (KvK number, postcode, phone), checked as the forms check it; a
    spreadsheet may have made a number of it."""

    def parse(cell: Cell) -> dict:
        raw = str(int(cell.value)) if _is_number(cell.value) else cell.value
        try:
            return {cell.key: clean(raw or "")}
        except ValidationError as problem:
            return cell.error(problem.messages[0])

    return parse


def _text(limit: int) -> ColumnParser:
    """Text on one line, at most ``limit`` characters."""

    def parse(cell: Cell) -> dict:
        value = " ".join(str(cell.value or "").split())
        if len(value) > limit:
            cell.error(_("Longer than %(limit)s characters.") % {"limit": limit})
        return {cell.key: value}

    return parse


def _passes(validator, value: str, max_length: int) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return len(value) <= max_length


@_unless_empty
def _email(cell: Cell) -> dict:
    email = str(cell.value).strip().lower()
    if not _passes(EmailValidator(), email, 254):
        return cell.error(_("'%(value)s' is not a valid e-mail address.") % {"value": email})
    return {"email": email}


@_unless_empty
def _website(cell: Cell) -> dict:
    website = str(cell.value).strip()
    if not re.match(r"^https?://", website, re.IGNORECASE):
        website = f"https://{website}"
    if not _passes(URLValidator(), website, 200):
        return cell.error(_("'%(value)s' is not a valid web address.") % {"value": website})
    return {"website": website}


MAX_MEMBERS = 2_000_000


def _member_count(cell: Cell) -> dict:
    try:
        count = parse_dutch_int(cell.value)
        if count is not None and count > MAX_MEMBERS:
            raise ValueError
    except ValueError:
        return cell.error(_("'%(value)s' is not a whole number.") % {"value": cell.value})
    return {"member_count": count}


def _founded_on(cell: Cell) -> dict:
    try:
        founded = parse_dutch_date(cell.value)
        if founded and founded > date.today():
            raise ValueError
    except (ValueError, OverflowError):
        return cell.error(
            _("'%(value)s' is not a valid date (use day-month-year, such as 9-2-1991).")
            % {"value": cell.value}
        )
    return {"founded_on": founded}


# Without a kind, a new organisation becomes a club; a known one keeps its kind.
@_unless_empty
def _kind(cell: Cell) -> dict:
    kind = cell.lookups.kinds.get(plain(cell.value))
    if kind is None:
        cell.error(_("Unknown kind of organisation: '%(value)s'.") % {"value": cell.value})
    return {"kind": kind}


@_unless_empty
def _status(cell: Cell) -> dict:
    status = cell.lookups.statuses.get(plain(cell.value))
    if status is None:
        cell.error(_("Unknown status: '%(value)s'.") % {"value": cell.value})
    return {"status": status}


@_unless_empty
def _municipality(cell: Cell) -> dict:
    known = cell.lookups.municipalities
    municipality = known.get(plain(cell.value)) or known.get(str(cell.value).strip().lower())
    if municipality is None:
        cell.warn(
            _("Unknown municipality '%(value)s': the organisation is imported without one.")
            % {"value": cell.value}
        )
        return {}
    if municipality.pk not in cell.lookups.work_area:
        cell.warn(
            _("%(name)s lies outside the work area of this desk.") % {"name": municipality.name}
        )
    return {"municipality": municipality}


def _known_list(lookup: str) -> ColumnParser:
    """A list of sports or federations by name; an unknown one is left out with a warning."""

    @_unless_empty
    def parse(cell: Cell) -> dict:
        table = getattr(cell.lookups, lookup)
        found = []
        for part in _split_list(cell.value):
            match = table.get(plain(part))
            if match is None:
                cell.warn(_("Unknown: '%(value)s' (left out).") % {"value": part})
            elif match not in found:
                found.append(match)
        return {cell.key: found}

    return parse


@_unless_empty
def _tags(cell: Cell) -> dict:
    return {"tags": _split_list(cell.value)}


# In the order a row's problems are reported.
COLUMN_PARSERS: dict[str, ColumnParser] = {
    "name": _name,
    "kvk_number": _identifier(clean_kvk_number),
    "postcode": _identifier(clean_postcode),
    "phone": _identifier(clean_phone),
    "address": _text(200),
    "city": _text(100),
    "email": _email,
    "website": _website,
    "member_count": _member_count,
    "founded_on": _founded_on,
    "kind": _kind,
    "status": _status,
    "municipality": _municipality,
    "sports": _known_list("sports"),
    "federations": _known_list("federations"),
    "tags": _tags,
}


def _cell_value(cells: list, index: int):
    if index >= len(cells):
        return None
    value = cells[index]
    if isinstance(value, str):
        value = value.strip()
        if value[:2] in FORMULA_GUARDED:
            value = value[1:]  # the export's guard against spreadsheet formulas
    return value


def parse_row(number: int, cells: list, table: Table, lookups: Lookups) -> ParsedRow:
    """Checks one row: each column of the file that names a field, by its parser."""
    row = ParsedRow(number=number, values={})
    for key, parser in COLUMN_PARSERS.items():
        index = table.columns.get(key)
        if index is None:
            continue
        cell = Cell(
            key=key,
            value=_cell_value(cells, index),
            header=table.headers[index],
            row=row,
            lookups=lookups,
        )
        row.values.update(parser(cell))
    return row
