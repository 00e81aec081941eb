"""Selectors: the register's figures the loket-scan reads for a desk (counts only, no names of
people): its participating parties with their kind and declaration, the register per kind,
the providers per municipality of the work area, and the work area's alignments."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from sportloket.registry.constants import PROVIDER_KINDS, OrganisationStatus
from sportloket.registry.models import IntentDeclaration, Organisation, Participation
from sportloket.registry.relation_models import AreaAlignment


def scan_figures(*, loket, on=None) -> dict:
    """Four queries whatever the register's size."""
    on = on or timezone.localdate()
    valid = IntentDeclaration.objects.filter(
        participation=OuterRef("pk"), signed_on__lte=on
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
    participations = list(
        Participation.objects.for_desk(loket)
        .filter(created_at__date__lte=on)
        .annotate(valid=Exists(valid))
        .order_by()
        .values(
            "kind", "valid", "organisation_id", "organisation__kind",
            "organisation__municipality_id",
        )
    )  # fmt: skip
    register = Organisation.objects.for_desk(loket).filter(
        merged_into__isnull=True, status=OrganisationStatus.ACTIVE
    )
    per_kind = dict(
        register.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    work_area = dict(
        loket.work_area.order_by()
        .annotate(
            providers=Count(
                "organisations",
                filter=Q(
                    organisations__kind__in=PROVIDER_KINDS,
                    organisations__status=OrganisationStatus.ACTIVE,
                    organisations__merged_into__isnull=True,
                ),
            )
        )
        .values_list("pk", "providers")
    )
    alignments = list(
        AreaAlignment.objects.for_desk(loket).order_by().values("federation_id", "agreed")
    )
    return {
        "participations": participations,
        "per_kind": per_kind,
        "providers_per_municipality": work_area,
        "alignments": alignments,
    }
