"""Reads on the register: a desk's organisations with search and filters, one organisation with
its people (as far as the reader's role and the people's consent allow), reference data."""

from django.db.models import Prefetch, Q

from sportloket.core.permissions import Capability
from sportloket.registry.models import (
    Federation,
    Municipality,
    Organisation,
    PersonRole,
    Sport,
)


def municipalities_all():
    return Municipality.objects.select_related("province").order_by("name")


def sports_all():
    return Sport.objects.order_by("name")


def federations_all():
    return Federation.objects.order_by("abbreviation")


def desk_organisations(
    *,
    loket,
    search: str = "",
    kind: str = "",
    sport=None,
    municipality=None,
    federation=None,
):
    """The desk's register, filtered in the database, with what a list row shows."""
    qs = Organisation.objects.for_desk(loket).filter(merged_into__isnull=True)
    if search:
        term = search.strip()
        digits = term.replace(" ", "")
        condition = Q(name__icontains=term) | Q(city__icontains=term)
        if digits.isdigit():
            condition |= Q(kvk_number__startswith=digits)
        qs = qs.filter(condition)
    if kind:
        qs = qs.filter(kind=kind)
    if sport is not None:
        qs = qs.filter(
            pk__in=Sport.organisations.through.objects.filter(sport=sport).values("organisation_id")
        )
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    if federation is not None:
        qs = qs.filter(
            pk__in=Federation.member_organisations.through.objects.filter(
                federation=federation
            ).values("organisation_id")
        )
    return (
        qs.select_related("municipality")
        .prefetch_related(Prefetch("sports", queryset=Sport.objects.order_by("name")))
        .order_by("name", "pk")
    )


def organisation_roles(*, organisation, membership):
    """Current and past roles at an organisation, with people's details only where the reader
    may see them: desk staff always, partners and viewers where the person agreed to sharing."""
    roles = (
        PersonRole.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("end_on", "function", "person__full_name")
    )
    if not membership.can(Capability.VIEW_PEOPLE):
        roles = roles.filter(person__consents_to_sharing=True)
    return roles
