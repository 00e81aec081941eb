"""Selectors: the cooperation the loket-scan reads for a desk: per kind of cooperation the seed
names (between providers, providers with other organisations, between supporters, with other
domains), how many came about and how many are still being prepared, and introductions."""

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from sportloket.cooperation.constants import CooperationKind, CooperationStatus
from sportloket.cooperation.models import Cooperation, CooperationParty, Introduction
from sportloket.registry.constants import PROVIDER_KINDS, OrganisationKind

# Organisations that support providers: a cooperation of two of them is one between supporters.
SUPPORTING_KINDS = frozenset(
    {
        OrganisationKind.SUPPORT,
        OrganisationKind.FEDERATION,
        OrganisationKind.SPORT_COMPANY,
        OrganisationKind.SPORT_PLATFORM,
        OrganisationKind.MUNICIPALITY,
        OrganisationKind.FUND,
    }
)
OTHER_DOMAIN_KINDS = frozenset(
    {
        OrganisationKind.CARE,
        OrganisationKind.WELFARE,
        OrganisationKind.BUSINESS,
        OrganisationKind.EDUCATION,
    }
)
OTHER_DOMAIN_COOPERATIONS = frozenset(
    {CooperationKind.CARE_WELFARE, CooperationKind.SCHOOL, CooperationKind.BUSINESS}
)
CAME_ABOUT = (CooperationStatus.RUNNING, CooperationStatus.ENDED)
SHAPES = ("providers", "providers_others", "supporters", "other_domains")


def shapes(kind: str, party_kinds: list[str]) -> set[str]:
    """Which of the seed's kinds of cooperation one cooperation is, from its kind and the kinds
    of its parties."""
    providers = sum(kind_ in PROVIDER_KINDS for kind_ in party_kinds)
    others = len(party_kinds) - providers
    found = set()
    if providers >= 2:
        found.add("providers")
    if providers and others:
        found.add("providers_others")
    if sum(kind_ in SUPPORTING_KINDS for kind_ in party_kinds) >= 2:
        found.add("supporters")
    if kind in OTHER_DOMAIN_COOPERATIONS or any(k in OTHER_DOMAIN_KINDS for k in party_kinds):
        found.add("other_domains")
    return found


def scan_figures(*, loket, since, on=None) -> dict:
    """Three queries. A cooperation counts when it runs, or changed in ``since`` to ``on``; per
    shape, ``came_about`` (running or ended) and ``preparing`` (an idea or in preparation)."""
    on = on or timezone.localdate()
    counted = Cooperation.objects.filter(loket=loket).filter(
        Q(status=CooperationStatus.RUNNING)
        | Q(updated_at__date__gte=since, updated_at__date__lte=on)
    )
    cooperations = {
        pk: (kind, status, [])
        for pk, kind, status in counted.order_by().values_list("pk", "kind", "status")
    }
    parties = CooperationParty.objects.filter(cooperation__in=counted).order_by()
    for cooperation_id, kind in parties.values_list("cooperation_id", "organisation__kind"):
        cooperations[cooperation_id][2].append(kind)
    figures = {shape: defaultdict(int) for shape in SHAPES}
    for kind, status, party_kinds in cooperations.values():
        for shape in shapes(kind, party_kinds):
            figures[shape]["came_about" if status in CAME_ABOUT else "preparing"] += 1
    introductions = Introduction.objects.filter(
        loket=loket, sent_at__date__gte=since, sent_at__date__lte=on
    ).count()
    return {
        **{shape: dict(figures[shape]) for shape in SHAPES},
        "introductions": introductions,
    }
