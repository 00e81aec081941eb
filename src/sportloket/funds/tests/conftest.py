"""The people and records most funds tests need: a desk's coordinator, a municipality that owns
the funds with its representative (a partner), the other roles, and a club asking for help."""

import pytest

from sportloket.core.constants import PartnerKind
from sportloket.core.tests.factories import MembershipFactory
from sportloket.funds import services
from sportloket.funds.constants import FundKind
from sportloket.funds.tests.factories import make_decision, this_year
from sportloket.helprequests.tests.factories import ThemeFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory


@pytest.fixture
def owner(desk):
    return OrganisationFactory.for_desk(
        desk, kind=OrganisationKind.MUNICIPALITY, name="Gemeente Alpha", kvk_number=None
    )


@pytest.fixture
def representative(desk, owner):
    """A partner who represents the funds' owner at the desk."""
    return MembershipFactory(loket=desk, partner=True, organisation=owner, acts_for=owner.name).user


@pytest.fixture
def other_partner(desk):
    """A partner who represents another organisation (a fund of its own)."""
    rabo = OrganisationFactory.for_desk(desk, kind=OrganisationKind.FUND, name="Rabobank",
                                        kvk_number=None)  # fmt: skip
    return MembershipFactory(
        loket=desk, partner=True, partner_kind=PartnerKind.FUND, organisation=rabo
    ).user


@pytest.fixture
def supporter(desk):
    return MembershipFactory(loket=desk, supporter=True).user


@pytest.fixture
def viewer(desk):
    return MembershipFactory(loket=desk).user


@pytest.fixture
def club(desk):
    return OrganisationFactory.for_desk(desk, name="VV Domstad")


@pytest.fixture
def volunteers(desk):
    return ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers")


@pytest.fixture
def finances(desk):
    return ThemeFactory(loket=desk, key="finances", name="Financiën")


@pytest.fixture
def new_fund(desk, coordinator, owner):
    """Makes a fund of this year through the service."""

    def make(**fields):
        starts_on, ends_on = this_year()
        data = {
            "name": "Uitvoeringsbudget",
            "kind": FundKind.EXECUTION,
            "owner": owner,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "amount_cents": 1_000_000,
        } | fields
        return services.fund_create(loket=desk, actor=coordinator, **data)

    return make


@pytest.fixture
def new_decision(desk, coordinator, club, volunteers):
    """Makes a decision on a club's question about volunteers."""

    def make(**kwargs):
        kwargs.setdefault("organisation", club)
        kwargs.setdefault("themes", [volunteers])
        return make_decision(desk, decided_by=coordinator, **kwargs)

    return make
