"""Writes on the catalogue of support offerings, the desk's matching weights and decisions.
Every function validates, writes and records its actor in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.offerings.constants import Criterion, OfferingScope
from sportloket.offerings.models import MatchingWeights, Offering, OfferingTheme
from sportloket.registry.models import Organisation

OFFERING_FIELDS = (
    "title",
    "description",
    "delivered_by",
    "kind",
    "format",
    "scope",
    "provider_kinds",
    "cost_cents",
    "duration",
    "capacity",
    "capacity_period",
    "required_registration",
    "active_from",
    "active_until",
    "status",
)


def offering_save(
    *,
    actor,
    loket=None,
    offering: Offering | None = None,
    theme_keys=(),
    sports=(),
    shared_with=(),
    **fields,
) -> Offering:
    """Adds an offering to the catalogue or changes one. A desk (``loket``) manages its own
    offerings, for itself or shared with a region of desks; national offerings (no desk) are
    managed by the national team. The delivering organisation comes from the desk's register
    (for national offerings: the national register)."""
    unknown = set(fields) - set(OFFERING_FIELDS)
    if unknown:
        raise ValueError(f"Not an offering field: {sorted(unknown)}")
    if offering is None:
        offering = Offering(loket=loket)
    elif offering.loket_id != (loket.pk if loket else None):
        raise ValidationError(_("This offering is managed elsewhere."))
    for name, value in fields.items():
        setattr(offering, name, value)
    if loket is None:
        offering.scope = OfferingScope.NATIONAL
    elif offering.scope == OfferingScope.NATIONAL:
        raise ValidationError({"scope": _("Only the national team shares offerings nationally.")})
    delivered_by = offering.delivered_by if offering.delivered_by_id else None
    if loket is not None and delivered_by is not None:
        register = Organisation.objects.for_desk(loket).filter(pk=delivered_by.pk)
        if not register.exists():
            raise ValidationError(
                {"delivered_by": _("Choose an organisation from the register of this desk.")}
            )
    offering.full_clean()
    keys = sorted({str(key) for key in theme_keys})
    if not keys:
        raise ValidationError({"theme_keys": _("Choose at least one theme.")})
    with transaction.atomic(), audited(actor):
        offering.save()
        offering.themes.exclude(key__in=keys).delete()
        OfferingTheme.objects.bulk_create(
            [OfferingTheme(offering=offering, key=key) for key in keys], ignore_conflicts=True
        )
        offering.sports.set(sports)
        shared = [desk for desk in shared_with if loket is None or desk.pk != loket.pk]
        offering.shared_with.set(shared if offering.scope == OfferingScope.REGION else [])
    return offering


def weights_save(*, loket, actor, **weights) -> MatchingWeights:
    """Sets how much each matching criterion counts at this desk (0 to 10 each)."""
    unknown = set(weights) - set(Criterion.values)
    if unknown:
        raise ValueError(f"Not a criterion: {sorted(unknown)}")
    if any(not 0 <= int(value) <= 10 for value in weights.values()):
        raise ValidationError(_("Weights run from 0 to 10."))
    if weights and not any(int(value) for value in weights.values()):
        raise ValidationError(_("At least one criterion must count."))
    with transaction.atomic(), audited(actor):
        current, _created = MatchingWeights.objects.get_or_create(loket=loket)
        for name, value in weights.items():
            setattr(current, name, int(value))
        current.save()
    return current
