"""The demo desk's money: its execution budget from the municipality, a services budget, a Rabo
ClubSupport fund whose larger allocations the fund approves, and a municipal subsidy; the
partners who represent their owners; and money committed to some of the desk's decisions.
Made through the services, once: a second run changes nothing."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sportloket.core import services as core_services
from sportloket.core.constants import ProviderKinds, Role
from sportloket.core.models import Membership
from sportloket.funds import services
from sportloket.funds.constants import AllocationState, FundKind
from sportloket.funds.models import Allocation, Fund, decision_models
from sportloket.registry.models import Organisation


@dataclass(frozen=True)
class DemoFund:
    key: str
    name: str
    kind: str
    owner: str  # the name of an organisation in the demo register (demo.network.PARTIES)
    amount_cents: int
    description: str
    max_per_allocation_cents: int | None = None
    approval_threshold_cents: int | None = None
    eligible_provider_kinds: str = ProviderKinds.ALL
    theme_keys: tuple[str, ...] = ()
    co_funding_required: bool = False


FUNDS = (
    DemoFund(
        key="execution",
        name="Uitvoeringsbudget sport- en beweegloket",
        kind=FundKind.EXECUTION,
        owner="Gemeente Utrecht",
        amount_cents=6_000_000,
        approval_threshold_cents=250_000,
        description=(
            "Het budget van de gemeente voor ondersteuningsactiviteiten van het loket. Tot "
            "€ 2.500 beslist de coördinator; daarboven keurt de gemeente goed."
        ),
    ),
    DemoFund(
        key="services",
        name="Servicesbudget verenigingsondersteuning",
        kind=FundKind.SERVICES,
        owner="Sportbedrijf Utrecht",
        amount_cents=2_500_000,
        max_per_allocation_cents=200_000,
        eligible_provider_kinds=ProviderKinds.CLUB,
        description="Diensten uit het servicesmenu voor sportclubs, tot € 2.000 per club.",
    ),
    DemoFund(
        key="rabo",
        name="Rabo ClubSupport",
        kind=FundKind.PARTNER,
        owner="Rabo ClubSupport (demo)",
        amount_cents=1_500_000,
        max_per_allocation_cents=500_000,
        approval_threshold_cents=25_000,
        eligible_provider_kinds=ProviderKinds.CLUB,
        description=(
            "Geld van Rabo ClubSupport voor clubs. Tot € 250 beslist de coördinator; "
            "daarboven keurt Rabo ClubSupport goed."
        ),
    ),
    DemoFund(
        key="subsidy",
        name="Subsidie sportstimulering Nieuwegein",
        kind=FundKind.SUBSIDY,
        owner="Gemeente Nieuwegein",
        amount_cents=2_000_000,
        approval_threshold_cents=0,
        description="Subsidie van de gemeente Nieuwegein; de gemeente keurt elke toekenning goed.",
    ),
)

# Which partner of the demo desk represents which organisation (core seed_demo's USERS).
REPRESENTATIVES = {
    "gemeente@sportloket-demo.nl": "Gemeente Utrecht",
    "fonds@sportloket-demo.nl": "Rabo ClubSupport (demo)",
}

# Which funds pay for the desk's decisions this year, in turn: (fund key, share of the
# decision's amount in percent), tried in this order until the rules allow one.
SPLITS = (
    (("execution", 100),),
    (("execution", 40), ("rabo", 60)),
    (("services", 100),),
    (("subsidy", 100),),
    (("rabo", 100),),
)


def _register(loket):
    """The organisations the demo funds and partners name, from the desk's register."""
    names = {spec.owner for spec in FUNDS} | set(REPRESENTATIVES.values())
    return {o.name: o for o in Organisation.objects.for_desk(loket).filter(name__in=names)}


def _link_partners(loket, actor, register):
    members = Membership.objects.active().filter(
        loket=loket, role=Role.PARTNER, user__email__in=list(REPRESENTATIVES)
    )
    for membership in members.select_related("user", "loket"):
        organisation = register.get(REPRESENTATIVES[membership.user.email])
        if organisation is None or membership.organisation_id:
            continue
        core_services.membership_change_role(
            membership=membership,
            role=membership.role,
            partner_kind=membership.partner_kind,
            acts_for=membership.acts_for,
            organisation=organisation,
            actor=actor,
        )


def _fund(loket, actor, spec, owner, year):
    starts_on = datetime.date(year, 1, 1)
    existing = Fund.objects.filter(loket=loket, name=spec.name, starts_on=starts_on).first()
    if existing is not None:
        return existing
    return services.fund_create(
        loket=loket,
        actor=actor,
        name=spec.name,
        kind=spec.kind,
        owner=owner,
        starts_on=starts_on,
        ends_on=datetime.date(year, 12, 31),
        amount_cents=spec.amount_cents,
        max_per_allocation_cents=spec.max_per_allocation_cents,
        approval_threshold_cents=spec.approval_threshold_cents,
        eligible_provider_kinds=spec.eligible_provider_kinds,
        co_funding_required=spec.co_funding_required,
        description=spec.description,
        theme_keys=spec.theme_keys,
    )


def _allocate(loket, actor, funds, year):
    """Money for the desk's decisions of this year that hold, through decision_fund with a
    key per decision (so a second run finds what the first made); the first approved one is
    recorded as paid, a little below its amount."""
    Decision, _option = decision_models()
    decisions = Decision.objects.filter(
        loket=loket, superseded_by__isnull=True, amount_cents__gt=0, decided_at__year=year
    ).order_by("decided_at", "pk")
    made = []
    for turn, decision in enumerate(decisions[: len(SPLITS)]):
        key = f"demo-{decision.pk}"
        already = list(Allocation.objects.filter(decision=decision, idempotency_key=key))
        if already:
            made += already
            continue
        for splits in SPLITS[turn:] + SPLITS[:turn]:
            if any(fund_key not in funds for fund_key, _share in splits):
                continue
            wanted = [
                (funds[fund_key], decision.amount_cents * share // 100)
                for fund_key, share in splits
            ]
            wanted[-1] = (wanted[-1][0], decision.amount_cents - sum(c for _f, c in wanted[:-1]))
            try:
                made += services.decision_fund(
                    decision=decision, splits=wanted, idempotency_key=key, actor=actor
                )
            except ValidationError:
                continue  # this fund's rules do not allow this question: the next one
            break
    paid = [a for a in made if a.state == AllocationState.PAID]
    approved = [a for a in made if a.state == AllocationState.APPROVED]
    if not paid and approved:
        first = approved[0]
        services.allocation_pay(
            allocation=first, paid_cents=first.amount_cents * 9 // 10, actor=actor
        )
    return made


def load_demo_funds(loket, *, actor) -> dict[str, Fund]:
    """The demo desk's funds for this calendar year, by key (execution, services, rabo,
    subsidy), owned by organisations of its register; ``actor`` must be a coordinator of the
    desk. A fund whose owner is not in the register is left out. Also records which
    organisation the demo partners represent, and commits money to some decisions."""
    year = timezone.localdate().year
    with transaction.atomic():
        register = _register(loket)
        _link_partners(loket, actor, register)
        funds = {
            spec.key: _fund(loket, actor, spec, register[spec.owner], year)
            for spec in FUNDS
            if spec.owner in register
        }
        _allocate(loket, actor, funds, year)
    return funds
