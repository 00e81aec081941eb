"""Each rule of the loket-scan with hand-built figures: met, partly and not yet (and not
measurable where the rule has that)."""

import datetime

import pytest
from django.utils.translation import gettext

from sportloket.scan import rules
from sportloket.scan.constants import Verdict
from sportloket.scan.thresholds import DEFAULTS, effective

T = dict(DEFAULTS)


def party(kind="club", valid=True, municipality=None, organisation=1, takes_part="supporting"):
    return {
        "kind": takes_part,
        "valid": valid,
        "organisation_id": organisation,
        "organisation__kind": kind,
        "organisation__municipality_id": municipality,
    }


def facts(**parts):
    """The figures of an empty desk, with ``parts`` laid over them."""
    base = {
        "on": datetime.date(2026, 6, 1),
        "since": datetime.date(2025, 6, 1),
        "registry": {
            "participations": [],
            "per_kind": {},
            "providers_per_municipality": {},
            "alignments": [],
        },
        "contacts": {"providers": 0, "covered": 0, "proactive": 0},
        "funds": {"funds": {}, "awarded": 0},
        "quality": {"supporters": 0, "meeting": 0, "has_rule": False},
        "knowledge": {
            "published": 0, "shared": 0, "following": 0, "followed_by": 0,
            "author_organisations": set(),
        },
        "meetings": {"held": 0, "with_platform": 0, "organisations": set()},
        "cooperation": {
            "providers": {}, "providers_others": {}, "supporters": {}, "other_domains": {},
            "introductions": 0,
        },
        "clubcheck": {"round": None},
        "decisions": {"decisions": 0, "passed_over": 0, "unexplained": 0},
        "helprequests": {"questions": 0, "referrals_sent": 0, "referrals_received": 0},
    }  # fmt: skip
    for name, value in parts.items():
        base[name] = base[name] | value if isinstance(base[name], dict) else value
    return base


def registry(**values):
    return facts(registry=values)


def verdict(rule, found, thresholds=T):
    return rule(found, thresholds).verdict


# --- helpers ---------------------------------------------------------------------------------


def test_by_share_uses_both_thresholds_and_needs_at_least_one():
    assert rules.by_share(9, 10, 90, 50) == Verdict.MET
    assert rules.by_share(5, 10, 90, 50) == Verdict.PARTLY
    assert rules.by_share(4, 10, 90, 50) == Verdict.NOT_YET
    assert rules.by_share(0, 10, 90, 0) == Verdict.NOT_YET
    assert rules.by_share(0, 0, 90, 50) == Verdict.UNMEASURABLE


def test_combine_ignores_what_cannot_be_measured():
    M, P, N, U = Verdict.MET, Verdict.PARTLY, Verdict.NOT_YET, Verdict.UNMEASURABLE
    assert rules.combine([M, M, U]) == M
    assert rules.combine([N, N]) == N
    assert rules.combine([M, N]) == P
    assert rules.combine([U, U]) == U


def test_a_desks_threshold_overrides_the_default_only_within_its_range():
    found = effective({"contact_met": 80, "proactive_met": 400, "gone": 3, "quality_met": "x"})
    assert found["contact_met"] == 80
    assert found["proactive_met"] == DEFAULTS["proactive_met"]
    assert found["quality_met"] == DEFAULTS["quality_met"]
    assert "gone" not in found


# --- recognised as the coordination point ------------------------------------------------------


def test_recognised_by_providers():
    met = registry(participations=[party("sport_platform", valid=True)])
    partly = registry(participations=[party("club", valid=False)])
    not_yet = registry(participations=[party("federation", valid=True)])
    assert verdict(rules.recognised_by_providers, met) == Verdict.MET
    assert verdict(rules.recognised_by_providers, partly) == Verdict.PARTLY
    assert verdict(rules.recognised_by_providers, not_yet) == Verdict.NOT_YET


def test_recognised_by_federations_counts_to_the_desks_threshold():
    two = registry(participations=[party("federation", organisation=i) for i in (1, 2)])
    assert verdict(rules.recognised_by_federations, two) == Verdict.MET
    assert verdict(rules.recognised_by_federations, two, T | {"federations_met": 3}) == (
        Verdict.PARTLY
    )
    assert verdict(rules.recognised_by_federations, registry()) == Verdict.NOT_YET


def test_recognised_by_every_municipality_of_the_work_area():
    area = {10: 5, 11: 3}
    both = [party("municipality", municipality=m, organisation=m) for m in area]
    one = [party("municipality", municipality=10, organisation=10)]
    unsigned = [party("municipality", municipality=10, valid=False)]
    for parties, expected in ((both, Verdict.MET), (one, Verdict.PARTLY),
                              (unsigned, Verdict.PARTLY), ([], Verdict.NOT_YET)):  # fmt: skip
        found = registry(participations=parties, providers_per_municipality=area)
        assert verdict(rules.recognised_by_municipalities, found) == expected
    assert verdict(rules.recognised_by_municipalities, registry()) == Verdict.UNMEASURABLE


