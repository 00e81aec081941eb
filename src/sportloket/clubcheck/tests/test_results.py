"""The club check's figures: computed right, small numbers suppressed (by hand and for any
answers), the open-data files carrying the page's numbers, a fixed number of queries, and the
national figures counting each provider once."""

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from sportloket.clubcheck import opendata
from sportloket.clubcheck.models import CheckRound
from sportloket.clubcheck.selectors import results as figures
from sportloket.clubcheck.selectors.national import national_result_rows
from sportloket.clubcheck.selectors.results import (
    COUNT_FIELDS,
    SUM_FIELDS,
    national_answers,
    national_invitations,
    result_rows,
)
from sportloket.clubcheck.tests.building import (
    HOUTEN,
    NIEUWEGEIN,
    UTRECHT,
    ZEIST,
    ZEROS,
    by_key,
    check_published,
    check_rows,
    more_answers,
    provider,
    round_results,
    shown,
)
from sportloket.clubcheck.tests.factories import (
    CheckAnswerFactory,
    CheckInvitationFactory,
    CheckRoundFactory,
)
from sportloket.core.tests.factories import LoketFactory
from sportloket.registry.models import Sport
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


# --- The hand-built round --------------------------------------------------------------------


def test_the_whole_area_is_added_up_and_its_small_cells_hidden(hand_round):
    (total,) = round_results(hand_round, dimensions=("total",))["total"]
    assert (total.invited, total.answered, total.response_rate) == (31, 28, 90.3)
    assert not total.suppressed
    # 3 shared + 2 without accommodation: 5 together, so no further accommodation is hidden;
    # 3 want help with members, 4 with finances.
    assert total.hidden == {
        "facilities_shared",
        "facilities_none",
        "topic_members",
        "topic_finances",
    }
    assert shown(total) == {
        **ZEROS,
        "members_youth": 1150,
        "members_adult": 28 * 60,
        "members_senior": 28 * 10,
        "volunteers": 28 * 15,
        "board_vacancies": 9,
        "with_board_vacancy": 8,
        "finances_healthy": 17,
        "finances_worried": 6,
        "finances_trouble": 5,
        "facilities_own": 12,
        "facilities_rented": 11,
        "facilities_shared": None,
        "facilities_none": None,
        "topic_volunteers": 6,
        "topic_members": None,
        "topic_finances": None,
    }
    # The hidden cells keep their values for nobody but the suppression itself.
    assert (total.values["facilities_shared"], total.values["topic_finances"]) == (3, 4)


def test_a_small_municipality_is_suppressed_with_the_next_smallest(hand_round):
    groups = round_results(hand_round, dimensions=("municipality",))["municipality"]
    assert [g.label for g in groups] == ["Houten", "Nieuwegein", "Utrecht", "Zeist"]
    found = by_key(groups)
    # Nieuwegein (2 answers) alone would be given away by the total: Houten (6, the smallest
    # of the others) goes with it, so the two left out cover 8 providers. Zeist (8) stays.
    assert {code for code, g in found.items() if g.suppressed} == {NIEUWEGEIN, HOUTEN}
    for code in (NIEUWEGEIN, HOUTEN):
        assert found[code].response_rate is None
        assert set(shown(found[code]).values()) == {None}
    assert [(found[c].invited, found[c].answered) for c in (HOUTEN, NIEUWEGEIN)] == [(6, 6), (3, 2)]

    utrecht = found[UTRECHT]
    assert (utrecht.invited, utrecht.answered, utrecht.response_rate) == (14, 12, 85.7)
    # 2 in trouble is hidden; hidden alone it would be 12 minus the two shown: the smallest
    # finances cell shown (5 healthy, before 5 worried by name) is hidden with it. Rented and
    # shared (3 each) cover 6 together: no further accommodation is hidden. And Houten with
    # Nieuwegein, left out, hold one provider with a vacancy, one worried and one wanting help
    # with volunteers: the whole area minus Utrecht and Zeist would show that one, so Utrecht
    # (the smallest group with any) hides those counts too, and with the providers with a
    # vacancy hidden, the open places on the board.
    assert utrecht.hidden == {
        "finances_trouble",
        "finances_healthy",
        "finances_worried",
        "facilities_rented",
        "facilities_shared",
        "topic_members",
        "topic_finances",
        "topic_volunteers",
        "with_board_vacancy",
        "board_vacancies",
    }
    assert shown(utrecht) == {
        **ZEROS,
        "members_youth": 780,
        "members_adult": 720,
        "members_senior": 120,
        "volunteers": 180,
        "board_vacancies": None,
        "with_board_vacancy": None,
        "finances_healthy": None,
        "finances_worried": None,
        "finances_trouble": None,
        "facilities_own": 6,
        "facilities_rented": None,
        "facilities_shared": None,
        "topic_volunteers": None,
        "topic_members": None,
        "topic_finances": None,
    }
    zeist = found[ZEIST]
    # The whole area's 11 rented minus Zeist's 8 would be Utrecht's hidden 3, and its 12 own
    # minus Utrecht's 6 and Zeist's 0 would say 2 of the 8 left out have no own accommodation:
    # Zeist hides both.
    assert (zeist.invited, zeist.answered, zeist.response_rate, zeist.hidden) == (
        8,
        8,
        100.0,
        {"facilities_rented", "facilities_own"},
    )
    assert shown(zeist) == {
        **ZEROS,
        "members_youth": 240,
        "members_adult": 480,
        "members_senior": 80,
        "volunteers": 120,
        "board_vacancies": 0,
        "finances_healthy": 8,
        "facilities_own": None,
        "facilities_rented": None,
    }


