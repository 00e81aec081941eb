"""Matching: which offerings rank for a help request, the value and sentence per criterion, the
score with the desk's weights, the order (the same input, the same ranking), and a query count
that does not grow with the offerings."""

import gc
import json
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.models import signals
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportloket.accounts.tests.factories import UserFactory
from sportloket.core.constants import ProviderKinds
from sportloket.core.tests.factories import LoketFactory, MembershipFactory, ThemeFactory
from sportloket.decisions import matching
from sportloket.decisions.constants import Criterion
from sportloket.decisions.matching import rank_offerings
from sportloket.decisions.models import Decision, DecisionOption, MatchingWeights
from sportloket.funds.models import Fund
from sportloket.funds.tests.factories import FundFactory
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.offerings.constants import (
    CapacityPeriod,
    OfferingScope,
    OfferingStatus,
    Registration,
)
from sportloket.offerings.models import Offering
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.quality.tests.factories import QualityRegistrationFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Sport
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 5, 20)
ONLY = dict.fromkeys(Criterion.values, 0)


def at(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


def rank(request, **kwargs):
    kwargs.setdefault("today", TODAY)
    return rank_offerings(help_request=request, **kwargs)


def reasons(ranked, offering) -> dict:
    """The reasons of one offering in a ranking, by criterion."""
    (item,) = [r for r in ranked if r.offering.pk == offering.pk]
    return {reason.criterion: reason for reason in item.reasons}


def reason(request, offering, criterion, **kwargs):
    return reasons(rank(request, **kwargs), offering)[criterion]


def ranked_ids(request, **kwargs) -> list[int]:
    return [r.offering.pk for r in rank(request, **kwargs)]


def question(desk, organisation=None, themes=(), **fields):
    request = HelpRequestFactory(loket=desk, organisation=organisation, **fields)
    request.themes.set(themes)
    return request


def decide(request, offering, *, on, chosen=True, supersedes=None, alternatives=()):
    """A decision on ``request`` with ``offering`` (chosen or not) and some alternatives."""
    decision = Decision.objects.create(
        loket=request.loket,
        help_request=request,
        rationale="Past bij de vraag.",
        decided_by=UserFactory(),
        decided_at=on,
        supersedes=supersedes,
        option_count=1 + len(alternatives),
    )
    DecisionOption.objects.create(
        decision=decision, offering=offering, rank=1, score=Decimal(50), chosen=chosen
    )
    for number, other in enumerate(alternatives, start=2):
        DecisionOption.objects.create(
            decision=decision, offering=other, rank=number, score=Decimal(40), chosen=False
        )
    return decision


@pytest.fixture
def themes(desk):
    return (
        ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers", position=1),
        ThemeFactory(loket=desk, key="finances", name="Financiën", position=2),
    )


@pytest.fixture
def club(desk):
    return OrganisationFactory.for_desk(desk)


# --- eligibility ---------------------------------------------------------------------------


def test_the_desks_own_shared_regional_and_national_offerings_rank(desk, other_desk):
    own = OfferingFactory(loket=desk)
    national = OfferingFactory(national=True)
    shared = OfferingFactory(loket=other_desk, scope=OfferingScope.REGION)
    shared.shared_with.add(desk)
    OfferingFactory(loket=other_desk)  # another desk's own
    OfferingFactory(loket=other_desk, scope=OfferingScope.REGION)  # not shared with this desk
    assert set(ranked_ids(question(desk))) == {own.pk, national.pk, shared.pk}


def test_only_active_offerings_within_their_active_period_rank(desk):
    open_ended = OfferingFactory(loket=desk)
    starts_today = OfferingFactory(loket=desk, active_from=TODAY)
    ends_today = OfferingFactory(loket=desk, active_until=TODAY)
    OfferingFactory(loket=desk, status=OfferingStatus.DRAFT)
    OfferingFactory(loket=desk, status=OfferingStatus.ARCHIVED)
    OfferingFactory(loket=desk, active_from=date(2026, 5, 21))
    OfferingFactory(loket=desk, active_until=date(2026, 5, 19))
    assert set(ranked_ids(question(desk))) == {open_ended.pk, starts_today.pk, ends_today.pk}


@pytest.mark.parametrize(
    ("kind", "eligible"),
    [
        (OrganisationKind.CLUB, {ProviderKinds.ALL, ProviderKinds.CLUB}),
        (OrganisationKind.COMMERCIAL, {ProviderKinds.ALL, ProviderKinds.COMMERCIAL}),
        (OrganisationKind.MUNICIPALITY, set(ProviderKinds.values)),
        (None, set(ProviderKinds.values)),
    ],
)
def test_the_kind_of_provider_decides_which_offerings_rank(desk, kind, eligible):
    by_kind = {k: OfferingFactory(loket=desk, provider_kinds=k) for k in ProviderKinds.values}
    organisation = OrganisationFactory.for_desk(desk, kind=kind) if kind else None
    ranked = set(ranked_ids(question(desk, organisation)))
    assert ranked == {by_kind[k].pk for k in eligible}


def test_an_offering_for_other_sports_than_the_organisations_does_not_rank(desk, club):
    football, hockey, tennis = (Sport.objects.get(slug=s) for s in ("voetbal", "hockey", "tennis"))
    club.sports.set([football, hockey])
    for_football = OfferingFactory(loket=desk)
    for_football.sports.set([football, tennis])
    every_sport = OfferingFactory(loket=desk)
    OfferingFactory(loket=desk).sports.set([tennis])
    assert set(ranked_ids(question(desk, club))) == {for_football.pk, every_sport.pk}


def test_a_full_offering_still_ranks_with_nothing_for_capacity(desk, other_desk):
    full = OfferingFactory(loket=desk, capacity=1, capacity_period=CapacityPeriod.YEAR)
    decide(HelpRequestFactory(loket=other_desk), full, on=at(2026, 2, 1, 10))
    with translation.override("en"):
        capacity = reason(question(desk), full, Criterion.CAPACITY)
    assert capacity.value == 0.0
    assert capacity.text == "Full this year (1 of 1 places taken)."


# --- each criterion --------------------------------------------------------------------------


def test_theme_fit_is_the_share_of_the_questions_themes_the_offering_serves(desk, themes):
    both = OfferingFactory(loket=desk, theme_keys=["finances", "volunteers", "governance"])
    one = OfferingFactory(loket=desk, theme_keys=["finances"])
    none = OfferingFactory(loket=desk, theme_keys=["governance"])
    with translation.override("en"):
        ranked = rank(question(desk, themes=themes))
    assert reasons(ranked, both)["theme"].value == 1.0
    assert reasons(ranked, both)["theme"].text == (
        "Serves 2 of the question's 2 themes (Vrijwilligers, Financiën)."
    )
    assert reasons(ranked, one)["theme"].value == 0.5
    assert reasons(ranked, one)["theme"].text == (
        "Serves 1 of the question's 2 themes (Financiën)."
    )
    assert reasons(ranked, none)["theme"].value == 0.0
    assert "(Vrijwilligers, Financiën)" in reasons(ranked, none)["theme"].text


def test_theme_fit_is_neutral_while_the_question_has_no_themes(desk):
    offering = OfferingFactory(loket=desk, theme_keys=["finances"])
    with translation.override("en"):
        theme = reason(question(desk), offering, Criterion.THEME)
    assert (theme.value, theme.text) == (0.5, "The question has no themes yet.")


def test_kind_of_provider_prefers_an_offering_made_for_it(desk):
    for_clubs = OfferingFactory(loket=desk, provider_kinds=ProviderKinds.CLUB)
    for_all = OfferingFactory(loket=desk, provider_kinds=ProviderKinds.ALL)
    gym = OrganisationFactory.for_desk(desk, commercial=True)
    for_gyms = OfferingFactory(loket=desk, provider_kinds=ProviderKinds.COMMERCIAL)
    with translation.override("en"):
        ranked = rank(question(desk, OrganisationFactory.for_desk(desk)))
        for_commercial = reason(question(desk, gym), for_gyms, Criterion.PROVIDER_KIND)
    assert reasons(ranked, for_clubs)["provider_kind"].value == 1.0
    assert "sports clubs" in reasons(ranked, for_clubs)["provider_kind"].text
    assert reasons(ranked, for_all)["provider_kind"].value == 0.7
    assert for_commercial.value == 1.0
    assert "commercial sport providers" in for_commercial.text


def test_kind_of_provider_is_neutral_when_unknown(desk):
    offering = OfferingFactory(loket=desk, provider_kinds=ProviderKinds.CLUB)
    municipality = OrganisationFactory.for_desk(desk, kind=OrganisationKind.MUNICIPALITY)
    with translation.override("en"):
        unlinked = reason(question(desk), offering, Criterion.PROVIDER_KIND)
        other_kind = reason(question(desk, municipality), offering, Criterion.PROVIDER_KIND)
    assert unlinked.value == other_kind.value == 0.5
    assert unlinked.text.startswith("Kind of provider unknown")
    assert other_kind.text.startswith("Kind of provider unknown")


def test_sport_prefers_an_offering_for_a_sport_the_organisation_offers(desk, club):
    football, tennis = Sport.objects.get(slug="voetbal"), Sport.objects.get(slug="tennis")
    club.sports.set([football])
    for_football = OfferingFactory(loket=desk)
    for_football.sports.set([football, tennis])
    every_sport = OfferingFactory(loket=desk)
    with translation.override("en"):
        ranked = rank(question(desk, club))
    sport = reasons(ranked, for_football)["sport"]
    assert (sport.value, sport.text) == (1.0, "For a sport the organisation offers: Voetbal.")
    assert reasons(ranked, every_sport)["sport"].value == 0.6
    assert reasons(ranked, every_sport)["sport"].text == "For every sport."


@pytest.mark.parametrize("linked", [True, False])
def test_a_sport_specific_offering_scores_low_while_the_sports_are_unknown(desk, linked):
    offering = OfferingFactory(loket=desk)
    offering.sports.set(Sport.objects.filter(slug__in=["tennis", "hockey"]))
    organisation = OrganisationFactory.for_desk(desk) if linked else None  # without sports
    with translation.override("en"):
        sport = reason(question(desk, organisation), offering, Criterion.SPORT)
    assert sport.value == 0.3
    assert "(Hockey, Tennis)" in sport.text


def test_scope_puts_the_desks_own_offerings_first(desk, other_desk):
    own = OfferingFactory(loket=desk)
    own_regional = OfferingFactory(loket=desk, scope=OfferingScope.REGION)
    shared = OfferingFactory(loket=other_desk, scope=OfferingScope.REGION)
    shared.shared_with.add(desk)
    national = OfferingFactory(national=True)
    ranked = rank(question(desk))
    values = {o: reasons(ranked, o)["scope"].value for o in (own, own_regional, shared, national)}
    assert values == {own: 1.0, own_regional: 1.0, shared: 0.8, national: 0.6}


def test_capacity_counts_the_current_choices_of_this_period_at_every_desk(desk, other_desk):
    monthly = OfferingFactory(loket=desk, capacity=3, capacity_period=CapacityPeriod.MONTH)
    other = OfferingFactory(loket=desk)
    decide(HelpRequestFactory(loket=other_desk), monthly, on=at(2026, 5, 1, 0, 30))  # counts
    decide(HelpRequestFactory(loket=desk), monthly, on=at(2026, 4, 30, 23, 30))  # April
    decide(HelpRequestFactory(loket=desk), other, on=at(2026, 5, 3), alternatives=[monthly])
    replaced = decide(HelpRequestFactory(loket=desk), monthly, on=at(2026, 5, 4))
    decide(replaced.help_request, other, on=at(2026, 5, 5), supersedes=replaced)
    with translation.override("en"):
        capacity = reason(question(desk), monthly, Criterion.CAPACITY)
    assert capacity.value == pytest.approx(2 / 3)
    assert capacity.text == "2 of 3 places left this month."


@pytest.mark.parametrize(
    ("period", "left"),
    [(CapacityPeriod.MONTH, 3), (CapacityPeriod.QUARTER, 2), (CapacityPeriod.YEAR, 1)],
)
def test_capacity_is_per_calendar_month_quarter_or_year(desk, period, left):
    offering = OfferingFactory(loket=desk, capacity=3, capacity_period=period)
    decide(HelpRequestFactory(loket=desk), offering, on=at(2026, 4, 2))  # same quarter
    decide(HelpRequestFactory(loket=desk), offering, on=at(2026, 1, 2))  # same year
    decide(HelpRequestFactory(loket=desk), offering, on=at(2025, 12, 30))  # last year
    capacity = reason(question(desk), offering, Criterion.CAPACITY)
    assert capacity.value == pytest.approx(left / 3)


def test_capacity_is_full_marks_without_a_limit(desk):
    offering = OfferingFactory(loket=desk)
    with translation.override("en"):
        capacity = reason(question(desk), offering, Criterion.CAPACITY)
    assert (capacity.value, capacity.text) == (1.0, "No limit on the number of providers.")


def fund(desk, amount, **fields):
    """A fund of the desk in use on TODAY (2026) with ``amount`` cents."""
    fields.setdefault("starts_on", date(2026, 1, 1))
    fields.setdefault("ends_on", date(2026, 12, 31))
    return FundFactory(loket=desk, amount_cents=amount, **fields)


def test_money_is_full_marks_for_an_offering_that_costs_nothing(desk):
    free = OfferingFactory(loket=desk, cost_cents=0)
    with translation.override("en"):
        money = reason(question(desk), free, Criterion.MONEY)
    assert (money.value, money.text) == (1.0, "Free for the desk.")


def test_money_without_a_fund_that_may_pay_is_nothing(desk, other_desk):
    paid = OfferingFactory(loket=desk, cost_cents=120000)
    fund(other_desk, 500000)  # another desk's money
    fund(desk, 500000, starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31))  # last year
    fund(desk, 500000, is_active=False)
    with translation.override("en"):
        money = reason(question(desk), paid, Criterion.MONEY)
    assert money.value == 0.0
    assert money.text == "Costs €\u00a01,200.00; no fund of the desk may pay for this question."


