"""The club check's figures as open data: one documented set of columns for the page, the CSV
file and the JSON file, so the three always carry the same numbers. A suppressed figure (it
would cover fewer than five providers) is empty in CSV and ``null`` in JSON."""

import csv
import io

from django.utils.translation import gettext_lazy as _

from sportloket.clubcheck.constants import (
    CORE_VERSION,
    SMALL_GROUP,
    Facilities,
    Finances,
    HelpTopic,
)
from sportloket.clubcheck.selectors.results import COUNT_FIELDS, SUM_FIELDS

# (column, description): the header of the files, documented in the JSON file itself and on the
# results page.
COLUMNS = (
    ("dimension", _("How the providers are grouped: total, municipality, kind or sport.")),
    ("group", _("The group's code: the CBS code of the municipality, the kind, the sport's id.")),
    ("label", _("The group's name.")),
    ("invited", _("Providers invited.")),
    ("answered", _("Providers that answered.")),
    ("response_rate", _("Share of the invited providers that answered, in percent.")),
    ("members_youth", _("Members under 18, added up.")),
    ("members_adult", _("Members of 18 to 64, added up.")),
    ("members_senior", _("Members of 65 and older, added up.")),
    ("volunteers", _("Volunteers, added up.")),
    ("board_vacancies", _("Open places on boards, added up.")),
    ("with_board_vacancy", _("Providers with at least one open place on the board.")),
    *(
        (f"finances_{v}", _("Providers whose finances are: %(label)s.") % {"label": label})
        for v, label in Finances.choices
    ),
    *(
        (f"facilities_{v}", _("Providers whose accommodation is: %(label)s.") % {"label": label})
        for v, label in Facilities.choices
    ),
    *(
        (f"topic_{v}", _("Providers that want help with: %(label)s.") % {"label": label})
        for v, label in HelpTopic.choices
    ),
)
COLUMN_NAMES = tuple(name for name, _description in COLUMNS)
assert set(COLUMN_NAMES) >= {*SUM_FIELDS, *COUNT_FIELDS}


def group_code(group) -> str:
    return "" if group.key is None else str(group.key)


def row(group) -> dict:
    """One group as the files write it; a suppressed figure is None."""
    values = {
        "dimension": group.dimension,
        "group": group_code(group),
        "label": str(group.label),
        "invited": None if group.suppressed else group.invited,
        "answered": None if group.suppressed else group.answered,
        "response_rate": group.response_rate,
    }
    for name in (*SUM_FIELDS, *COUNT_FIELDS):
        values[name] = group.value(name)
    return values


def rows(results: dict) -> list[dict]:
    return [row(group) for groups in results.values() for group in groups]


def as_csv(results: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    for values in rows(results):
        writer.writerow({k: "" if v is None else v for k, v in values.items()})
    return out.getvalue()


def as_json(results: dict, *, title: str, year: int, source: str) -> dict:
    return {
        "title": title,
        "year": year,
        "core_version": CORE_VERSION,
        "source": source,
        "licence": "CC0-1.0",
        "suppression": str(
            _("A figure that would cover fewer than %(n)d providers is null.") % {"n": SMALL_GROUP}
        ),
        "columns": [{"name": name, "description": str(text)} for name, text in COLUMNS],
        "rows": rows(results),
    }