def test_a_kind_nobody_answered_is_left_out_alone(hand_round):
    found = by_key(round_results(hand_round, dimensions=("kind",))["kind"])
    assert {k: (g.invited, g.answered, g.suppressed) for k, g in found.items()} == {
        "club": (22, 20, False),
        "commercial": (8, 8, False),
        "other": (1, 0, True),  # left out covers none: nothing else needs to go with it
    }
    # 8 commercial providers: 3 healthy, 2 worried, 3 in trouble (each hidden).
    commercial = found["commercial"]
    assert {name: commercial.value(name) for name in figures.FINANCE_FIELDS} == {
        "finances_healthy": None,
        "finances_worried": None,
        "finances_trouble": None,
    }
    assert commercial.value("members_youth") == 90 + 100 + 110 + 120 + 20 + 3 * 30
    # 20 clubs: 14 healthy, 4 worried, 2 in trouble (Nieuwegein's): the two small cells
    # cover 6 together, so healthy would show, but the whole area's 17 healthy minus the clubs'
    # 14 would give the commercial providers' hidden 3 away: the clubs hide it too.
    club = found["club"]
    assert {name: club.value(name) for name in figures.FINANCE_FIELDS} == {
        "finances_healthy": None,
        "finances_worried": None,
        "finances_trouble": None,
    }


def test_a_sport_is_a_group_of_its_own_without_partition(hand_round, sports):
    groups = round_results(hand_round, dimensions=("sport",))["sport"]
    found = by_key(groups)
    assert set(found) == {sports[1].pk, sports[2].pk, None}
    assert groups[-1].key is None  # "not known" last
    one, two, none = found[sports[1].pk], found[sports[2].pk], found[None]
    assert (one.invited, one.answered, two.invited, two.answered) == (12, 12, 10, 10)
    assert (none.invited, none.answered) == (11, 8)  # Houten, Nieuwegein and those not answering
    assert not any(g.suppressed for g in groups)
    # Sport 2: the first two of Utrecht (own accommodation, a vacancy, help with volunteers)
    # and Zeist's eight (rented).
    assert shown(two) == {
        **ZEROS,
        "members_youth": 10 + 20 + 8 * 30,
        "members_adult": 600,
        "members_senior": 100,
        "volunteers": 150,
        "board_vacancies": None,  # 3 over the two providers with a vacancy
        "with_board_vacancy": None,
        "finances_healthy": 10,
        "facilities_own": None,
        "facilities_rented": None,
        "topic_volunteers": None,
        # The whole area minus sport 2 is the 18 providers outside it: 3 sharing, 2 without
        # accommodation, 4 wanting help with money and 3 with members would show; hidden.
        "facilities_shared": None,
        "facilities_none": None,
        "topic_finances": None,
        "topic_members": None,
    }


def test_a_sport_that_all_but_a_few_play_is_not_shown(desk, sports):
    round = CheckRoundFactory(closed=True, loket=desk, year=2026)
    for _ in range(6):
        provider(round, UTRECHT, sports=[sports[1]], members_youth=10)
    provider(round, UTRECHT, members_youth=999)  # the one without a sport
    results = round_results(round, dimensions=("total", "sport"))
    assert results["total"][0].value("members_youth") == 1059
    played = by_key(results["sport"])[sports[1].pk]
    assert played.suppressed  # 1059 minus its 60 would be the one club's 999


# --- The page and the files carry the same numbers -------------------------------------------


