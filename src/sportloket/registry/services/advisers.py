"""An organisation's relations with advisers outside the desk: recorded by a desk, ended when
they end. The desk respects them rather than replacing them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.registry.models import AdviserRelation, Organisation
from sportloket.registry.relation_models import AdviserKind

FIELDS = ("kind", "adviser_name", "adviser_organisation", "federation", "since", "about")


def adviser_relation_add(*, loket, organisation, actor, **fields) -> AdviserRelation:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"Not a field of an adviser relation: {sorted(unknown)}")
    errors = {}
    if fields.get("kind") not in AdviserKind.values:
        errors["kind"] = _("Choose the kind of adviser.")
    if not (fields.get("adviser_name") or "").strip():
        errors["adviser_name"] = _("Give the adviser's name.")
    since = fields.get("since")
    if since and since > timezone.localdate():
        errors["since"] = _("A relation cannot start in the future.")
    register = Organisation.objects.for_desk(loket)
    if not register.filter(pk=organisation.pk).exists():
        errors["adviser_name"] = _("Choose an organisation of the register of this desk.")
    if errors:
        raise ValidationError(errors)
    fields["adviser_name"] = fields["adviser_name"].strip()
    fields["about"] = (fields.get("about") or "").strip()
    with transaction.atomic(), audited(actor):
        return AdviserRelation.objects.create(
            loket=loket, organisation=organisation, recorded_by=actor, **fields
        )


def adviser_relation_end(*, relation, actor, ended_on=None) -> AdviserRelation:
    ended_on = ended_on or timezone.localdate()
    if relation.since and ended_on < relation.since:
        raise ValidationError({"ended_on": _("A relation cannot end before it starts.")})
    with transaction.atomic(), audited(actor):
        relation.ended_on = ended_on
        relation.save(update_fields=["ended_on"])
    return relation