def test_money_is_full_marks_when_one_fund_that_may_pay_has_the_cost(desk):
    paid = OfferingFactory(loket=desk, cost_cents=120000)
    fund(desk, 100000, name="Klein budget")
    fund(desk, 150000, name="Uitvoeringsbudget")
    with translation.override("nl"):
        money = reason(question(desk), paid, Criterion.MONEY)
    assert money.value == 1.0
    assert "Uitvoeringsbudget" in money.text
    assert "€\u00a01.200,00" in money.text and "€\u00a01.500,00" in money.text  # Dutch amounts


def test_money_counts_only_what_is_left_in_the_fund(desk):
    paid = OfferingFactory(loket=desk, cost_cents=120000)
    money_fund = fund(desk, 150000)
    Fund.objects.filter(pk=money_fund.pk).update(committed_cents=40000)  # 110000 left
    assert reason(question(desk), paid, Criterion.MONEY).value == 0.0


def test_money_follows_the_rules_of_the_fund(desk):
    paid = OfferingFactory(loket=desk, cost_cents=120000)
    club = OrganisationFactory(kind=OrganisationKind.CLUB)
    themes = [ThemeFactory(loket=desk, key="finances"), ThemeFactory(loket=desk, key="members")]
    fund(desk, 500000, eligible_provider_kinds=ProviderKinds.COMMERCIAL)
    fund(desk, 500000, theme_keys=["volunteers"])
    fund(desk, 500000, max_per_allocation_cents=50000, name="Maximaal 500")
    request = question(desk, club, themes=themes)
    with translation.override("en"):
        money = reason(request, paid, Criterion.MONEY)
    # Only the fund with a maximum per allocation may pay, and not all of it.
    assert money.value == 0.0
    assert (
        money.text == "Costs €\u00a01,200.00; the funds that may pay have only €\u00a0500.00 left."
    )

    fund(desk, 500000, theme_keys=["members"], eligible_provider_kinds=ProviderKinds.CLUB)
    assert reason(request, paid, Criterion.MONEY).value == 1.0


