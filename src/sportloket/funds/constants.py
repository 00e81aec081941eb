from django.db import models
from django.utils.translation import gettext_lazy as _


class FundKind(models.TextChoices):
    EXECUTION = "execution", _("Execution budget")
    SERVICES = "services", _("Services budget")
    PARTNER = "partner", _("Partner fund (for example Rabo ClubSupport)")
    SUBSIDY = "subsidy", _("Municipal subsidy")
    OTHER = "other", _("Other")


class AllocationState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


# The states in which an allocation holds money of its fund: proposed and approved with their
# amount, paid with the amount really paid. Rejected and cancelled allocations hold nothing.
COMMITTING_STATES = frozenset(
    {AllocationState.PROPOSED, AllocationState.APPROVED, AllocationState.PAID}
)

# The longest idempotency key a form or API client may send (a UUID is 36 characters).
IDEMPOTENCY_KEY_LENGTH = 64

# The key under which the services write a change of a fund's themes in the fund's own audit
# trail (see services.funds._change_themes and selectors.fund_history). Not a field name: the
# themes are rows of their own (FundTheme).
THEMES_CHANGE = "theme_keys"
