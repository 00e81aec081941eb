"""The checklist of the source text ("Basisvoorwaarden en kaders sport- en beweegloketten"):
the three base conditions and every item of "Wanneer ben je een sport- en beweegloket?" and
"Hoe werkt een sport- en beweegloket?", each with its words quoted as the text has them, the
rule that judges it (``rules``) or its parts, and the pages that show the evidence."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sportloket.core.permissions import Capability
from sportloket.scan import rules


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    capability: str = Capability.VIEW_DESK


@dataclass(frozen=True)
class Item:
    key: str
    quote: str  # the source text's words (Dutch), quoted
    title: str
    rule: object = None  # a function of ``rules``; None for an item made of parts
    parts: tuple = ()
    links: tuple = ()


NETWORK = Link(_("Network"), "registry:network", Capability.VIEW_REGISTER)
PARTIES = Link(_("Participating parties"), "registry:participation-list", Capability.VIEW_REGISTER)
COVERAGE = Link(_("Contact coverage"), "contacts:coverage", Capability.VIEW_CONTACTS)
FUNDS = Link(_("Funds"), "funds:overview", Capability.VIEW_FUNDS)
QUALITY = Link(_("Quality"), "quality:overview", Capability.VIEW_QUALITY)
ALIGNMENT = Link(_("Work-area alignment"), "registry:alignment-list", Capability.VIEW_REGISTER)
REGISTER = Link(_("Register"), "registry:organisation-list", Capability.VIEW_REGISTER)
KNOWLEDGE = Link(_("Knowledge"), "knowledge:article-list", Capability.VIEW_KNOWLEDGE)
MEETINGS = Link(_("Meetings"), "meetings:list", Capability.VIEW_CONTACTS)
REACH = Link(_("Reach of the meetings"), "meetings:reach", Capability.VIEW_CONTACTS)
OFFERINGS = Link(_("Offerings"), "offerings:offering-list", Capability.VIEW_OFFERINGS)
MONITOR = Link(_("Multi-partiality monitor"), "decisions:monitor")
PUBLIC_REGISTER = Link(_("Public decision register"), "decisions:public")
CLUB_CHECK = Link(_("Club check"), "clubcheck:list", Capability.VIEW_CLUB_CHECK)
COOPERATION = Link(_("Cooperation"), "cooperation:list", Capability.VIEW_COOPERATION)

WHEN = (
    Item(
        "when.recognised",
        "je wordt gezien als regie- en coördinatiepunt in het werkgebied door ten minste:",
        _("Recognised as the coordination point"),
        parts=(
            Item(
                "when.recognised.providers",
                "sportaanbieders (of vertegenwoordigers van sportaanbieders, zoals een lokaal "
                "sportplatform)",
                _("by the sport providers"),
                rules.recognised_by_providers,
                links=(PARTIES,),
            ),
            Item(
                "when.recognised.municipalities",
                "gemeenten",
                _("by the municipalities"),
                rules.recognised_by_municipalities,
                links=(PARTIES, NETWORK),
            ),
            Item(
                "when.recognised.federations",
                "sportbonden",
                _("by the sport federations"),
                rules.recognised_by_federations,
                links=(PARTIES,),
            ),
            Item(
                "when.recognised.sport_company",
                "sportbedrijven (indien aanwezig)",
                _("by the sport company, if there is one"),
                rules.recognised_by_sport_company,
                links=(PARTIES,),
            ),
        ),
    ),
    Item(
        "when.proactive",
        "de aangesloten professionals proactief contact hebben met sportaanbieders;",
        _("Proactive contact with the providers"),
        rules.proactive_contact,
        links=(COVERAGE,),
    ),
    Item(
        "when.money",
        "je zicht hebt op en beslissingsbevoegdheid over:",
        _("Insight into and authority over the money"),
        parts=(
            Item(
                "when.money.execution",
                "uitvoeringsbudget voor ondersteuningsactiviteiten",
                _("the execution budget"),
                rules.execution_budget,
                links=(FUNDS,),
            ),
            Item(
                "when.money.services",
                "services budgetten",
                _("the services budgets"),
                rules.services_budget,
                links=(FUNDS,),
            ),
            Item(
                "when.money.other",
                "overige gelden voor ondersteuning (bijvoorbeeld vanuit Rabo ClubSupport)",
                _("other money for support"),
                rules.other_money,
                links=(FUNDS,),
            ),
        ),
    ),
    Item(
        "when.quality",
        "ondersteuners participeren in het kwaliteitszorgsysteem van Sport Professionals netwerk "
        "(SPN), Academie voor Sportkader (ASK), Kwaliteitsstructuur Sport (KSS) en Landelijke "
        "Academie Buurtsportcoaches (LAB);",
        _("Supporters in the quality systems"),
        rules.quality,
        links=(QUALITY,),
    ),
    Item(
        "when.network",
        "je het gehele netwerk van ondersteuners en sportaanbieders in beeld hebt;",
        _("The whole network in view"),
        rules.whole_network,
        links=(NETWORK, REGISTER),
    ),
    Item(
        "when.sharing",
        "alle aangesloten partijen bijdragen aan het delen van data en kennis;",
        _("Every party shares data and knowledge"),
        rules.sharing,
        links=(KNOWLEDGE, REACH),
    ),
    Item(
        "when.aligned",
        "het werkgebied is afgestemd met sportbonden en omliggende gemeenten;",
        _("Work area agreed with federations and neighbouring municipalities"),
        rules.aligned,
        links=(ALIGNMENT,),
    ),
    Item(
        "when.has",
        "je beschikt over:",
        _("The desk has"),
        parts=(
            Item(
                "when.has.overview",
                "een overzicht van sportaanbieders, ondersteuners, relevante organisaties, "
                "participerende sportbonden, sportplatformen in het werkgebied.",
                _("an overview of the network"),
                rules.overview,
                links=(NETWORK, REGISTER),
            ),
            Item(
                "when.has.declarations",
                "een intentieverklaring van alle betrokken partijen.",
                _("an intent declaration of every party"),
                rules.declarations,
                links=(PARTIES,),
            ),
        ),
    ),
)

HOW = (
    Item(
        "how.contact",
        "heeft regelmatig en proactief contact met alle sportclubs en ondernemende "
        "sportaanbieders in het werkgebied;",
        _("Regular and proactive contact with every provider"),
        rules.regular_contact,
        links=(COVERAGE,),
    ),
    Item(
        "how.set_up",
        "is ingericht op delen van kennis en informatie, het leveren van diensten en het "
        "toewijzen van gelden voor en aan sportaanbieders;",
        _("Set up to share knowledge, deliver services and allocate money"),
        rules.set_up,
        links=(KNOWLEDGE, OFFERINGS, FUNDS),
    ),
    Item(
        "how.decisions",
        "zorgt voor open en transparante besluitvorming op het gebied van ondersteuning, waarbij "
        "het kiezen van de best passende ondersteuning bij de hulpvraag altijd het uitgangspunt "
        "is;",
        _("Open and transparent decisions"),
        rules.open_decisions,
        links=(PUBLIC_REGISTER, MONITOR),
    ),
    Item(
        "how.meetings",
        "faciliteert het op regelmatige basis samenbrengen van het lokale sportnetwerk om "
        "kennisdeling tussen sportaanbieders, gemeenten, sportbedrijven en ondersteuners te "
        "stimuleren. Dit doet het loket samen met het sportplatform (of sportraad en kerngroep);",
        _("Regular network meetings with the sport platform"),
        rules.meetings,
        links=(MEETINGS, REACH),
    ),
    Item(
        "how.data",
        "haalt relevante lokale data en informatie over sportaanbieders op. Dit wordt waar "
        "mogelijk beschikbaar gesteld aan relevante stakeholders, zoals ondersteunings- en "
        "belangenorganisaties;",
        _("Local data gathered and made available"),
        rules.local_data,
        links=(CLUB_CHECK,),
    ),
    Item(
        "how.desks",
        "werkt samen met andere loketten, met name op het gebied van kennisuitwisseling;",
        _("Works with other desks"),
        rules.other_desks,
        links=(KNOWLEDGE,),
    ),
    Item(
        "how.cooperation",
        "stimuleert samenwerking:",
        _("Stimulates cooperation"),
        parts=(
            Item(
                "how.cooperation.providers",
                "tussen sportaanbieders onderling",
                _("between providers"),
                rules.cooperation_providers,
                links=(COOPERATION,),
            ),
            Item(
                "how.cooperation.providers_others",
                "tussen sportaanbieders en andere organisaties",
                _("between providers and other organisations"),
                rules.cooperation_providers_others,
                links=(COOPERATION,),
            ),
            Item(
                "how.cooperation.supporters",
                "tussen ondersteuners",
                _("between supporters"),
                rules.cooperation_supporters,
                links=(COOPERATION,),
            ),
            Item(
                "how.cooperation.other_domains",
                "met andere domeinen, zoals zorg, welzijn en het bedrijfsleven.",
                _("with other domains"),
                rules.cooperation_other_domains,
                links=(COOPERATION,),
            ),
        ),
    ),
)

# The base conditions, each judged from the items that carry it.
BASE = (
    (
        "base.multi_partiality",
        "Meervoudige partijdigheid",
        _("Multi-partiality"),
        ("when.recognised", "when.has.declarations", "how.decisions"),
    ),
    (
        "base.coordination",
        "Regie",
        _("Coordination"),
        (
            "when.money",
            "when.network",
            "when.aligned",
            "when.has.overview",
            "how.set_up",
            "how.meetings",
        ),
    ),
    ("base.quality", "Kwaliteit", _("Quality"), ("when.quality",)),
)


def leaves():
    """Every item that a rule judges, in the text's order."""
    for item in (*WHEN, *HOW):
        yield from item.parts or (item,)