def test_money_is_half_when_only_funds_together_can_pay(desk):
    paid = OfferingFactory(loket=desk, cost_cents=120000)
    fund(desk, 70000, name="Gemeente")
    fund(desk, 60000, name="Rabo ClubSupport")
    with translation.override("en"):
        money = reason(question(desk), paid, Criterion.MONEY)
    assert money.value == 0.5
    assert money.text == (
        "Costs €\u00a01,200.00; only the funds that may pay together can pay it "
        "(Gemeente, Rabo ClubSupport)."
    )


def test_money_a_fund_that_pays_only_with_another_is_not_enough_alone(desk):
    paid = OfferingFactory(loket=desk, cost_cents=120000)
    fund(desk, 500000, name="Samen", co_funding_required=True)
    with translation.override("en"):
        money = reason(question(desk), paid, Criterion.MONEY)
    assert money.value == 0.0
    assert "pays only together with another fund" in money.text


def test_supporter_counts_the_desks_qualified_supporters(desk, other_desk):
    anyone = OfferingFactory(loket=desk)
    spn = OfferingFactory(loket=desk, required_registration=Registration.SPN)
    also_spn = OfferingFactory(loket=desk, required_registration=Registration.SPN)
    vog = OfferingFactory(loket=desk, required_registration=Registration.VOG)
    for _number in range(2):
        user = MembershipFactory(loket=desk, supporter=True).user
        QualityRegistrationFactory(user=user, spn=True, recorded_by_loket=desk)
    # Not counted: a registration that lapsed, and a supporter of another desk.
    lapsed = MembershipFactory(loket=desk, supporter=True).user
    QualityRegistrationFactory(user=lapsed, valid_until=date(2026, 5, 19))
    outsider = MembershipFactory(loket=other_desk, supporter=True).user
    QualityRegistrationFactory(user=outsider, recorded_by_loket=other_desk)
    with translation.override("en"):
        ranked = rank(question(desk))
    assert reasons(ranked, anyone)["supporter"].value == 1.0
    assert reasons(ranked, anyone)["supporter"].text == "No registration needed."
    assert reasons(ranked, spn)["supporter"].value == 1.0
    assert reasons(ranked, also_spn)["supporter"].value == 1.0
    assert "2 supporters" in reasons(ranked, spn)["supporter"].text
    assert reasons(ranked, vog)["supporter"].value == 0.0
    assert "no supporter of the desk holds it" in reasons(ranked, vog)["supporter"].text


