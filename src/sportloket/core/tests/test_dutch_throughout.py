"""Dutch throughout: days in Dutch style ("6 dec. 2026") on every page and in every history,
states and field names in Dutch, and amounts in a history in euros ("€ 60.000,00" under
"Bedrag"), never "Bedrag (centen) 6000000"."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import formats, translation
from freezegun import freeze_time

from sportloket.core import selectors
from sportloket.funds import services as fund_services
from sportloket.funds.tests.factories import FundFactory
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry import services as registry_services
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2]
SAINT_NICHOLAS = datetime.date(2026, 12, 6)


def history_of(page: str) -> str:
    """The history block of a page."""
    match = re.search(r'<section[^>]*aria-labelledby="history-title".*?</section>', page, re.S)
    assert match, "the page shows no history"
    return match[0]


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (SAINT_NICHOLAS, "6 dec. 2026"),
        (datetime.date(2026, 3, 1), "1 mrt. 2026"),
        (datetime.date(2026, 5, 12), "12 mei 2026"),
        (datetime.date(2026, 9, 30), "30 sep. 2026"),
    ],
)
def test_a_day_reads_the_dutch_way(day, shown):
    with translation.override("nl"):
        assert formats.date_format(day, "j N Y") == shown
        assert formats.date_format(day) == shown  # the default, DATE_FORMAT


def test_a_moment_reads_the_dutch_way():
    moment = datetime.datetime(2026, 12, 6, 14, 30)
    with translation.override("nl"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "6 dec. 2026 14:30"


def test_no_page_or_module_writes_a_month_in_english_style():
    """A day is written "j N Y" (6 dec. 2026): "F" writes the month in full ("6 december
    2026") and "M" capitalised without a period ("6 Dec 2026")."""
    english_style = re.compile(r"""["']j [FM] Y""")
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*"))
        if path.suffix in (".html", ".py", ".txt") and "tests" not in path.parts
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1)
        if english_style.search(line)
    ]
    assert not offenders, "a day written with F or M instead of N:\n" + "\n".join(offenders)


DUTCH_MOMENT = re.compile(
    r"\b\d{1,2} (jan\.|feb\.|mrt\.|apr\.|mei|jun\.|jul\.|aug\.|sep\.|okt\.|nov\.|dec\.) "
    r"\d{4} \d{2}:\d{2}\b"
)


def test_the_settings_history_reads_its_days_the_dutch_way(coordinator_client, desk):
    page = coordinator_client.get(reverse("core:desk-settings", args=[desk.slug])).text
    assert DUTCH_MOMENT.search(history_of(squashed(page)))


@freeze_time("2026-12-06 14:30")
def test_a_day_in_a_history_reads_the_dutch_way(coordinator_client, desk):
    fund = FundFactory(loket=desk)
    page = coordinator_client.get(reverse("funds:fund-detail", args=[desk.slug, fund.pk])).text
    history = history_of(squashed(page))
    assert "6 dec. 2026 15:30" in history  # Amsterdam's time
    assert "<dt>Begint op</dt><dd>1 jan. 2026</dd>" in history


def test_a_funds_history_shows_its_amount_in_euros_under_a_dutch_label(coordinator_client, desk):
    fund = FundFactory(loket=desk, amount_cents=6_000_000, max_per_allocation_cents=250_000)
    page = coordinator_client.get(reverse("funds:fund-detail", args=[desk.slug, fund.pk])).text
    history = history_of(squashed(page))
    assert "<dt>Bedrag</dt><dd>€ 60.000,00</dd>" in history
    assert "<dt>Maximum per toekenning</dt><dd>€ 2.500,00</dd>" in history
    assert "6000000" not in history and "centen" not in history


def test_an_offerings_history_shows_its_cost_in_euros(coordinator_client, desk):
    offering = OfferingFactory(loket=desk, cost_cents=150_050)
    url = reverse("decisions:offering-detail", args=[desk.slug, offering.pk])
    history = history_of(squashed(coordinator_client.get(url).text))
    assert "<dt>Kosten voor het loket</dt><dd>€ 1.500,50</dd>" in history
    assert "150050" not in history and "(cent" not in history


def test_a_changed_amount_shows_both_amounts_in_euros(desk, coordinator):
    fund = FundFactory(loket=desk, amount_cents=1_000_000)
    fund_services.fund_amount_change(
        fund=fund, actor=coordinator, new_cents=6_000_000, reason="Extra geld van de gemeente"
    )
    with translation.override("nl"):
        [changed, *_] = selectors.record_history(fund)
        [amount] = [c for c in changed["changes"] if str(c["label"]) == "bedrag"]
    assert (amount["old"], amount["new"]) == ("€\u00a010.000,00", "€\u00a060.000,00")


def test_a_question_on_hold_is_in_dutch(coordinator_client, desk):
    with translation.override("nl"):
        assert str(RequestState.ON_HOLD.label) == "In de wacht"
    question = HelpRequestFactory(loket=desk, state=RequestState.ON_HOLD)
    url = reverse("helprequests:request-detail", args=[desk.slug, question.pk])
    page = squashed(coordinator_client.get(url).text)
    assert "<strong>In de wacht</strong>" in page and "On hold" not in page


def test_a_merged_duplicate_says_in_dutch_where_it_went(desk, coordinator):
    keep = OrganisationFactory.for_desk(desk, name="VV Blijft")
    duplicate = OrganisationFactory.for_desk(desk, name="VV Dubbel")
    registry_services.organisation_merge(
        keep=keep, duplicate=duplicate, loket=desk, actor=coordinator
    )
    with translation.override("nl"):
        [merged, *_] = selectors.record_history(duplicate)
        changes = {str(c["label"]): c["new"] for c in merged["changes"]}
    assert changes["samengevoegd met"] == "VV Blijft"
