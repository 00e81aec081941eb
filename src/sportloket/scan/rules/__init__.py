"""The loket-scan's rules, all here: each turns the desk's figures (``facts.gather``) and its
thresholds (``thresholds.effective``) into a verdict with its evidence and the rule in words.
Pure functions of plain data, so each is tested with hand-built figures; the checklist
(``checklist``) says which rule answers which item of the source text. ``common`` holds the
verdict's arithmetic, ``when`` the rules of "Wanneer ben je een sport- en beweegloket?",
``how`` those of "Hoe werkt een sport- en beweegloket?"."""

from sportloket.scan.rules.common import Finding, by_share, combine, of, percent
from sportloket.scan.rules.how import (
    cooperation_other_domains,
    cooperation_providers,
    cooperation_providers_others,
    cooperation_supporters,
    local_data,
    meetings,
    open_decisions,
    other_desks,
    regular_contact,
    set_up,
)
from sportloket.scan.rules.when import (
    aligned,
    declarations,
    execution_budget,
    other_money,
    overview,
    proactive_contact,
    quality,
    recognised_by_federations,
    recognised_by_municipalities,
    recognised_by_providers,
    recognised_by_sport_company,
    services_budget,
    sharing,
    whole_network,
)

__all__ = [
    "Finding",
    "aligned",
    "by_share",
    "combine",
    "cooperation_other_domains",
    "cooperation_providers",
    "cooperation_providers_others",
    "cooperation_supporters",
    "declarations",
    "execution_budget",
    "local_data",
    "meetings",
    "of",
    "open_decisions",
    "other_desks",
    "other_money",
    "overview",
    "percent",
    "proactive_contact",
    "quality",
    "recognised_by_federations",
    "recognised_by_municipalities",
    "recognised_by_providers",
    "recognised_by_sport_company",
    "regular_contact",
    "services_budget",
    "set_up",
    "sharing",
    "whole_network",
]
