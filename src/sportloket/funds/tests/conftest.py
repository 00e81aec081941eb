"""The people and records most funds tests need: a desk's coordinator, a municipality that owns
the funds with its representative (a partner), the other roles, a club asking for help, the
municipality's and the Rabobank's funds, and money committed to a new decision."""

import pytest

from sportloket.core.constants import PartnerKind
from sportloket.core.models import Membership
from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.decisions.tests.factories import make_decision
from sportloket.funds import services
from sportloket.funds.constants import FundKind
from sportloket.funds.tests.factories import new_key, this_year
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


@pytest.fixture
def rabobank(other_partner):
    """The organisation the other partner represents."""
    return Membership.objects.get(user=other_partner).organisation


@pytest.fixture
def funds(new_fund, rabobank):
    """The municipality's budget (the coordinator decides alone up to € 500) and the Rabobank's
    fund, at the same desk."""
    municipal = new_fund(name="Uitvoeringsbudget", approval_threshold_cents=50_000)
    rabo = new_fund(name="Rabo ClubSupport", owner=rabobank, kind=FundKind.PARTNER)
    return municipal, rabo


@pytest.fixture
def allocate(coordinator, new_decision):
    """Commits money from a fund to a new decision (made with ``kwargs``) through the service."""

    def run(fund, cents, **kwargs):
        [allocation] = services.decision_fund(
            decision=new_decision(amount_cents=cents, **kwargs),
            splits=[(fund, cents)],
            idempotency_key=new_key(),
            actor=coordinator,
        )
        return allocation

    return run
