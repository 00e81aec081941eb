"""What a federation's partner reads across desks: the questions of the federation's member
clubs where the club agreed to sharing, and the cooperations those clubs take part in, at the
desks whose work area is aligned with the federation and the desks where the partner acts for
it. Read-only, and nothing else: no contact people, no notes, no money."""

from django.db.models import Q

from sportloket.cooperation.models import Cooperation
from sportloket.core.constants import PartnerKind, Role
from sportloket.core.models import Membership
from sportloket.helprequests.models import HelpRequest
from sportloket.registry.models import AreaAlignment


def federation_scope(user) -> dict[int, set[int]]:
    """Each federation the user acts for as a partner, with the desks it reads at: the desks
    of those memberships and the desks whose work area was agreed with the federation. Empty
    for anyone else."""
    if not user.is_authenticated:
        return {}
    acting = (
        Membership.objects.active()
        .filter(
            user=user,
            role=Role.PARTNER,
            partner_kind=PartnerKind.FEDERATION,
            organisation__federation_record__isnull=False,
        )
        .order_by()
        .values_list("loket_id", "organisation__federation_record")
    )
    scope: dict[int, set[int]] = {}
    for loket_id, federation_id in acting:
        scope.setdefault(federation_id, set()).add(loket_id)
    aligned = AreaAlignment.objects.filter(federation_id__in=scope, agreed=True).values_list(
        "federation_id", "loket_id"
    )
    for federation_id, loket_id in aligned:
        scope[federation_id].add(loket_id)
    return scope


def _member_clubs(scope, prefix: str) -> Q:
    condition = Q(pk__in=[])
    for federation_id, desks in scope.items():
        condition |= Q(**{f"{prefix}loket_id__in": desks}) & Q(
            **{f"{prefix}organisation__federations": federation_id}
        )
    return condition


def federation_questions(scope):
    """The member clubs' questions the clubs agreed to share, newest first."""
    ids = HelpRequest.objects.filter(_member_clubs(scope, "")).values("pk")
    return (
        HelpRequest.objects.filter(pk__in=ids, consents_to_sharing=True)
        .select_related("loket")
        .prefetch_related("themes")
        .order_by("-submitted_at", "-pk")
    )


def federation_cooperations(scope):
    """The cooperations a member club takes part in, at the desks of the scope."""
    condition = Q(pk__in=[])
    for federation_id, desks in scope.items():
        condition |= Q(loket_id__in=desks, parties__organisation__federations=federation_id)
    ids = Cooperation.objects.filter(condition).values("pk")
    return (
        Cooperation.objects.filter(pk__in=ids)
        .select_related("loket")
        .order_by("-updated_at", "-pk")
    )
