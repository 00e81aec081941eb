"""The rules of "Hoe werkt een sport- en beweegloket?"."""

from django.utils.translation import gettext as _

from sportloket.scan.constants import Verdict
from sportloket.scan.rules.common import Finding, by_share, of


def regular_contact(facts, t) -> Finding:
    c = facts["contacts"]
    return Finding(
        by_share(c["covered"], c["providers"], t["contact_met"], t["contact_partly"]),
        (
            (_("Providers in the work area"), str(c["providers"])),
            (_("in contact within the contact policy"), of(c["covered"], c["providers"])),
            (_("of which on the desk's initiative"), of(c["proactive"], c["providers"])),
        ),
        _(
            "Met from %(met)s %% of the providers in contact within the contact policy (a "
            "contact moment, or a question handled); partly from %(partly)s %%."
        )
        % {"met": t["contact_met"], "partly": t["contact_partly"]},
        {"part": c["covered"], "whole": c["providers"]},
    )


# --- How the desk works ----------------------------------------------------------------------


def set_up(facts, t) -> Finding:
    parts = (
        (_("Articles published in the period"), facts["knowledge"]["published"]),
        (_("Decisions on support in the period"), facts["decisions"]["decisions"]),
        (_("Allocations approved in the period"), facts["funds"]["awarded"]),
    )
    present = sum(1 for _label, n in parts if n)
    verdict = Verdict.MET if present == 3 else Verdict.PARTLY if present else Verdict.NOT_YET
    return Finding(
        verdict,
        tuple((label, str(n)) for label, n in parts),
        _(
            "Met when in the last %(months)s months the desk shared knowledge (a published "
            "article), delivered services (a decision on support) and allocated money (an "
            "approved allocation); partly when one or two of these."
        )
        % {"months": t["period_months"]},
        {"part": present, "whole": 3},
    )


def open_decisions(facts, t) -> Finding:
    d = facts["decisions"]
    if not d["decisions"]:
        verdict = Verdict.UNMEASURABLE
    elif not d["unexplained"]:
        verdict = Verdict.MET
    elif 100 * d["unexplained"] / d["decisions"] <= t["unexplained_partly"]:
        verdict = Verdict.PARTLY
    else:
        verdict = Verdict.NOT_YET
    return Finding(
        verdict,
        (
            (
                _("Decisions in the period that hold (all in the public register)"),
                str(d["decisions"]),
            ),
            (_("passing over the top-ranked offering"), of(d["passed_over"], d["decisions"])),
            (_("of those without a reason"), str(d["unexplained"])),
        ),
        _(
            "Every decision is in the public register with its ranked options. Met when no "
            "decision of the last %(months)s months passed over the top-ranked offering without "
            "a reason; partly when at most %(partly)s %% did; not measurable without decisions."
        )
        % {"months": t["period_months"], "partly": t["unexplained_partly"]},
        {"part": d["unexplained"], "whole": d["decisions"]},
    )


def meetings(facts, t) -> Finding:
    m = facts["meetings"]
    if m["held"] >= t["meetings_met"] and m["with_platform"]:
        verdict = Verdict.MET
    elif m["held"]:
        verdict = Verdict.PARTLY
    else:
        verdict = Verdict.NOT_YET
    return Finding(
        verdict,
        (
            (_("Network meetings held in the period"), str(m["held"])),
            (_("organised with or attended by a sport platform"), str(m["with_platform"])),
            (_("Organisations taking part"), str(len(m["organisations"]))),
        ),
        _(
            "Met from %(met)s meetings in the last %(months)s months, a sport platform (or sport "
            "council) organising or attending at least one; partly from one meeting."
        )
        % {"met": t["meetings_met"], "months": t["period_months"]},
        {"part": m["held"], "with_platform": m["with_platform"]},
    )


def local_data(facts, t) -> Finding:
    c = facts["clubcheck"]
    if c["round"] is None:
        return Finding(
            Verdict.NOT_YET,
            ((_("Club check"), _("none held yet")),),
            _(
                "Met when the latest club check has closed (its figures are then public) with "
                "%(met)s %% of the invited providers answering; partly while it runs or with "
                "fewer answers."
            )
            % {"met": t["response_met"]},
            {},
        )
    share_met = by_share(c["answered"], c["invited"], t["response_met"], 0)
    verdict = Verdict.MET if c["published"] and share_met == Verdict.MET else Verdict.PARTLY
    return Finding(
        verdict,
        (
            (_("Latest club check"), str(c["round"])),
            (_("providers answering"), of(c["answered"], c["invited"])),
            (_("figures public as open data"), _("yes") if c["published"] else _("not yet")),
        ),
        _(
            "Met when the latest club check has closed (its figures are then public) with "
            "%(met)s %% of the invited providers answering; partly while it runs or with "
            "fewer answers."
        )
        % {"met": t["response_met"]},
        {"part": c["answered"], "whole": c["invited"], "year": c["round"]},
    )


def other_desks(facts, t) -> Finding:
    k, h = facts["knowledge"], facts["helprequests"]
    signals = (
        (_("Desks whose knowledge the desk follows"), k["following"]),
        (_("Desks following the desk's knowledge"), k["followed_by"]),
        (_("Articles shared with other desks in the period"), k["shared"]),
        (
            _("Questions referred to or from other desks in the period"),
            h["referrals_sent"] + h["referrals_received"],
        ),
    )
    present = sum(1 for _label, n in signals if n)
    verdict = Verdict.MET if present >= 2 else Verdict.PARTLY if present else Verdict.NOT_YET
    return Finding(
        verdict,
        tuple((label, str(n)) for label, n in signals),
        _("Met when at least two of these show exchange with other desks; partly when one does."),
        {"part": present, "whole": len(signals)},
    )


def _cooperation(shape: str):
    def rule(facts, t) -> Finding:
        c = facts["cooperation"][shape]
        came_about, preparing = c.get("came_about", 0), c.get("preparing", 0)
        introductions = facts["cooperation"]["introductions"] if shape == "providers" else 0
        if came_about:
            verdict = Verdict.MET
        elif preparing or introductions:
            verdict = Verdict.PARTLY
        else:
            verdict = Verdict.NOT_YET
        evidence = [
            (_("Cooperations running or completed"), str(came_about)),
            (_("Ideas and cooperations in preparation"), str(preparing)),
        ]
        if shape == "providers":
            evidence.append((_("Introductions sent in the period"), str(introductions)))
        return Finding(
            verdict,
            tuple(evidence),
            _(
                "Met when such a cooperation runs or was completed in the last %(months)s "
                "months; partly when one is an idea or in preparation (for providers among "
                "themselves, also an introduction)."
            )
            % {"months": t["period_months"]},
            {"came_about": came_about, "preparing": preparing},
        )

    return rule


cooperation_providers = _cooperation("providers")
cooperation_providers_others = _cooperation("providers_others")
cooperation_supporters = _cooperation("supporters")
cooperation_other_domains = _cooperation("other_domains")
