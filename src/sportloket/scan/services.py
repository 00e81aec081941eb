"""Services: the desk's scan thresholds, and the monthly snapshots of every desk's scan and of
the country's coverage (``snapshot_scan``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.models import Loket, Membership, Municipality
from sportloket.core.permissions import Capability
from sportloket.scan import selectors
from sportloket.scan.models import CoverageSnapshot, ScanSettings, ScanSnapshot
from sportloket.scan.thresholds import BY_KEY, DEFAULTS

# Thresholds for "met" and for "partly" of the same figure.
PAIRS = (
    ("proactive_met", "proactive_partly"),
    ("contact_met", "contact_partly"),
    ("quality_met", "quality_partly"),
    ("sharing_met", "sharing_partly"),
)


def thresholds_update(*, loket, actor, values: dict) -> ScanSettings:
    """The desk's own thresholds: a value equal to the national default is not kept (so a
    later change of the default reaches the desk)."""
    membership = Membership.objects.active().filter(loket=loket, user_id=actor.pk).first()
    if membership is None or not membership.can(Capability.MANAGE_DESK):
        raise PermissionDenied
    errors = {}
    for key, value in values.items():
        threshold = BY_KEY.get(key)
        if threshold is None:
            raise ValueError(key)
        if not isinstance(value, int) or not threshold.minimum <= value <= threshold.maximum:
            errors[key] = _("Choose a whole number from %(low)s to %(high)s.") % {
                "low": threshold.minimum,
                "high": threshold.maximum,
            }
    merged = DEFAULTS | values
    for met, partly in PAIRS:
        if met not in errors and partly not in errors and merged[partly] > merged[met]:
            errors[partly] = _("The threshold for 'partly' cannot be above the one for 'met'.")
    if errors:
        raise ValidationError(errors)
    own = {key: value for key, value in values.items() if value != DEFAULTS[key]}
    with transaction.atomic(), audited(actor):
        settings, _created = ScanSettings.objects.select_for_update().get_or_create(loket=loket)
        settings.thresholds = own
        settings.save(update_fields=["thresholds", "updated_at"])
    return settings


def snapshot_take(*, loket, on=None) -> ScanSnapshot:
    """The desk's scan on ``on`` as the snapshot of that month (made, or renewed: running it
    twice on a day changes nothing)."""
    on = on or timezone.localdate()
    scan = selectors.desk_scan(loket=loket, on=on)
    snapshot, _created = ScanSnapshot.objects.update_or_create(
        loket=loket,
        month=selectors.month_of(on),
        defaults={"taken_on": on, "verdicts": scan.verdicts(), "figures": scan.figures()},
    )
    return snapshot


def coverage_snapshot_take(*, on=None) -> CoverageSnapshot:
    """The country's coverage on ``on`` as the snapshot of that month."""
    on = on or timezone.localdate()
    counts = Municipality.objects.aggregate(
        municipalities=Count("pk", distinct=True),
        covered=Count("pk", distinct=True, filter=Q(desks__is_active=True)),
    )
    snapshot, _created = CoverageSnapshot.objects.update_or_create(
        month=selectors.month_of(on),
        defaults={"taken_on": on, "desks": Loket.objects.active().count(), **counts},
    )
    return snapshot