def test_a_municipality_outside_the_work_area_does_not_count():
    found = registry(
        participations=[party("municipality", municipality=99)],
        providers_per_municipality={10: 1},
    )
    assert verdict(rules.recognised_by_municipalities, found) == Verdict.NOT_YET


def test_the_sport_company_only_where_there_is_one():
    assert verdict(rules.recognised_by_sport_company, registry()) == Verdict.MET
    present = {"sport_company": 1}
    signed = registry(per_kind=present, participations=[party("sport_company")])
    unsigned = registry(per_kind=present, participations=[party("sport_company", valid=False)])
    absent = registry(per_kind=present)
    assert verdict(rules.recognised_by_sport_company, signed) == Verdict.MET
    assert verdict(rules.recognised_by_sport_company, unsigned) == Verdict.PARTLY
    assert verdict(rules.recognised_by_sport_company, absent) == Verdict.NOT_YET


# --- contact ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proactive", "expected"),
    [(60, Verdict.MET), (25, Verdict.PARTLY), (24, Verdict.NOT_YET)],
)
def test_proactive_contact(proactive, expected):
    found = facts(contacts={"providers": 100, "covered": 100, "proactive": proactive})
    assert verdict(rules.proactive_contact, found) == expected


@pytest.mark.parametrize(
    ("covered", "expected"),
    [(90, Verdict.MET), (50, Verdict.PARTLY), (49, Verdict.NOT_YET), (0, Verdict.NOT_YET)],
)
def test_regular_contact(covered, expected):
    found = facts(contacts={"providers": 100, "covered": covered, "proactive": 0})
    assert verdict(rules.regular_contact, found) == expected


def test_contact_without_providers_cannot_be_measured():
    assert verdict(rules.regular_contact, facts()) == Verdict.UNMEASURABLE


# --- money -----------------------------------------------------------------------------------


def money(kind, ever, running, deciding):
    return facts(funds={"funds": {kind: {"ever": ever, "running": running, "deciding": deciding}}})


def test_execution_budget():
    assert verdict(rules.execution_budget, money("execution", 2, 1, 1)) == Verdict.MET
    # Running, but the owner approves every allocation: the desk does not decide.
    assert verdict(rules.execution_budget, money("execution", 1, 1, 0)) == Verdict.PARTLY
    assert verdict(rules.execution_budget, money("services", 1, 1, 1)) == Verdict.NOT_YET


def test_services_budget():
    assert verdict(rules.services_budget, money("services", 1, 1, 1)) == Verdict.MET
    assert verdict(rules.services_budget, money("services", 1, 0, 0)) == Verdict.PARTLY
    assert verdict(rules.services_budget, facts()) == Verdict.NOT_YET


def test_other_money_is_any_partner_subsidy_or_other_fund():
    assert verdict(rules.other_money, money("partner", 1, 1, 1)) == Verdict.MET
    assert verdict(rules.other_money, money("subsidy", 1, 0, 0)) == Verdict.PARTLY
    assert verdict(rules.other_money, money("execution", 1, 1, 1)) == Verdict.NOT_YET


# --- quality ---------------------------------------------------------------------------------


def test_quality():
    ruled = {"supporters": 10, "has_rule": True}
    assert verdict(rules.quality, facts(quality=ruled | {"meeting": 9})) == Verdict.MET
    assert verdict(rules.quality, facts(quality=ruled | {"meeting": 5})) == Verdict.PARTLY
    assert verdict(rules.quality, facts(quality=ruled | {"meeting": 4})) == Verdict.NOT_YET


def test_without_a_quality_rule_the_best_is_partly():
    found = facts(quality={"supporters": 10, "meeting": 10, "has_rule": False})
    finding = rules.quality(found, T)
    assert finding.verdict == Verdict.PARTLY
    assert finding.evidence[-1][1] == gettext("not set: the desk has no rule yet")


# --- the network -----------------------------------------------------------------------------


def test_whole_network():
    supporting = [party("support", takes_part="supporting")]
    met = registry(providers_per_municipality={1: 4, 2: 7}, participations=supporting)
    gap = registry(providers_per_municipality={1: 4, 2: 0}, participations=supporting)
    none = registry(providers_per_municipality={1: 0})
    assert verdict(rules.whole_network, met) == Verdict.MET
    assert verdict(rules.whole_network, gap) == Verdict.PARTLY
    assert verdict(rules.whole_network, none) == Verdict.NOT_YET
    assert verdict(rules.whole_network, registry()) == Verdict.UNMEASURABLE


def test_sharing_counts_parties_that_wrote_or_met():
    parties = [party(organisation=i) for i in range(1, 5)]
    found = registry(participations=parties)
    found["knowledge"]["author_organisations"] = {1, 2}
    found["meetings"]["organisations"] = {2, 3, 99}  # 99 takes part in no way
    assert verdict(rules.sharing, found) == Verdict.MET  # 3 of 4
    found["knowledge"]["author_organisations"] = set()
    found["meetings"]["organisations"] = {1}
    assert verdict(rules.sharing, found) == Verdict.PARTLY  # 1 of 4
    found["meetings"]["organisations"] = set()
    assert verdict(rules.sharing, found) == Verdict.NOT_YET


def alignment(federation, agreed):
    return {"federation_id": federation, "agreed": agreed}


