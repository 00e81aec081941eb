"""One rule says which funds may pay (funds.selectors.may_pay): matching's money, the funds the
decide page offers, an offering's page and the allocation itself agree on it, also on the
kinds of provider a fund pays for."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from sportloket.core.constants import ProviderKinds
from sportloket.core.tests.factories import ThemeFactory
from sportloket.decisions.constants import Criterion
from sportloket.decisions.matching import rank_offerings
from sportloket.decisions.models import Decision
from sportloket.decisions.services import decision_record
from sportloket.funds import rules
from sportloket.funds import selectors as fund_selectors
from sportloket.funds.tests.factories import FundFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

COST = 30_000
# The kinds of a question's provider: a club, a commercial provider, another kind of
# organisation, and none from the register.
QUESTION_KINDS = [OrganisationKind.CLUB, OrganisationKind.COMMERCIAL,
                  OrganisationKind.MUNICIPALITY, None]  # fmt: skip


@pytest.fixture
def volunteers(desk):
    return ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers")


def question(desk, kind, theme):
    organisation = OrganisationFactory.for_desk(desk, kind=kind) if kind else None
    help_request = HelpRequestFactory(loket=desk, organisation=organisation)
    help_request.themes.set([theme])
    return help_request


def offering_for(desk, audience):
    return OfferingFactory(
        loket=desk, cost_cents=COST, theme_keys=["volunteers"], provider_kinds=audience
    )


def money(help_request, offering):
    """Matching's money reason for the offering."""
    (ranked,) = [r for r in rank_offerings(help_request=help_request) if r.offering == offering]
    (reason,) = [r for r in ranked.reasons if r.criterion == Criterion.MONEY]
    return reason


def funds_section(client, desk, offering) -> str:
    page = client.get(reverse("decisions:offering-detail", args=[desk.slug, offering.pk])).text
    return page.split('id="funds-title"')[1].split("</section>")[0]


def decide_page_offers(client, desk, help_request, fund) -> bool:
    """Whether the decide page has a field for the money from ``fund``."""
    url = reverse("decisions:request-decide", args=[desk.slug, help_request.pk])
    return f'name="fund_{fund.pk}"' in client.get(url).text


def decide(help_request, offering, actor, funding):
    return decision_record(
        help_request=help_request,
        chosen=[offering],
        rationale="Past bij de vraag.",
        deviation_reason="Gekozen om het fonds.",
        public_summary="Past bij de vraag.",
        funding=funding,
        actor=actor,
    )


def test_a_fund_for_clubs_is_offered_nowhere_for_a_commercial_providers_question(
    desk, coordinator_client, volunteers
):
    fund = FundFactory(loket=desk, name="Alleen voor clubs", amount_cents=500_000,
                       eligible_provider_kinds=ProviderKinds.CLUB)  # fmt: skip
    offering = offering_for(desk, ProviderKinds.COMMERCIAL)
    commercial = question(desk, OrganisationKind.COMMERCIAL, volunteers)

    assert fund_selectors.funds_that_may_pay(loket=desk, offering=offering) == []
    assert (
        fund_selectors.funds_that_may_pay(loket=desk, offering=offering, help_request=commercial)
        == []
    )
    with translation.override("en"):
        reason = money(commercial, offering)
        assert (reason.value, reason.text) == (
            0.0,
            "Costs €\u00a0300.00; no fund of the desk may pay for this question.",
        )
    with translation.override("nl"):
        assert "Alleen voor clubs" not in funds_section(coordinator_client, desk, offering)
    assert not decide_page_offers(coordinator_client, desk, commercial, fund)

    # The same fund, the same places, for a club's question and an offering for clubs.
    for_clubs = offering_for(desk, ProviderKinds.CLUB)
    club = question(desk, OrganisationKind.CLUB, volunteers)
    assert money(club, for_clubs).value == 1.0
    with translation.override("nl"):
        assert "Alleen voor clubs" in money(club, for_clubs).text
        assert "Alleen voor clubs" in funds_section(coordinator_client, desk, for_clubs)
    assert decide_page_offers(coordinator_client, desk, club, fund)


@pytest.mark.parametrize("fund_kinds", ProviderKinds.values)
def test_matching_the_decide_page_and_the_offerings_page_agree_on_the_kinds(
    desk, coordinator, coordinator_client, volunteers, fund_kinds
):
    fund = FundFactory(loket=desk, name="Het fonds", amount_cents=500_000,
                       eligible_provider_kinds=fund_kinds)  # fmt: skip
    offerings = {audience: offering_for(desk, audience) for audience in ProviderKinds.values}
    questions = {kind: question(desk, kind, volunteers) for kind in QUESTION_KINDS}
    today = timezone.localdate()

    offered_for = {}  # (question's kind, offering's audience): whether matching counts the fund
    for kind, help_request in questions.items():
        may = rules.kinds_match(fund_kinds, kind or "")
        # The one selector, the decide page's funds and matching's money say the same.
        paying = fund_selectors.paying_funds(
            loket_id=desk.pk, on=today, theme_keys={"volunteers"}, provider_kind=kind or ""
        )
        assert [f for _room, f in paying] == ([fund] if may else [])
        assert decide_page_offers(coordinator_client, desk, help_request, fund) is may
        ranked = {r.offering: r for r in rank_offerings(help_request=help_request)}
        for audience, offering in offerings.items():
            if offering in ranked:
                offered_for[kind, audience] = money(help_request, offering).value == 1.0
                assert offered_for[kind, audience] is may

    # An offering's page names the fund when it may pay for one of the questions the offering
    # ranks for, and only then.
    for audience, offering in offerings.items():
        on_page = fund.name in funds_section(coordinator_client, desk, offering)
        for_a_question = any(
            offered for (_kind, to), offered in offered_for.items() if to == audience
        )
        assert on_page is for_a_question, audience
        assert on_page is rules.kinds_match(fund_kinds, audience)

    # And the allocation agrees: the fund pays for the questions matching counted it for, and
    # refuses the others (nothing is recorded then).
    for kind, help_request in questions.items():
        if offered_for[kind, ProviderKinds.ALL]:
            decision = decide(help_request, offerings[ProviderKinds.ALL], coordinator,
                              funding=[(fund, COST)])  # fmt: skip
            assert decision.allocations.get().fund == fund
        else:
            with pytest.raises(ValidationError):
                decide(help_request, offerings[ProviderKinds.ALL], coordinator,
                       funding=[(fund, COST)])  # fmt: skip
            assert not Decision.objects.filter(help_request=help_request).exists()
