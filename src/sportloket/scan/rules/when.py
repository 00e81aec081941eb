"""The rules of "Wanneer ben je een sport- en beweegloket?"."""

from django.utils.translation import gettext as _

from sportloket.registry.constants import OrganisationKind, ParticipationKind
from sportloket.scan.constants import Verdict
from sportloket.scan.rules.common import Finding, by_share, of

PROVIDER_SIDE = {
    OrganisationKind.CLUB,
    OrganisationKind.COMMERCIAL,
    OrganisationKind.SPORT_PLATFORM,
}


# --- Recognised as the coordination point --------------------------------------------------


def _declared(facts, kinds) -> tuple[int, int]:
    """(with a valid declaration, taking part) among the participating parties of ``kinds``."""
    parties = [p for p in facts["registry"]["participations"] if p["organisation__kind"] in kinds]
    return sum(p["valid"] for p in parties), len(parties)


def _recognised(facts, kinds, minimum: int, what: str) -> Finding:
    valid, taking_part = _declared(facts, kinds)
    if valid >= minimum:
        verdict = Verdict.MET
    elif taking_part:
        verdict = Verdict.PARTLY
    else:
        verdict = Verdict.NOT_YET
    return Finding(
        verdict,
        (
            (_("%(what)s taking part") % {"what": what}, str(taking_part)),
            (_("of them with a valid intent declaration"), str(valid)),
        ),
        _(
            "Met when at least %(minimum)s of them has a valid intent declaration; partly when "
            "one takes part without one."
        )
        % {"minimum": minimum},
        {"valid": valid, "taking_part": taking_part},
    )


def recognised_by_providers(facts, t) -> Finding:
    return _recognised(facts, PROVIDER_SIDE, 1, _("Providers and sport platforms"))


def recognised_by_federations(facts, t) -> Finding:
    return _recognised(
        facts, {OrganisationKind.FEDERATION}, t["federations_met"], _("Sport federations")
    )


def recognised_by_municipalities(facts, t) -> Finding:
    registry = facts["registry"]
    area = registry["providers_per_municipality"]
    declared = {
        p["organisation__municipality_id"]
        for p in registry["participations"]
        if p["organisation__kind"] == OrganisationKind.MUNICIPALITY and p["valid"]
    } & set(area)
    taking_part = [
        p
        for p in registry["participations"]
        if p["organisation__kind"] == OrganisationKind.MUNICIPALITY
        and p["organisation__municipality_id"] in area
    ]
    if not area:
        verdict = Verdict.UNMEASURABLE
    elif len(declared) == len(area):
        verdict = Verdict.MET
    elif declared or taking_part:
        verdict = Verdict.PARTLY
    else:
        verdict = Verdict.NOT_YET
    return Finding(
        verdict,
        (
            (_("Municipalities in the work area"), str(len(area))),
            (
                _("with a valid intent declaration of the municipality"),
                of(len(declared), len(area)),
            ),
            (_("Municipalities taking part"), str(len(taking_part))),
        ),
        _(
            "Met when every municipality of the work area has a valid intent declaration; "
            "partly when one has or takes part; not measurable without a work area."
        ),
        {"declared": len(declared), "municipalities": len(area)},
    )


def recognised_by_sport_company(facts, t) -> Finding:
    in_register = facts["registry"]["per_kind"].get(OrganisationKind.SPORT_COMPANY, 0)
    if not in_register:
        return Finding(
            Verdict.MET,
            ((_("Sport companies in the register"), "0"),),
            _(
                "Only where a sport company exists: with none in the register this item asks "
                "nothing. Otherwise met when one has a valid intent declaration; partly when one "
                "takes part without one."
            ),
            {"in_register": 0},
        )
    found = _recognised(facts, {OrganisationKind.SPORT_COMPANY}, 1, _("Sport companies"))
    return Finding(
        found.verdict,
        ((_("Sport companies in the register"), str(in_register)), *found.evidence),
        found.rule,
        found.figures | {"in_register": in_register},
    )


# --- Contact with the providers --------------------------------------------------------------


