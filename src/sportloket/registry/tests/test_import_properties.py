"""Any row the importer accepts gives an organisation whose page, history and exports open.

Hypothesis writes rows of the kind people export from other systems (any text, odd numbers and
dates, control characters, formulas, names of municipalities, sports and federations), imports
them through the same service as the page and the command, and opens, as a coordinator, each
organisation the import wrote: its page with its history, and the register's CSV and XLSX.
"""

import csv
import io
import string

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sportloket.core.models import Municipality
from sportloket.registry.importing.columns import EXPORT_HEADERS
from sportloket.registry.models import Organisation
from sportloket.registry.services import organisation_import

pytestmark = pytest.mark.django_db

COLUMNS = list(EXPORT_HEADERS)

odd_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters=";\r\n"), max_size=40
) | st.sampled_from(["=1+1", "'=A1", "-", "\x1b[31m", "a\x00b", "Ünïcødé 🏃", " ", "None"])
numbers = st.integers(min_value=-(10**25), max_value=10**25).map(str) | st.sampled_from(
    ["1.250", "1 250", "12,5", "1e309", "0"]
)
dates = st.dates().map(lambda d: d.strftime("%d-%m-%Y")) | st.sampled_from(
    ["30-02-2026", "0-0-0", "1991-02-09", "99999", "45000"]
)
known = {
    "municipality": st.sampled_from(["Houten", "Utrecht", "Gemeente Utrecht", "Nergens"]),
    "kind": st.sampled_from(["vereniging", "commercieel", "gemeente", "onbekend"]),
    "status": st.sampled_from(["actief", "opgeheven", "zzz"]),
    "postcode": st.sampled_from(["3991 AB", "3511KV", "1234", ""])
    | st.text(alphabet=string.ascii_uppercase + string.digits + " ", max_size=8),
    "kvk_number": st.text(alphabet=string.digits, min_size=0, max_size=12),
    "sports": st.sampled_from(["voetbal", "Voetbal, hockey", "tennis;", "onbekende sport"]),
    "federations": st.sampled_from(["KNVB", "KNHB, KNLTB", "XYZ"]),
    "email": st.sampled_from(["info@club.nl", "geen", "a@b", ""]),
    "phone": st.sampled_from(["030-1234567", "+31 6 12345678", "12", ""]),
    "website": st.sampled_from(["www.club.nl", "https://club.nl", "javascript:alert(1)", ""]),
    "member_count": numbers,
    "founded_on": dates,
}
rows = st.lists(
    st.fixed_dictionaries(
        {"name": odd_text.filter(lambda t: t.strip())},
        optional={column: known.get(column, odd_text) for column in COLUMNS if column != "name"},
    ),
    min_size=1,
    max_size=4,
)


def as_csv(records) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS.values())
    for record in records:
        writer.writerow([record.get(column, "") for column in COLUMNS])
    return out.getvalue().encode("utf-8")


@pytest.fixture
def area_desk(desk):
    desk.work_area.set(Municipality.objects.filter(code__in=["GM0344", "GM0321"]))
    return desk


def test_every_accepted_row_opens_and_exports(coordinator_client, area_desk, coordinator):
    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(rows)
    def check(records):
        plan, written = organisation_import(
            loket=area_desk, actor=coordinator, data=as_csv(records), skip_invalid=True
        )
        if not written:
            return
        accepted = [p.organisation.pk for p in plan.rows if p.organisation and p.organisation.pk]
        for organisation in Organisation.objects.filter(pk__in=accepted):
            page = coordinator_client.get(
                reverse("registry:organisation-detail", args=[area_desk.slug, organisation.pk])
            )
            assert page.status_code == 200, organisation.name
        export = reverse("registry:organisation-export", args=[area_desk.slug])
        as_text = coordinator_client.get(export, {"format": "csv"})
        assert as_text.status_code == 200
        workbook = coordinator_client.get(export, {"format": "xlsx"})
        assert workbook.status_code == 200
        sheet = load_workbook(io.BytesIO(workbook.content)).active
        assert sheet.max_row == 1 + Organisation.objects.for_desk(area_desk).count()

    check()