def test_rating_is_the_mean_of_evaluated_questions_that_chose_the_offering(desk, other_desk):
    rated = OfferingFactory(loket=desk)
    unrated = OfferingFactory(loket=desk)
    evaluated = RequestState.EVALUATED
    decide(HelpRequestFactory(loket=desk, state=evaluated, rating=5), rated, on=at(2025, 3, 1))
    decide(
        HelpRequestFactory(loket=other_desk, state=evaluated, rating=3), rated, on=at(2024, 1, 1)
    )
    # Not counted: a rating before the evaluation, a choice that was replaced, an alternative.
    decide(
        HelpRequestFactory(loket=desk, state=RequestState.COMPLETED, rating=1),
        rated,
        on=at(2026, 1, 1),
    )
    replaced = decide(
        HelpRequestFactory(loket=desk, state=evaluated, rating=1), rated, on=at(2026, 2, 1)
    )
    decide(replaced.help_request, unrated, on=at(2026, 2, 2), supersedes=replaced)
    decide(HelpRequestFactory(loket=desk, state=evaluated, rating=1), unrated, on=at(2026, 3, 1),
           alternatives=[rated])  # fmt: skip
    with translation.override("en"):
        ranked = rank(question(desk))
    rating = reasons(ranked, rated)["rating"]
    assert rating.value == 0.75  # (4 - 1) / 4
    assert rating.text == "Rated 4.0 of 5 on average, after 2 questions."
    assert reasons(ranked, unrated)["rating"].value == 0.0  # rated 1 twice
    no_history = OfferingFactory(loket=desk)
    with translation.override("en"):
        fresh = reason(question(desk), no_history, Criterion.RATING)
    assert (fresh.value, fresh.text) == (0.5, "No ratings yet.")