class _Tables(HTMLParser):
    """The text of each cell, per row, per table."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def rendered(value) -> str:
    """A figure of the files as the page writes it."""
    return "—" if value is None else str(value)


def rendered_rate(value) -> str:
    return "—" if value is None else f"{value:.1f} %".replace(".", ",")


PAGE_COLUMNS = (
    "invited",
    "answered",
    "response_rate",
    "members",
    "volunteers",
    "with_board_vacancy",
    "finances_healthy",
    "finances_worried",
    "finances_trouble",
)


@pytest.mark.parametrize("dimension", ["municipality", "kind", "sport"])
def test_the_open_data_files_carry_the_figures_of_the_page(
    client, coordinator_client, desk, hand_round, dimension
):
    page = coordinator_client.get(
        reverse("clubcheck:results", args=[desk.slug, 2026]), {"by": dimension}
    )
    assert page.status_code == 200
    files = {
        fmt: client.get(reverse("clubcheck:open-data", args=[desk.slug, 2026, fmt]))
        for fmt in ("csv", "json")
    }
    assert files["csv"]["Content-Type"] == "text/csv; charset=utf-8"
    as_csv = list(csv.DictReader(io.StringIO(files["csv"].content.decode())))
    as_json = files["json"].json()
    header = next(csv.reader(io.StringIO(files["csv"].content.decode())))
    assert tuple(header) == opendata.COLUMN_NAMES
    described = {column["name"]: column["description"] for column in as_json["columns"]}
    assert set(header) == set(described) and all(described.values())
    assert (as_json["year"], as_json["licence"]) == (2026, "CC0-1.0")
    csv_rows = {(r["dimension"], r["group"]): r for r in as_csv}
    json_rows = {(r["dimension"], r["group"]): r for r in as_json["rows"]}
    assert csv_rows.keys() == json_rows.keys()
    assert {d for d, _g in json_rows} == {"total", "municipality", "kind", "sport"}

    tables = _Tables()
    tables.feed(page.content.decode())
    total_table, groups_table = tables.tables
    ctx_total, ctx_groups = page.context["total"], page.context["groups"]
    assert [g.dimension for g in ctx_groups] == [dimension] * len(ctx_groups)
    assert len(ctx_groups) == sum(1 for d, _g in json_rows if d == dimension)
    for group in [ctx_total, *ctx_groups]:
        key = (group.dimension, opendata.group_code(group))
        in_csv, in_json = csv_rows[key], json_rows[key]
        assert in_csv["label"] == in_json["label"] == str(group.label)
        on_page = {
            "invited": None if group.suppressed else group.invited,
            "answered": None if group.suppressed else group.answered,
            "response_rate": group.response_rate,
            **{name: group.value(name) for name in (*SUM_FIELDS, *COUNT_FIELDS)},
        }
        for name, value in on_page.items():
            assert in_json[name] == value, (key, name)
            assert in_csv[name] == ("" if value is None else str(value)), (key, name)
    # What the page writes in its tables is what the files hold.
    total_json = json_rows[("total", "all")]
    figures_in_table = [row[1] for row in total_table]
    assert figures_in_table == [
        rendered_rate(total_json[name]) if name == "response_rate" else rendered(total_json[name])
        for name in opendata.COLUMN_NAMES[3:]
    ]
    body = [row for row in groups_table if len(row) == 1 + len(PAGE_COLUMNS)][1:]
    assert [row[0] for row in body] == [str(g.label) for g in ctx_groups]
    for row, group in zip(body, ctx_groups, strict=True):
        in_json = json_rows[(dimension, opendata.group_code(group))]
        members = [in_json[f"members_{age}"] for age in ("youth", "adult", "senior")]
        expected = {
            name: rendered_rate(in_json[name])
            if name == "response_rate"
            else rendered(in_json[name])
            for name in PAGE_COLUMNS
            if name != "members"
        }
        expected["members"] = rendered(None if None in members else sum(members))
        assert dict(zip(PAGE_COLUMNS, row[1:], strict=True)) == expected
    if dimension == "municipality":  # suppressed groups show as a dash on the page too
        assert [row[2] for row in body] == ["—", "—", "12", "8"]


def test_a_year_without_a_round_or_an_unknown_format_is_not_found(client, desk, hand_round):
    for year, fmt in ((2025, "json"), (2026, "xml")):
        url = reverse("clubcheck:open-data", args=[desk.slug, year, fmt])
        assert client.get(url).status_code == 404


# --- A fixed number of queries ---------------------------------------------------------------


@pytest.mark.parametrize("dimension", ["municipality", "kind", "sport"])
def test_the_results_page_does_not_grow_in_queries(coordinator_client, desk, dimension):
    round = CheckRoundFactory(closed=True, loket=desk, year=2026)
    add = more_answers(round, list(Sport.objects.order_by("pk")[:3]))
    add(6)
    url = reverse("clubcheck:results", args=[desk.slug, 2026])
    _first, second = assert_queries_do_not_grow(
        lambda: coordinator_client.get(url, {"by": dimension}), add, more=30, max_queries=11
    )
    assert second.context["total"].answered == 36


def test_the_open_data_does_not_grow_in_queries(client, desk):
    round = CheckRoundFactory(closed=True, loket=desk, year=2026)
    add = more_answers(round, list(Sport.objects.order_by("pk")[:3]))
    add(6)
    url = reverse("clubcheck:open-data", args=[desk.slug, 2026, "json"])
    # The round, then per dimension (4) the invitations, the answers and the topics.
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(url), add, more=30, max_queries=13
    )
    assert second.json()["rows"][0]["answered"] == 36


def test_the_national_figures_do_not_grow_in_queries(client, desk, other_desk):
    rounds = [CheckRoundFactory(closed=True, loket=d, year=2026) for d in (desk, other_desk)]
    sport_list = list(Sport.objects.order_by("pk")[:3])
    adders = [more_answers(r, sport_list) for r in rounds]

    def add(n):
        for adder in adders:
            adder(n // 2)

    add(12)
    page = reverse("clubcheck:national", args=[2026])
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(page, {"by": "sport"}), add, more=30, max_queries=18
    )
    assert second.context["total"].answered == 42
    data = reverse("clubcheck:national-file", args=[2026, "json"])
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(data), add, more=10, max_queries=28
    )
    assert second.json()["rows"][0]["answered"] == 52


# --- The national figures --------------------------------------------------------------------


def test_the_national_figures_count_a_provider_once_with_its_latest_answer(
    client, desk, other_desk
):
    first, second = (CheckRoundFactory(closed=True, loket=d, year=2026) for d in (desk, other_desk))
    both = provider(first, UTRECHT, members_youth=1, finances="healthy")
    for _ in range(4):
        provider(first, UTRECHT, members_youth=10)
    for _ in range(5):
        provider(second, ZEIST, members_youth=100)
    provider(second, UTRECHT, answered=False)
    # The same provider, asked again by the other desk, answers later: that answer counts.
    invitation = CheckInvitationFactory(round=second, organisation=both)
    CheckAnswerFactory(invitation=invitation, members_youth=1000, finances="trouble")
    # Another year, and a round of an older version of the core questions, do not count.
    provider(CheckRoundFactory(closed=True, loket=desk, year=2025), UTRECHT, members_youth=5000)
    older = CheckRoundFactory(closed=True, loket=LoketFactory(), year=2026)
    CheckRound.objects.filter(pk=older.pk).update(core_version="2025.1")
    provider(older, UTRECHT, members_youth=7000)

    results = result_rows(answers=national_answers(2026), invitations=national_invitations(2026))
    (total,) = results["total"]
    assert (total.invited, total.answered) == (11, 10)
    assert total.value("members_youth") == 1000 + 4 * 10 + 5 * 100
    assert (total.values["finances_trouble"], total.values["finances_healthy"]) == (1, 9)
    municipalities = by_key(results["municipality"])
    assert (municipalities[UTRECHT].invited, municipalities[UTRECHT].answered) == (6, 5)
    assert municipalities[UTRECHT].value("members_youth") == 1040

    # Published, the national total of 10 minus the other desk's own 6 would be 4 providers:
    # the national figures leave it out (the desks' own figures are another publication).
    published = national_result_rows(year=2026)
    assert published["total"][0].suppressed
    as_json = client.get(reverse("clubcheck:national-file", args=[2026, "json"])).json()
    assert as_json["rows"] == json.loads(json.dumps(opendata.rows(published)))
    page = client.get(reverse("clubcheck:national", args=[2026]))
    assert page.context["total"].suppressed
    check_published(published)
    check_rows(as_json["rows"])


def test_the_national_figures_of_an_odd_year_or_format_are_not_found(client):
    assert client.get(reverse("clubcheck:national", args=[1999])).status_code == 404
    assert client.get(reverse("clubcheck:national-file", args=[2026, "xls"])).status_code == 404
    empty = client.get(reverse("clubcheck:national", args=[2026]))
    assert empty.status_code == 200
    assert empty.context["total"] is None or empty.context["total"].suppressed
