"""A desk with a little of everything the scan reads, and the same on another desk (which
must never count)."""

import pytest

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import MembershipFactory
from sportloket.funds.tests.factories import FundFactory
from sportloket.knowledge.tests.factories import ArticleFactory
from sportloket.meetings.tests.factories import MeetingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import (
    AreaAlignmentFactory,
    IntentDeclarationFactory,
    OrganisationFactory,
    ParticipationFactory,
)

UTRECHT, ZEIST = "GM0344", "GM0355"


def network(loket, code):
    """Two clubs in the municipality ``code`` of the desk's work area, the municipality and a
    federation taking part (the municipality with a valid declaration), a running execution
    budget, an article by the federation's representative and a meeting held."""
    municipality = Municipality.objects.get(code=code)
    loket.work_area.add(municipality)
    OrganisationFactory.create_batch(2, municipality=municipality)
    body = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality=municipality)
    IntentDeclarationFactory(participation=ParticipationFactory(loket=loket, organisation=body))
    federation = ParticipationFactory(loket=loket).organisation
    FundFactory(loket=loket)
    writer = MembershipFactory(loket=loket, partner=True, organisation=federation).user
    ArticleFactory(loket=loket, author=writer)
    MeetingFactory(loket=loket, past=True)
    AreaAlignmentFactory(loket=loket, agreed=True)
    return {"municipality": municipality, "federation": federation}


@pytest.fixture
def scanned(desk, other_desk):
    found = network(desk, UTRECHT)
    network(other_desk, ZEIST)
    return found
