"""The inbox's filtered list as a file: every page of it, only what the member may see, Dutch
headers whatever the member's language, and cells a spreadsheet would run made harmless."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import services
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.helprequests.tests.factories import submit_request as submit
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

HEADERS = [
    "Vraagnummer",
    "Ontvangen",
    "Status",
    "Urgentie",
    "Organisatie",
    "Gemeente",
    "Soort aanbieder",
    "Contactpersoon",
    "E-mailadres",
    "Telefoonnummer",
    "Thema's",
    "Toegewezen aan",
    "Eerste reactie uiterlijk",
    "Besluit uiterlijk",
    "Te laat",
    "Vraag",
]


def export(client, desk, **params):
    url = reverse("helprequests:inbox-export", args=[desk.slug])
    return client.get(url, params)


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_the_csv_has_dutch_headers_and_every_page_of_the_filtered_list(coordinator_client, desk):
    HelpRequestFactory.create_batch(55, loket=desk, question="Over vrijwilligers")
    HelpRequestFactory(loket=desk, question="Over geld")
    response = export(coordinator_client, desk, q="vrijwilligers", format="csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="vragen-alpha-')
    rows = csv_rows(response)
    assert rows[0] == HEADERS
    assert len(rows) == 1 + 55  # more than a page of the inbox
    assert {row[-1] for row in rows[1:]} == {"Over vrijwilligers"}


def test_a_row_holds_the_question_as_the_desk_sees_it(coordinator_client, desk, coordinator):
    club = OrganisationFactory.for_desk(desk, name="HC Houten")
    question = submit(
        desk, organisation=club, contact_name="Eva Brouwer", contact_phone="030 123 4567"
    )
    sanne = MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Vries")
    services.request_assign(help_request=question, membership=sanne, actor=coordinator)
    (row,) = csv_rows(export(coordinator_client, desk))[1:]
    cells = dict(zip(HEADERS, row, strict=True))
    assert cells["Vraagnummer"] == str(question.pk)
    assert cells["Status"] == "Ingediend" and cells["Urgentie"] == "Normaal"
    assert cells["Organisatie"] == "HC Houten" and cells["Soort aanbieder"] == "Sportvereniging"
    assert cells["Contactpersoon"] == "Eva Brouwer"
    assert cells["Toegewezen aan"] == "Sanne de Vries"
    assert cells["Eerste reactie uiterlijk"] == question.respond_by.isoformat()
    assert cells["Te laat"] == "nee"


def test_the_file_is_dutch_whatever_the_members_language(coordinator_client, desk):
    submit(desk)
    coordinator_client.cookies["django_language"] = "en"
    page = coordinator_client.get(reverse("helprequests:inbox", args=[desk.slug])).text
    assert "Questions" in page  # the page follows the member's language
    rows = csv_rows(export(coordinator_client, desk))
    assert rows[0] == HEADERS and rows[1][2] == "Ingediend"


def test_cells_a_spreadsheet_would_run_are_guarded(coordinator_client, desk):
    HelpRequestFactory(loket=desk, question='=HYPERLINK("http://evil.example")', contact_name="@x")
    row = csv_rows(export(coordinator_client, desk))[1]
    assert row[-1] == '\'=HYPERLINK("http://evil.example")'
    assert row[HEADERS.index("Contactpersoon")] == "'@x"


def test_the_export_holds_only_what_the_member_may_see(client, desk, other_desk):
    HelpRequestFactory(loket=desk, question="In de wachtrij")
    HelpRequestFactory(loket=desk, in_progress=True, question="Van een collega")
    HelpRequestFactory(loket=other_desk, question="Van een ander loket")
    supporter = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    rows = csv_rows(export(client, desk, state="all"))
    assert [row[-1] for row in rows[1:]] == ["In de wachtrij"]
    viewer = MembershipFactory(loket=desk)
    client.force_login(viewer.user)
    assert export(client, desk).status_code == 403


def test_the_xlsx_has_the_same_headers_and_rows(coordinator_client, desk):
    HelpRequestFactory(loket=desk, question="+31 vraag", organisation_name="VV Oost")
    response = export(coordinator_client, desk, format="xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Vragen"
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADERS
    assert rows[1][HEADERS.index("Organisatie")] == "VV Oost"
    assert rows[1][-1] == "'+31 vraag"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_export_needs_the_same_queries_whatever_the_rows(
    coordinator_client, desk, coordinator, file_format
):
    sanne = MembershipFactory(loket=desk, supporter=True)

    def add(n):
        for _ in range(n):
            question = HelpRequestFactory(loket=desk, from_register=True)
            services.request_assign(help_request=question, membership=sanne, actor=coordinator)

    def fetch():
        response = export(coordinator_client, desk, format=file_format)
        return response.content if file_format == "xlsx" else b"".join(response.streaming_content)

    add(1)
    assert_queries_do_not_grow(fetch, add, more=20)