def test_aligned():
    both = [alignment(1, True), alignment(None, True)]
    open_ = [alignment(1, True), alignment(None, False)]
    only_federations = [alignment(1, True)]
    assert verdict(rules.aligned, registry(alignments=both)) == Verdict.MET
    assert verdict(rules.aligned, registry(alignments=open_)) == Verdict.PARTLY
    assert verdict(rules.aligned, registry(alignments=only_federations)) == Verdict.PARTLY
    assert verdict(rules.aligned, registry(alignments=[alignment(1, False)])) == Verdict.NOT_YET


def test_overview_needs_all_five_kinds():
    every = {"club": 3, "support": 1, "care": 1, "sport_platform": 1}
    federation = [party("federation")]
    assert verdict(rules.overview, registry(per_kind=every, participations=federation)) == (
        Verdict.MET
    )
    assert verdict(rules.overview, registry(per_kind=every)) == Verdict.PARTLY
    assert verdict(rules.overview, registry()) == Verdict.NOT_YET


def test_declarations_of_every_party():
    all_ = [party(organisation=i) for i in (1, 2)]
    half = [party(organisation=1), party(organisation=2, valid=False)]
    few = [party(organisation=1)] + [party(organisation=i, valid=False) for i in (2, 3, 4)]
    assert verdict(rules.declarations, registry(participations=all_)) == Verdict.MET
    assert verdict(rules.declarations, registry(participations=half)) == Verdict.PARTLY
    assert verdict(rules.declarations, registry(participations=few)) == Verdict.NOT_YET
    assert verdict(rules.declarations, registry()) == Verdict.NOT_YET


# --- how the desk works ----------------------------------------------------------------------


def test_set_up_for_knowledge_services_and_money():
    knowledge = {"published": 2}
    assert (
        verdict(
            rules.set_up,
            facts(knowledge=knowledge, decisions={"decisions": 4}, funds={"awarded": 1}),
        )
        == Verdict.MET
    )
    assert verdict(rules.set_up, facts(decisions={"decisions": 4})) == Verdict.PARTLY
    assert verdict(rules.set_up, facts()) == Verdict.NOT_YET


def test_open_decisions():
    def found(unexplained, decisions=20):
        return facts(decisions={"decisions": decisions, "passed_over": 5,
                                "unexplained": unexplained})  # fmt: skip

    assert verdict(rules.open_decisions, found(0)) == Verdict.MET
    assert verdict(rules.open_decisions, found(2)) == Verdict.PARTLY  # 10 %
    assert verdict(rules.open_decisions, found(3)) == Verdict.NOT_YET
    assert verdict(rules.open_decisions, facts()) == Verdict.UNMEASURABLE


def test_meetings_with_the_sport_platform():
    def found(held, platform):
        return facts(meetings={"held": held, "with_platform": platform, "organisations": set()})

    assert verdict(rules.meetings, found(4, 1)) == Verdict.MET
    assert verdict(rules.meetings, found(4, 0)) == Verdict.PARTLY
    assert verdict(rules.meetings, found(1, 1)) == Verdict.PARTLY
    assert verdict(rules.meetings, found(0, 0)) == Verdict.NOT_YET


def test_local_data_from_the_club_check():
    def found(answered, published):
        return facts(clubcheck={"round": 2026, "invited": 10, "answered": answered,
                                "published": published, "closes_on": None})  # fmt: skip

    assert verdict(rules.local_data, found(5, True)) == Verdict.MET
    assert verdict(rules.local_data, found(5, False)) == Verdict.PARTLY  # still open
    assert verdict(rules.local_data, found(4, True)) == Verdict.PARTLY
    assert verdict(rules.local_data, facts()) == Verdict.NOT_YET


def test_other_desks():
    two = facts(knowledge={"following": 1, "shared": 2})
    one = facts(helprequests={"referrals_sent": 1})
    assert verdict(rules.other_desks, two) == Verdict.MET
    assert verdict(rules.other_desks, one) == Verdict.PARTLY
    assert verdict(rules.other_desks, facts()) == Verdict.NOT_YET


@pytest.mark.parametrize(
    "rule",
    [
        rules.cooperation_providers,
        rules.cooperation_providers_others,
        rules.cooperation_supporters,
        rules.cooperation_other_domains,
    ],
)
def test_cooperation(rule):
    shape = {
        rules.cooperation_providers: "providers",
        rules.cooperation_providers_others: "providers_others",
        rules.cooperation_supporters: "supporters",
        rules.cooperation_other_domains: "other_domains",
    }[rule]
    assert verdict(rule, facts(cooperation={shape: {"came_about": 1}})) == Verdict.MET
    assert verdict(rule, facts(cooperation={shape: {"preparing": 2}})) == Verdict.PARTLY
    assert verdict(rule, facts()) == Verdict.NOT_YET


def test_an_introduction_stimulates_cooperation_between_providers_only():
    found = facts(cooperation={"introductions": 1})
    assert verdict(rules.cooperation_providers, found) == Verdict.PARTLY
    assert verdict(rules.cooperation_other_domains, found) == Verdict.NOT_YET