def proactive_contact(facts, t) -> Finding:
    c = facts["contacts"]
    return Finding(
        by_share(c["proactive"], c["providers"], t["proactive_met"], t["proactive_partly"]),
        (
            (_("Providers in the work area"), str(c["providers"])),
            (
                _("contacted proactively within the contact policy"),
                of(c["proactive"], c["providers"]),
            ),
        ),
        _(
            "Met from %(met)s %% of the providers contacted on the desk's initiative within the "
            "contact policy; partly from %(partly)s %%."
        )
        % {"met": t["proactive_met"], "partly": t["proactive_partly"]},
        {"part": c["proactive"], "whole": c["providers"]},
    )


# --- Money ---------------------------------------------------------------------------------


def _money(facts, kinds, what) -> Finding:
    funds = facts["funds"]["funds"]
    ever = sum(funds.get(kind, {}).get("ever", 0) for kind in kinds)
    running = sum(funds.get(kind, {}).get("running", 0) for kind in kinds)
    deciding = sum(funds.get(kind, {}).get("deciding", 0) for kind in kinds)
    if deciding:
        verdict = Verdict.MET
    elif ever:
        verdict = Verdict.PARTLY
    else:
        verdict = Verdict.NOT_YET
    return Finding(
        verdict,
        (
            (_("Funds (%(what)s) recorded") % {"what": what}, str(ever)),
            (_("running today"), str(running)),
            (_("of which the coordinator decides on (some) allocations"), str(deciding)),
        ),
        _(
            "Met when a fund of this kind runs today with its owner recorded and the coordinator "
            "decides on allocations at least up to a threshold; partly when the desk has one "
            "that ended or where the owner approves every allocation."
        ),
        {
            "ever": ever,
            "running": running,
            "deciding": deciding,
            "kinds": {kind: funds.get(kind, {}).get("ever", 0) for kind in kinds},
        },
    )


def execution_budget(facts, t) -> Finding:
    return _money(facts, ("execution",), _("execution budget"))


def services_budget(facts, t) -> Finding:
    return _money(facts, ("services",), _("services budget"))


def other_money(facts, t) -> Finding:
    return _money(facts, ("partner", "subsidy", "other"), _("other money"))


# --- Quality -------------------------------------------------------------------------------


def quality(facts, t) -> Finding:
    q = facts["quality"]
    verdict = by_share(q["meeting"], q["supporters"], t["quality_met"], t["quality_partly"])
    evidence = [
        (_("Coordinators and supporters"), str(q["supporters"])),
        (_("meeting the desk's quality rule"), of(q["meeting"], q["supporters"])),
    ]
    if not q["has_rule"]:
        evidence.append((_("Quality rule"), _("not set: the desk has no rule yet")))
        if verdict == Verdict.MET:
            verdict = Verdict.PARTLY
    return Finding(
        verdict,
        tuple(evidence),
        _(
            "Met from %(met)s %% of the coordinators and supporters meeting the desk's quality "
            "rule (registrations in SPN, ASK, KSS or LAB); partly from %(partly)s %% or while "
            "the desk has no rule."
        )
        % {"met": t["quality_met"], "partly": t["quality_partly"]},
        {"part": q["meeting"], "whole": q["supporters"]},
    )


# --- The network -----------------------------------------------------------------------------


def whole_network(facts, t) -> Finding:
    registry = facts["registry"]
    area = registry["providers_per_municipality"]
    with_providers = sum(1 for n in area.values() if n)
    providers = sum(area.values())
    supporting = sum(
        1 for p in registry["participations"] if p["kind"] == ParticipationKind.SUPPORTING
    )
    if not area:
        verdict = Verdict.UNMEASURABLE
    elif with_providers == len(area) and supporting:
        verdict = Verdict.MET
    elif providers or supporting:
        verdict = Verdict.PARTLY
    else:
        verdict = Verdict.NOT_YET
    return Finding(
        verdict,
        (
            (_("Providers in the register of the work area"), str(providers)),
            (_("Municipalities with providers in the register"), of(with_providers, len(area))),
            (_("Supporting parties taking part"), str(supporting)),
        ),
        _(
            "Met when every municipality of the work area has its providers in the register and "
            "at least one supporting party takes part; partly when either is there in part."
        ),
        {"part": with_providers, "whole": len(area), "supporting": supporting},
    )