def test_novelty_marks_what_the_organisation_already_received(desk, other_desk, club):
    received = OfferingFactory(loket=desk)
    replaced = OfferingFactory(loket=desk)
    by_others = OfferingFactory(loket=desk)
    for_this_question = OfferingFactory(loket=desk)
    new = OfferingFactory(loket=desk)
    decide(HelpRequestFactory(loket=other_desk, organisation=club), received, on=at(2026, 3, 2, 9))
    earlier = decide(HelpRequestFactory(loket=desk, organisation=club), replaced, on=at(2026, 1, 5))
    decide(
        earlier.help_request, new, on=at(2026, 1, 6), supersedes=earlier, alternatives=[replaced]
    )
    decide(HelpRequestFactory(loket=desk, organisation=OrganisationFactory()), by_others,
           on=at(2026, 2, 1))  # fmt: skip
    request = question(desk, club)
    decide(request, for_this_question, on=at(2026, 5, 1))  # this question is decided again
    with translation.override("en"):
        ranked = rank(request)
    novelty = reasons(ranked, received)["novelty"]
    assert (novelty.value, novelty.text) == (
        0.0,
        "The organisation already received this on March 2, 2026.",
    )
    assert reasons(ranked, new)["novelty"].value == 0.0  # the current choice of the other question
    for offering in (replaced, by_others, for_this_question):
        assert reasons(ranked, offering)["novelty"].value == 1.0
    with translation.override("en"):
        unlinked = reason(question(desk), received, Criterion.NOVELTY)
    assert unlinked.value == 1.0
    assert "no organisation from the register" in unlinked.text


