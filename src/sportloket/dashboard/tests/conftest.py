"""A desk with something waiting everywhere, on 15 June 2026: questions in every state of
interest, providers needing contact, a registration about to expire, and a fund with an
allocation waiting for its owner's partner."""

import datetime
import html
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from freezegun import freeze_time

from sportloket.contacts.tests.factories import AccountHolderFactory, ContactMomentFactory
from sportloket.core.models import Municipality
from sportloket.core.tests.factories import MembershipFactory
from sportloket.decisions.tests.factories import make_decision
from sportloket.funds.tests.factories import AllocationFactory, FundFactory
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.models import Assignment
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.quality.tests.factories import QualityRegistrationFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory

TODAY = datetime.date(2026, 6, 15)
NOW = "2026-06-15 10:00:00+02:00"
D = datetime.date


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@dataclass
class Busy:
    desk: object
    coordinator: object
    supporter: object
    partner: object
    supporter_membership: object
    coordinator_membership: object


def question(desk, state, *, assignee=None, by=None, **fields):
    help_request = HelpRequestFactory(
        loket=desk,
        state=state,
        submitted_at=fields.pop("submitted_at", at(D(2026, 6, 1))),
        respond_by=fields.pop("respond_by", D(2026, 6, 30)),
        decide_by=fields.pop("decide_by", D(2026, 7, 30)),
        **fields,
    )
    if assignee is not None:
        Assignment.objects.create(help_request=help_request, supporter=assignee, assigned_by=by)
    return help_request


def fill(desk, *, coordinator, supporter, owner):
    """The rows of ``busy`` (callable again, for the query-count tests: every count grows)."""
    # Two new ones nobody picked up, one of them past its first response's deadline.
    question(desk, RequestState.SUBMITTED, respond_by=D(2026, 6, 10))
    question(desk, RequestState.SUBMITTED)
    # The coordinator's own: past the decision's deadline.
    question(
        desk,
        RequestState.TRIAGE,
        assignee=coordinator,
        by=coordinator,
        first_response_at=at(D(2026, 6, 2)),
        first_response_days=1,
        decide_by=D(2026, 6, 12),
    )
    # Providers in Utrecht: one never contacted, one contacted lately, and one whose question
    # the desk decided lately (handling counts as contact): the supporter's, in progress.
    utrecht = Municipality.objects.get(code="GM0344")
    OrganisationFactory(municipality=utrecht)
    ContactMomentFactory(
        loket=desk, organisation=OrganisationFactory(municipality=utrecht), date=D(2026, 6, 1)
    )
    handled = OrganisationFactory(municipality=utrecht)
    decided = question(
        desk,
        RequestState.IN_PROGRESS,
        assignee=supporter,
        by=coordinator,
        organisation=handled,
        organisation_name=handled.name,
        first_response_at=at(D(2026, 6, 2)),
        first_response_days=2,
        decided_at=at(D(2026, 6, 5)),
        decision_days=4,
    )
    decision = make_decision(
        desk, decided_by=coordinator, help_request=decided, decided_at=at(D(2026, 6, 5))
    )
    # Closed: nothing waits.
    question(desk, RequestState.EVALUATED, assignee=coordinator, by=coordinator)
    # Money: a proposed allocation, waiting for the partner of the fund's owner.
    fund = FundFactory(loket=desk, owner=owner, amount_cents=1_000_000)
    AllocationFactory(
        fund=fund, decision=decision, created_by=coordinator, amount_cents=250_000, proposed=True
    )


@pytest.fixture
def frozen():
    """15 June 2026, from the set-up of the rows to the end of the test."""
    with freeze_time(NOW) as frozen_time:
        yield frozen_time


@pytest.fixture
def busy(frozen, desk, coordinator, supporter):
    desk.work_area.set(Municipality.objects.filter(code="GM0344"))
    owner = OrganisationFactory.for_desk(desk, kind=OrganisationKind.MUNICIPALITY, name="Gemeente")
    partner = MembershipFactory(loket=desk, partner=True, organisation=owner)
    AccountHolderFactory(loket=desk, supporter=supporter)
    # The supporter's registration expires within 60 days.
    QualityRegistrationFactory(user=supporter, recorded_by_loket=desk, valid_until=D(2026, 7, 20))
    fill(desk, coordinator=coordinator, supporter=supporter, owner=owner)
    return Busy(
        desk=desk,
        coordinator=coordinator,
        supporter=supporter,
        partner=partner.user,
        supporter_membership=supporter.memberships.get(loket=desk),
        coordinator_membership=coordinator.memberships.get(loket=desk),
    )


_TILE = re.compile(
    r'<a class="tile[^"]*" href="(?P<url>[^"]+)"><span class="tile__count">(?P<count>\d+)</span>'
    r' <span class="tile__label">(?P<label>[^<]+)</span>'
)


def tiles(page: str) -> dict[str, tuple[int, str]]:
    """The dashboard's tiles: {label: (count, url)}."""
    return {
        html.unescape(m["label"]): (int(m["count"]), html.unescape(m["url"]))
        for m in _TILE.finditer(page)
    }
