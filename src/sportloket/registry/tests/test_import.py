import datetime
from io import StringIO
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command

from sportloket.core.models import Municipality
from sportloket.registry import services
from sportloket.registry.importing.apply import plan_import
from sportloket.registry.importing.parse import parse_dutch_date, parse_dutch_int
from sportloket.registry.importing.read import UnreadableFile
from sportloket.registry.models import Organisation, OrganisationLink
from sportloket.registry.services import organisation_import
from sportloket.registry.tests.factories import OrganisationFactory

FILES = Path(__file__).parent / "files"
pytestmark = pytest.mark.django_db


@pytest.fixture
def utrecht_desk(desk):
    desk.work_area.set(Municipality.objects.filter(code__in=["GM0344", "GM0321", "GM0353"]))
    return desk


def run(desk, name, actor=None, **options):
    return organisation_import(loket=desk, actor=actor, data=(FILES / name).read_bytes(), **options)


def test_windows_1252_with_semicolons_dutch_numbers_dates_and_names(utrecht_desk, coordinator):
    plan, written = run(utrecht_desk, "clubs_windows1252.csv", actor=coordinator)
    assert written and plan.summary()["created"] == 4 and plan.summary()["refused"] == 0
    cafe = Organisation.objects.get(name="Café Één Biljartclub")
    assert cafe.kvk_number == "01234567"
    assert cafe.postcode == "3511 KV"
    assert cafe.member_count == 1250
    assert cafe.founded_on == datetime.date(1991, 2, 9)
    assert cafe.phone == "+31301234567"
    assert [s.name for s in cafe.sports.all()] == ["Biljarten"]
    bosch = Organisation.objects.get(kvk_number="00456789")
    assert bosch.name == "Hockeyclub 's-Hertogenbosch"
    assert bosch.city == "'s-Hertogenbosch" and bosch.municipality.code == "GM0796"
    oranje = Organisation.objects.get(name="Voetbalvereniging D'Oranjeboys")
    assert oranje.founded_on == datetime.date(1957, 1, 1)
    assert sorted(s.slug for s in oranje.sports.all()) == ["futsal", "voetbal"]
    # Outside the work area: imported with a warning, and linked to the desk.
    warnings = [w for r in plan.rows for w in r.row.warnings]
    assert ("Gemeente", "'s-Hertogenbosch ligt buiten het werkgebied van dit loket.") in warnings
    assert bosch in Organisation.objects.for_desk(utrecht_desk)
    assert OrganisationLink.objects.filter(loket=utrecht_desk, source="import").count() == 4
    assert LogEntry.objects.filter(actor=coordinator, action=LogEntry.Action.CREATE).count() >= 4


def test_utf8_bom_from_excel_updates_instead_of_duplicating(utrecht_desk):
    run(utrecht_desk, "clubs_windows1252.csv")
    plan, written = run(utrecht_desk, "clubs_utf8_bom.csv")
    assert written
    assert plan.summary() == {
        "created": 1, "updated": 1, "unchanged": 0, "refused": 0, "warnings": 1
    }  # fmt: skip
    cafe = Organisation.objects.get(kvk_number="01234567")  # 1234567 in the file: a lost zero
    assert cafe.website == "https://www.cafe-een.nl"
    assert cafe.member_count == 1250
    assert Organisation.objects.filter(name="Café Één Biljartclub").count() == 1
    gravenzande = Organisation.objects.get(kvk_number="00987654")
    assert gravenzande.name == "Atletiekvereniging 's-Gravenzande"
    assert gravenzande.member_count == 2300
    assert gravenzande.founded_on == datetime.date(1980, 3, 15)


def test_xlsx_with_real_dates_numbers_and_a_lost_leading_zero(utrecht_desk):
    plan, written = run(utrecht_desk, "clubs.xlsx")
    assert written and plan.summary()["created"] == 2
    korfbal = Organisation.objects.get(name="Korfbalclub 's-Hertogenbosch")
    assert korfbal.kvk_number == "02345678"
    assert korfbal.member_count == 1100
    assert korfbal.founded_on == datetime.date(1991, 2, 9)
    assert Organisation.objects.get(kvk_number="01234567").founded_on == datetime.date(1991, 2, 9)


