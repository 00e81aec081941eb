"""Reads for the desk's dashboard, composed of the owning apps' selectors: what waits for the
member and for the desk (each counted as the list the dashboard links to filters it), the
money left per fund, and the desk's last months at a glance. Only what the member's role may
open is read; a fixed number of queries whatever the number of rows."""

from sportloket.contacts import selectors as contact_selectors
from sportloket.core.constants import Role
from sportloket.core.permissions import Capability, membership_capabilities
from sportloket.funds import summaries as fund_summaries
from sportloket.helprequests import selectors as request_selectors
from sportloket.quality import selectors as quality_selectors
from sportloket.quality.constants import ACTING_ROLES, EXPIRY_WARNING_DAYS

# How many months the dashboard's charts show, the current one included.
MONTHS = 6


def approves_allocations(membership) -> bool:
    """A partner who represents an organisation approves the allocations of its funds."""
    return membership.role == Role.PARTNER and bool(membership.organisation_id)


def waiting(*, membership, user, today) -> dict:
    """What waits, read only where the member's role may open the list it links to:
    ``requests`` (``helprequests.selectors.dashboard_counts``), ``contacts`` (the work list's
    counts, ``mine`` and ``all``), ``expiring`` (the member's quality registrations expiring
    within the warning period), ``approvals`` (allocations waiting for approval, ``mine`` and
    ``desk``) and ``funds`` (what is left of each fund in use that the member sees)."""
    can = membership_capabilities(membership)
    loket = membership.loket
    found = {}
    if Capability.VIEW_REQUESTS in can:
        found["requests"] = request_selectors.dashboard_counts(membership=membership, today=today)
    if Capability.LOG_CONTACTS in can:
        found["contacts"] = contact_selectors.work_list_counts(loket=loket, user=user, on=today)
    if Capability.VIEW_QUALITY in can and membership.role in ACTING_ROLES:
        found["expiring"] = (
            quality_selectors.expiring(loket=loket, on=today, days=EXPIRY_WARNING_DAYS)
            .filter(user=user)
            .count()
        )
    if Capability.MANAGE_FUNDS in can or approves_allocations(membership):
        found["approvals"] = fund_summaries.approvals_waiting(membership=membership)
        found["funds"] = fund_summaries.funds_left(user=user, loket=loket, on=today)
    return found


def month_at_a_glance(*, membership, today, months: int = MONTHS) -> dict:
    """The desk's last ``months`` months (oldest first), as far as the member's role may read
    them: ``questions`` in and decided, ``response`` the median working days to the first
    response and to the decision (with counts), ``money`` committed and paid, ``contacts`` the
    providers in contact (by a contact moment or the handling of a question)."""
    can = membership_capabilities(membership)
    loket = membership.loket
    starts = request_selectors.month_starts(months=months, today=today)
    found = {"months": starts}
    if Capability.VIEW_REQUESTS in can:
        found["questions"] = request_selectors.questions_per_month(loket=loket, starts=starts)
        found["response"] = request_selectors.response_medians(loket=loket, starts=starts)
    if Capability.VIEW_FUNDS in can:
        found["money"] = fund_summaries.money_per_month(loket=loket, starts=starts)
    if Capability.VIEW_CONTACTS in can:
        per_month = contact_selectors.contacted_per_month(loket=loket, on=today, months=months)
        found["contacts"] = list(reversed(per_month))
    return found