def sharing(facts, t) -> Finding:
    parties = {p["organisation_id"] for p in facts["registry"]["participations"]}
    contributing = parties & (
        facts["knowledge"]["author_organisations"] | facts["meetings"]["organisations"]
    )
    return Finding(
        by_share(len(contributing), len(parties), t["sharing_met"], t["sharing_partly"]),
        (
            (_("Participating parties"), str(len(parties))),
            (
                _("that wrote an article or took part in a network meeting in the period"),
                of(len(contributing), len(parties)),
            ),
        ),
        _(
            "Met from %(met)s %% of the participating parties contributing in the last %(months)s "
            "months (an article by someone representing them, or taking part in or organising a "
            "network meeting); partly from %(partly)s %%."
        )
        % {"met": t["sharing_met"], "partly": t["sharing_partly"], "months": t["period_months"]},
        {"part": len(contributing), "whole": len(parties)},
    )


def aligned(facts, t) -> Finding:
    alignments = facts["registry"]["alignments"]
    federations = [a for a in alignments if a["federation_id"]]
    municipalities = [a for a in alignments if not a["federation_id"]]
    agreed_f = sum(a["agreed"] for a in federations)
    agreed_m = sum(a["agreed"] for a in municipalities)
    if (
        federations
        and municipalities
        and agreed_f == len(federations)
        and agreed_m == len(municipalities)
    ):
        verdict = Verdict.MET
    elif agreed_f or agreed_m:
        verdict = Verdict.PARTLY
    else:
        verdict = Verdict.NOT_YET
    return Finding(
        verdict,
        (
            (_("Federations: work area agreed"), of(agreed_f, len(federations))),
            (_("Neighbouring municipalities: work area agreed"), of(agreed_m, len(municipalities))),
        ),
        _(
            "Met when the work area is agreed with every federation and neighbouring "
            "municipality recorded, and both kinds are recorded; partly when one is agreed."
        ),
        {"agreed": agreed_f + agreed_m, "recorded": len(alignments)},
    )


def overview(facts, t) -> Finding:
    registry = facts["registry"]
    kinds = registry["per_kind"]
    parts = (
        (_("Sport providers"), kinds.get("club", 0) + kinds.get("commercial", 0)),
        (_("Supporters"), kinds.get("support", 0) + kinds.get("sport_company", 0)),
        (
            _("Relevant organisations (care, welfare, education, business)"),
            sum(kinds.get(k, 0) for k in ("care", "welfare", "education", "business")),
        ),
        (
            _("Participating sport federations"),
            sum(
                1
                for p in registry["participations"]
                if p["organisation__kind"] == OrganisationKind.FEDERATION
            ),
        ),
        (_("Sport platforms"), kinds.get("sport_platform", 0)),
    )
    present = sum(1 for _label, n in parts if n)
    verdict = (
        Verdict.MET if present == len(parts) else Verdict.PARTLY if present else Verdict.NOT_YET
    )
    return Finding(
        verdict,
        tuple((label, str(n)) for label, n in parts),
        _(
            "Met when the register holds all five: providers, supporters, relevant "
            "organisations, participating federations and sport platforms; partly when some."
        ),
        {"part": present, "whole": len(parts)},
    )


def declarations(facts, t) -> Finding:
    parties = facts["registry"]["participations"]
    valid = sum(p["valid"] for p in parties)
    verdict = by_share(valid, len(parties), 100, t["declarations_partly"])
    return Finding(
        Verdict.NOT_YET if verdict == Verdict.UNMEASURABLE else verdict,
        ((_("Participating parties with a valid intent declaration"), of(valid, len(parties))),),
        _(
            "Met when every participating party has a valid intent declaration; partly from "
            "%(partly)s %%; not yet without participating parties."
        )
        % {"partly": t["declarations_partly"]},
        {"part": valid, "whole": len(parties)},
    )