def test_the_same_file_twice_creates_nothing_new(utrecht_desk):
    run(utrecht_desk, "clubs_windows1252.csv")
    count = Organisation.objects.count()
    plan, _written = run(utrecht_desk, "clubs_windows1252.csv")
    assert Organisation.objects.count() == count
    assert plan.summary()["created"] == 0
    assert plan.summary()["unchanged"] == 4


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(utrecht_desk):
    plan, written = run(utrecht_desk, "bad_rows.csv")
    assert not written
    assert not Organisation.objects.exists()
    refused = {r.row.number: r.row.errors for r in plan.refused}
    assert refused == {
        3: [("Postcode", "Vul een Nederlandse postcode in: vier cijfers en twee letters, zoals 3511 AB.")],
        4: [("Naam", "De naam ontbreekt.")],
        5: [("E-mail", "'geen-email@' is geen geldig e-mailadres.")],
        6: [("KvK-nummer", "Een KvK-nummer bestaat alleen uit cijfers.")],
        7: [("Opgericht", "'31-02-2020' is geen geldige datum (gebruik dag-maand-jaar, zoals 9-2-1991).")],
        9: [("KvK-nummer", "KvK-nummer 33333333 staat ook op rij 8 met een andere naam (Eerste Naam).")],
    }  # fmt: skip


def test_skip_invalid_writes_only_the_valid_rows(utrecht_desk):
    _plan, written = run(utrecht_desk, "bad_rows.csv", skip_invalid=True)
    assert written
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Eerste Naam",
        "Goede Club",
    ]


def test_dry_run_writes_nothing(utrecht_desk):
    plan, written = run(utrecht_desk, "clubs_windows1252.csv", dry_run=True)
    assert not written and plan.summary()["created"] == 4
    assert not Organisation.objects.exists()


def test_a_file_without_a_name_column_is_unreadable(utrecht_desk):
    with pytest.raises(UnreadableFile):
        organisation_import(
            loket=utrecht_desk, actor=None, data=b"Plaats;Postcode\nUtrecht;3511AB\n"
        )


@pytest.mark.parametrize(
    ("raw", "value"), [("1.250", 1250), ("412", 412), (850, 850), ("1 250", 1250), ("", None)]
)
def test_dutch_numbers(raw, value):
    assert parse_dutch_int(raw) == value


@pytest.mark.parametrize("raw", ["1,5", "12a", "-3", 2.5])
def test_not_whole_numbers(raw):
    with pytest.raises(ValueError):
        parse_dutch_int(raw)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("9-2-1991", datetime.date(1991, 2, 9)),
        ("09/02/1991", datetime.date(1991, 2, 9)),
        ("1991-02-09", datetime.date(1991, 2, 9)),
        (33278, datetime.date(1991, 2, 9)),
        ("1957", datetime.date(1957, 1, 1)),
    ],
)
def test_dutch_dates(raw, value):
    assert parse_dutch_date(raw) == value


@pytest.mark.parametrize("raw", ["31-02-2020", "2020-13-01", "gisteren"])
def test_impossible_dates(raw):
    with pytest.raises(ValueError):
        parse_dutch_date(raw)


def test_command_refuses_a_file_with_invalid_rows(utrecht_desk):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_organisations", str(FILES / "bad_rows.csv"), loket=utrecht_desk.slug, stderr=err
        )
    assert "Rij 3, kolom Postcode: Vul een Nederlandse postcode in" in err.getvalue()
    assert not Organisation.objects.exists()


def test_command_dry_run_exits_non_zero_on_invalid_rows_and_zero_otherwise(utrecht_desk):
    with pytest.raises(CommandError):
        call_command(
            "import_organisations",
            str(FILES / "bad_rows.csv"),
            loket=utrecht_desk.slug,
            dry_run=True,
        )
    out = StringIO()
    call_command(
        "import_organisations",
        str(FILES / "clubs_windows1252.csv"),
        loket=utrecht_desk.slug,
        dry_run=True,
        stdout=out,
    )
    assert "Er is niets geschreven: 4 nieuw" in out.getvalue()
    assert not Organisation.objects.exists()


