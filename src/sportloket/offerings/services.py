"""Writes on the catalogue of support offerings, the desk's matching weights and decisions.
Every function validates, writes and records its actor in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.services import model_update
from sportloket.offerings.constants import OfferingScope
from sportloket.offerings.models import Offering, OfferingTheme
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
    managed by the national team (``actor`` None: a system task such as the demo data). The
    delivering organisation comes from the desk's register
    (for national offerings: the national register)."""
    if loket is None and actor is not None and not getattr(actor, "is_national", False):
        raise ValidationError(_("Only the national team manages national offerings."))
    if offering is None:
        offering = Offering(loket=loket)
    elif offering.loket_id != (loket.pk if loket else None):
        raise ValidationError(_("This offering is managed elsewhere."))
    # Validated below, once the scope and the delivering organisation are checked too.
    model_update(offering, fields, allowed=OFFERING_FIELDS, clean=False)
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
    shared = [desk for desk in shared_with if loket is None or desk.pk != loket.pk]
    if offering.scope == OfferingScope.REGION and not shared:
        raise ValidationError(
            {"shared_with": _("Choose the desks of the region to share this offering with.")}
        )
    with transaction.atomic(), audited(actor):
        offering.save()
        offering.themes.exclude(key__in=keys).delete()
        OfferingTheme.objects.bulk_create(
            [OfferingTheme(offering=offering, key=key) for key in keys], ignore_conflicts=True
        )
        offering.sports.set(sports)
        offering.shared_with.set(shared if offering.scope == OfferingScope.REGION else [])
    return offering