# --- score, weights, explanation, order --------------------------------------------------------


def test_the_score_is_the_weighted_mean_of_the_values(desk, themes):
    offering = OfferingFactory(loket=desk, theme_keys=["finances"])  # theme 0.5, own desk 1.0
    weights = ONLY | {"theme": 2, "scope": 1}
    (ranked,) = rank(question(desk, themes=themes), weights=weights)
    assert ranked.offering == offering
    assert ranked.score == Decimal("66.67")  # (2 x 0.5 + 1 x 1.0) / 3 x 100
    assert [r.weight for r in ranked.reasons] == [weights[c] for c in Criterion.values]


def test_with_default_weights_the_score_stays_within_0_and_100(desk, themes):
    perfect = OfferingFactory(loket=desk, theme_keys=["finances", "volunteers"])
    (ranked,) = rank(question(desk, OrganisationFactory.for_desk(desk), themes=themes))
    assert ranked.offering == perfect
    assert Decimal(0) <= ranked.score <= Decimal(100)
    assert ranked.score == ranked.score.quantize(Decimal("0.01"))


def test_the_desks_weights_are_used_unless_given(desk, themes):
    serves = OfferingFactory(loket=desk, title="B", theme_keys=["finances"])
    local = OfferingFactory(loket=desk, title="A", theme_keys=["governance"])
    national = OfferingFactory(national=True, title="C", theme_keys=["finances"])
    request = question(desk, themes=themes)
    MatchingWeights.objects.create(loket=desk, **(ONLY | {"theme": 10, "scope": 1}))
    assert ranked_ids(request) == [serves.pk, national.pk, local.pk]
    scope_first = ONLY | {"theme": 1, "scope": 10}
    assert ranked_ids(request, weights=scope_first) == [serves.pk, local.pk, national.pk]


def test_a_zero_weight_is_listed_but_counts_nothing(desk, themes):
    offering = OfferingFactory(loket=desk, theme_keys=["governance"])  # no theme in common
    (ranked,) = rank(question(desk, themes=themes), weights=ONLY | {"theme": 0, "scope": 5})
    theme = next(r for r in ranked.reasons if r.criterion == Criterion.THEME)
    assert (theme.weight, theme.value) == (0, 0.0)
    assert ranked.score == Decimal("100.00")
    assert ranked.offering == offering