def test_command_imports_with_skip_invalid(utrecht_desk):
    out = StringIO()
    call_command(
        "import_organisations",
        str(FILES / "bad_rows.csv"),
        loket=utrecht_desk.slug,
        skip_invalid=True,
        stdout=out,
        stderr=StringIO(),
    )
    assert "Geïmporteerd: 2 nieuw" in out.getvalue()


def csv_bytes(*lines):
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_a_file_without_a_kind_keeps_the_kind_of_known_organisations(utrecht_desk):
    OrganisationFactory(name="Fitland", kvk_number="12121212", commercial=True)
    organisation_import(
        loket=utrecht_desk, actor=None, data=csv_bytes("Naam;KvK", "Fitland;12121212", "Nieuw;")
    )
    assert Organisation.objects.get(kvk_number="12121212").kind == "commercial"
    assert Organisation.objects.get(name="Nieuw").kind == "club"


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("A" * 201 + ";", "Naam"),
        ("Club;" + "x" * 101, "Plaats"),
        ("Club;;" + "a" * 250 + "@example.org", "E-mail"),
        ("Club;;;99999999999", "Leden"),
        ("Club;;;;99999999", "Opgericht"),
        ("Club;;;;;00000000", "KvK"),
    ],
)
def test_values_the_register_cannot_hold_are_refused_per_row(utrecht_desk, line, column):
    data = csv_bytes("Naam;Plaats;E-mail;Leden;Opgericht;KvK", line)
    plan, written = organisation_import(loket=utrecht_desk, actor=None, data=data)
    assert not written
    assert [c for c, _m in plan.refused[0].row.errors] == [column]


def test_odd_files_are_reported_not_crashed_on(utrecht_desk):
    with pytest.raises(UnreadableFile):
        organisation_import(
            loket=utrecht_desk, actor=None, data=b'Naam;Plaats\r\n"' + b"x" * 200_000 + b'";y\r\n'
        )
    # A BOM followed by Windows-1252 text, and Excel's "sep=" line.
    _plan, written = organisation_import(
        loket=utrecht_desk,
        actor=None,
        data=b"\xef\xbb\xbfsep=;\r\nNaam;Plaats\r\nCaf\xe9 Een;Utrecht\r\n",
    )
    assert written and Organisation.objects.get().name == "Café Een"


def test_a_kvk_number_held_by_a_merged_duplicate_updates_the_survivor(utrecht_desk, coordinator):
    keep = OrganisationFactory.for_desk(utrecht_desk, name="HC Houten", kvk_number="11111111")
    duplicate = OrganisationFactory.for_desk(
        utrecht_desk, name="HC Houten 2", kvk_number="22222222"
    )
    services.organisation_merge(
        keep=keep, duplicate=duplicate, loket=utrecht_desk, actor=coordinator
    )
    duplicate.refresh_from_db()
    assert duplicate.kvk_number == "22222222"  # keep had its own number
    plan, written = organisation_import(
        loket=utrecht_desk, actor=None, data=csv_bytes("Naam;KvK;Leden", "HC Houten;22222222;300")
    )
    assert written and plan.summary()["updated"] == 1
    keep.refresh_from_db()
    assert keep.member_count == 300


def test_planning_does_not_query_per_row(utrecht_desk, django_assert_max_num_queries):
    lines = ["Naam;KvK;Gemeente"] + [f"Club {n};{10000000 + n};Utrecht" for n in range(60)]
    organisation_import(loket=utrecht_desk, actor=None, data=csv_bytes(*lines))

    with django_assert_max_num_queries(15):
        plan = plan_import(loket=utrecht_desk, data=csv_bytes(*lines))
    assert plan.summary()["unchanged"] == 60


def test_importing_a_known_organisation_from_elsewhere_is_said_openly(utrecht_desk, other_desk):
    organisation_import(loket=other_desk, actor=None, data=csv_bytes("Naam;KvK", "Elders;12345678"))
    plan, _written = organisation_import(
        loket=utrecht_desk, actor=None, data=csv_bytes("Naam;KvK", "Elders;12345678")
    )
    assert plan.rows[0].row.warnings == [
        (
            "Naam",
            "Staat al in het landelijk register; wordt toegevoegd aan het register van dit loket.",
        )
    ]
