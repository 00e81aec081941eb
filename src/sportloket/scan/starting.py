"""Starting a desk: the national team (or the installation's administrator) sets up a desk in
one guided step (name, web address, work area checked against the other desks', the first
coordinator, the usual themes, a quality rule, the contact policy and the funds to expect); and
the first-login checklist the new desk's coordinators see on their dashboard, driven by the
desk's latest loket-scan snapshot."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportloket.contacts import services as contact_services
from sportloket.core import services as core_services
from sportloket.core.constants import Role
from sportloket.core.models import Municipality
from sportloket.core.permissions import Capability
from sportloket.funds.constants import FundKind
from sportloket.quality import services as quality_services
from sportloket.scan import services
from sportloket.scan.models import ScanSettings, ScanSnapshot

# The quality rules a new desk can start with (it changes its rule later on its quality page).
QUALITY_RULES = {
    "none": (_("No rule yet (set it later on the quality page)"), []),
    "spn_or_kss": (
        _("SPN registration or a KSS qualification at level 3 or higher"),
        [[("spn", None, ""), ("kss", 3, "")]],
    ),
    "vog_and_spn_or_kss": (
        _("A valid VOG, and SPN registration or a KSS qualification at level 3 or higher"),
        [[("vog", None, "")], [("spn", None, ""), ("kss", 3, "")]],
    ),
}
# How long a new desk's coordinators see the checklist on their dashboard.
CHECKLIST_DAYS = 183


def may_start_desks(user) -> bool:
    return bool(user.is_authenticated and (user.is_national or user.is_superuser))


def overlapping(work_area) -> list[tuple[str, str]]:
    """(municipality, desk) for each chosen municipality already in an active desk's work area."""
    return list(
        Municipality.objects.filter(pk__in=[m.pk for m in work_area], desks__is_active=True)
        .order_by("name", "desks__name")
        .values_list("name", "desks__name")
    )


def desk_start(*, actor, request, name, slug, work_area, coordinator_email, coordinator_name="",
               usual_themes=True, quality_rule="none", contact_months=12,
               expected_funds=(), overlap_agreed=False):  # fmt: skip
    """The new desk with everything chosen, its first coordinator invited (an e-mail to choose a
    password, or a notice to someone who has an account), and its first scan snapshot. A
    municipality already in an active desk's work area only when ``overlap_agreed``."""
    if not may_start_desks(actor):
        raise PermissionDenied
    overlap = [] if overlap_agreed else overlapping(work_area)
    if overlap:
        names = "; ".join(f"{municipality} ({desk})" for municipality, desk in overlap)
        raise ValidationError(
            {
                "work_area": _(
                    "These municipalities lie in another desk's work area already: "
                    "%(names)s. Agree the work area with that desk, then tick the box below."
                )
                % {"names": names}
            }
        )
    with transaction.atomic():
        loket = core_services.loket_create(
            actor=actor, name=name, slug=slug, work_area=work_area,
            contact_cadence_months=contact_months,
        )  # fmt: skip
        if usual_themes:
            core_services.themes_prefill(loket=loket, actor=actor)
        quality_services.rule_save(loket=loket, groups=QUALITY_RULES[quality_rule][1], actor=actor)
        contact_services.policy_save(loket=loket, actor=actor, default_months=contact_months)
        ScanSettings.objects.create(
            loket=loket, expected_funds=[kind for kind in FundKind.values if kind in expected_funds]
        )
        core_services.membership_invite(
            loket=loket, email=coordinator_email, full_name=coordinator_name,
            role=Role.COORDINATOR, actor=actor, request=request,
        )  # fmt: skip
        services.snapshot_take(loket=loket)
    return loket


@dataclass(frozen=True)
class Step:
    key: str  # the scan's item, or "fund:<kind>"
    done: bool
    url: str

    @property
    def label(self):
        if self.key.startswith("fund:"):
            return FUND_STEPS[self.key.removeprefix("fund:")][1]
        return LABELS[self.key]


# (the scan's item that is met once the step is done, what to do, the page to do it on)
STEPS = (
    ("when.recognised", _("Invite the parties to take part"), "registry:participation-list"),
    ("when.has.declarations", _("Collect their intent declarations"),
     "registry:participation-list"),
    ("when.network", _("Import the register of providers"), "registry:import-upload"),
    ("when.quality", _("Set the quality rule and record registrations"), "quality:overview"),
    ("how.contact", _("Get in touch with every provider"), "contacts:work-list"),
    ("when.aligned", _("Agree the work area with federations and neighbours"),
     "registry:alignment-list"),
    ("how.meetings", _("Plan the first network meeting"), "meetings:create"),
)  # fmt: skip
LABELS = {key: label for key, label, _url in STEPS}

FUND_STEPS = {
    FundKind.EXECUTION: ("when.money.execution", _("Set up the execution budget")),
    FundKind.SERVICES: ("when.money.services", _("Set up the services budget")),
    FundKind.PARTNER: ("when.money.other", _("Set up the partner fund")),
    FundKind.SUBSIDY: ("when.money.other", _("Set up the municipal subsidy")),
    FundKind.OTHER: ("when.money.other", _("Set up the other money")),
}


def desk_first_steps(*, loket, today=None) -> list[Step] | None:
    """The first-login checklist of a desk started less than half a year ago: each step done
    once its item of the desk's latest scan snapshot is met (a fund once the desk has one of its
    kind). None when there is nothing to show. Two queries (none for an older desk); the
    dashboard keeps the answer for the day with its past months."""
    today = today or timezone.localdate()
    if (today - timezone.localtime(loket.created_at).date()).days >= CHECKLIST_DAYS:
        return None
    snapshot = ScanSnapshot.objects.for_desk(loket).order_by("-month").first()
    if snapshot is None:
        return None
    expected = (
        ScanSettings.objects.filter(loket=loket).values_list("expected_funds", flat=True).first()
        or []
    )
    met = {key for key, verdict in snapshot.verdicts.items() if verdict == "met"}
    steps = [
        Step(key, key in met, reverse(url_name, args=[loket.slug]))
        for key, _label, url_name in STEPS
    ]
    fund_url = reverse("funds:fund-create", args=[loket.slug])
    for kind in expected:
        had = snapshot.figures.get(FUND_STEPS[kind][0], {}).get("kinds", {}).get(kind, 0)
        steps.append(Step(f"fund:{kind}", bool(had), fund_url))
    return None if all(step.done for step in steps) else steps


def first_steps(*, membership, today=None) -> list[Step] | None:
    """The first-login checklist for one member: only those who manage the desk see it."""
    if not membership.can(Capability.MANAGE_DESK):
        return None
    return desk_first_steps(loket=membership.loket, today=today)