def test_with_all_weights_zero_every_score_is_zero_and_titles_order(desk):
    b = OfferingFactory(loket=desk, title="Bestuursadvies")
    a = OfferingFactory(loket=desk, title="Accommodatieadvies")
    ranked = rank(question(desk), weights=ONLY)
    assert [(r.offering, r.score) for r in ranked] == [(a, Decimal("0.00")), (b, Decimal("0.00"))]


def test_a_mapping_without_some_criteria_gets_their_default_weights(desk):
    OfferingFactory(loket=desk)
    (ranked,) = rank(question(desk), weights={"theme": 1})
    weights = {r.criterion: r.weight for r in ranked.reasons}
    assert weights["theme"] == 1
    assert weights["novelty"] == MatchingWeights._meta.get_field("novelty").default


def test_the_explanation_lists_every_criterion_in_order_as_json(desk, themes):
    OfferingFactory(loket=desk, theme_keys=["finances"], cost_cents=45000)
    (ranked,) = rank(question(desk, themes=themes))
    explanation = ranked.explanation()
    assert json.loads(json.dumps(explanation)) == explanation
    assert [item["criterion"] for item in explanation] == Criterion.values
    assert [item["label"] for item in explanation] == [str(c.label) for c in Criterion]
    for item in explanation:
        assert set(item) == {"criterion", "label", "value", "weight", "text"}
        assert 0.0 <= item["value"] <= 1.0
        assert type(item["text"]) is str and item["text"].endswith(".")


def test_the_same_input_gives_the_same_ranking(desk, other_desk, themes, club):
    for number in range(12):
        offering = OfferingFactory(
            loket=desk if number % 3 else None,
            scope=OfferingScope.DESK if number % 3 else OfferingScope.NATIONAL,
            title=f"Aanbod {number % 4}",  # equal titles: the id decides
            theme_keys=[["finances"], ["volunteers"], ["governance"]][number % 3],
            capacity=[None, 2][number % 2],
            cost_cents=[0, 25000][number % 2],
        )
        if number % 4 == 0:
            decide(HelpRequestFactory(loket=other_desk, state=RequestState.EVALUATED,
                                      rating=number % 5 + 1), offering, on=at(2026, 5, 2))  # fmt: skip
    request = question(desk, club, themes=themes)

    def outcome():
        return [(r.offering.pk, r.score, r.explanation()) for r in rank(request)]

    first = outcome()
    assert outcome() == first
    keys = [(-score, Offering.objects.get(pk=pk).title, pk) for pk, score, _ in first]
    assert keys == sorted(keys)


def test_ties_are_broken_by_title_then_by_id(desk):
    second = OfferingFactory(loket=desk, title="Verenigingsadvies")
    third = OfferingFactory(loket=desk, title="Verenigingsadvies")
    first = OfferingFactory(loket=desk, title="Accommodatieadvies")
    assert ranked_ids(question(desk)) == [first.pk, second.pk, third.pk]


# --- what comes back, and how many queries it takes -------------------------------------------


def test_ranked_offerings_come_with_their_organisation(desk, django_assert_num_queries):
    offering = OfferingFactory(loket=desk, description="Een adviseur helpt.")
    (ranked,) = rank(question(desk))
    with django_assert_num_queries(0):
        assert ranked.offering.delivered_by.name == offering.delivered_by.name
        assert ranked.offering.title == offering.title
        assert ranked.offering.cost_cents == offering.cost_cents
    assert ranked.offering == offering
    with django_assert_num_queries(1):  # read when used: a ranking does not show it
        assert ranked.offering.description == "Een adviseur helpt."
    assert ranked.offering.created_at == offering.created_at


def test_ranking_sends_the_init_signals_when_something_listens(desk):
    offering = OfferingFactory(loket=desk)
    made = []

    def listener(sender, instance, **kwargs):
        made.append(instance.pk)

    signals.post_init.connect(listener, sender=Offering, dispatch_uid="test-matching")
    try:
        (ranked,) = rank(question(desk))
        assert made == []  # an offering is made when it is read
        assert ranked.offering == offering
    finally:
        signals.post_init.disconnect(sender=Offering, dispatch_uid="test-matching")
    assert offering.pk in made
    assert ranked.offering.delivered_by == offering.delivered_by


