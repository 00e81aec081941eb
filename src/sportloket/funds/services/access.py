"""Who may act on a desk's money: a coordinator manages its funds and allocations, a
representative of a fund's owner approves spending above the coordinator's threshold; anyone
else is refused with ``NotAllowed``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sportloket.core.constants import Role
from sportloket.core.models import Membership
from sportloket.core.permissions import Capability


class NotAllowed(ValidationError):
    """The actor's role (or the organisation they represent) does not allow this."""


def _membership(actor, loket_id):
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return Membership.objects.active().filter(user=actor, loket_id=loket_id).first()


def require_manager(actor, loket_id):
    """The actor's membership of the desk, if it lets them manage its funds."""
    membership = _membership(actor, loket_id)
    if membership is None or not membership.can(Capability.MANAGE_FUNDS):
        raise NotAllowed(_("Only a coordinator of the desk manages its funds."))
    return membership


def require_approver(actor, fund):
    """A representative of the fund's owner: an active partner at the fund's desk who
    represents the owner. The coordinator who proposed the spending never approves it."""
    membership = _membership(actor, fund.loket_id)
    if (
        membership is None
        or membership.role != Role.PARTNER
        or membership.organisation_id != fund.owner_id
    ):
        raise NotAllowed(
            _("Only a representative of %(owner)s approves spending from the fund '%(fund)s'.")
            % {"owner": fund.owner, "fund": fund.name}
        )
    return membership