def test_the_number_of_queries_does_not_grow_with_the_offerings(desk, other_desk, themes):
    request = question(desk, themes=themes)  # sports unknown: their names are read once
    football = Sport.objects.get(slug="voetbal")
    user = UserFactory()

    def add(count):
        for number in range(count):
            offering = OfferingFactory(
                loket=desk,
                theme_keys=["finances", "governance"][: number % 2 + 1],
                capacity=5,
                cost_cents=10000 * (number % 3),
                required_registration=[Registration.NONE, Registration.SPN][number % 2],
            )
            offering.sports.add(football)
            shared = OfferingFactory(loket=other_desk, scope=OfferingScope.REGION)
            shared.shared_with.add(desk)
            earlier = HelpRequestFactory(loket=other_desk, state=RequestState.EVALUATED, rating=4)
            decision = Decision.objects.create(loket=other_desk, help_request=earlier,
                                               rationale="Past.", decided_by=user,
                                               decided_at=at(2026, 5, 2),
                                               option_count=1)  # fmt: skip
            DecisionOption.objects.create(decision=decision, offering=offering, rank=1,
                                          score=Decimal(60), chosen=True)  # fmt: skip

    add(2)
    # Five (the weights, the question's themes, the offerings with all the rest, their
    # organisations, the names of the sports), two for the desk's funds (with their themes)
    # and two for the supporters holding SPN (the desk's rule, the registrations).
    first, second = assert_queries_do_not_grow(lambda: rank(request), add, more=20, max_queries=9)
    assert len(second) == len(first) + 40


def test_the_periods_are_those_of_the_day_ranked_for(desk):
    offering = OfferingFactory(loket=desk, capacity=4, capacity_period=CapacityPeriod.MONTH)
    decide(HelpRequestFactory(loket=desk), offering, on=at(2026, 5, 2))
    request = question(desk)
    for day, left in [(TODAY, 3), (date(2026, 6, 1), 4), (TODAY, 3), (date(2026, 5, 31), 3)]:
        capacity = reason(request, offering, Criterion.CAPACITY, today=day)
        assert capacity.value == pytest.approx(left / 4), day


def test_ranking_leaves_the_garbage_collector_as_it_was(desk, monkeypatch):
    OfferingFactory(loket=desk, cost_cents=5000)
    request = question(desk)
    assert gc.isenabled()
    rank(request)
    assert gc.isenabled()
    gc.disable()
    try:
        rank(request)
        assert not gc.isenabled()
    finally:
        gc.enable()

    def broken(self, cost):
        raise RuntimeError("the funds are away")

    monkeypatch.setattr(matching._ReasonMaker, "money", broken)
    with pytest.raises(RuntimeError):
        rank(request)
    assert gc.isenabled()


# --- property: the kind of provider ------------------------------------------------------------


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    kind=st.sampled_from([OrganisationKind.CLUB, OrganisationKind.COMMERCIAL]),
    offerings=st.lists(
        st.tuples(
            st.sampled_from(ProviderKinds.values),
            st.sampled_from([OfferingScope.DESK, OfferingScope.NATIONAL]),
            st.sampled_from([0, 50000]),
            st.sampled_from([None, 0, 1, 10]),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_an_offering_for_another_kind_of_provider_never_ranks(kind, offerings):
    desk = LoketFactory()
    for provider_kinds, scope, cost, capacity in offerings:
        OfferingFactory(
            loket=desk if scope == OfferingScope.DESK else None,
            scope=scope,
            provider_kinds=provider_kinds,
            cost_cents=cost,
            capacity=capacity,
        )
    request = question(desk, OrganisationFactory.for_desk(desk, kind=kind))
    allowed = {ProviderKinds.ALL, matching.PROVIDER_KIND_OF[kind]}
    ranked = rank(request)
    assert all(r.offering.provider_kinds in allowed for r in ranked)
    # …and every other visible offering does rank (none has sports to filter on).
    visible = Offering.objects.visible_to(desk.pk).filter(provider_kinds__in=allowed)
    assert {r.offering.pk for r in ranked} == set(visible.values_list("pk", flat=True))
