"""E-mails about the desk's money: the representatives of a fund's owner hear that spending
from its funds waits for their approval. The services queue them in the transaction of the
change (sportloket.jobs.mail), so a change that is undone sends nothing and a mail server that
is down never undoes a change. No question, no provider and no person is named in the e-mail:
the representatives read those after signing in."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from sportloket.funds import selectors
from sportloket.funds.constants import AllocationState
from sportloket.funds.models import Allocation

logger = logging.getLogger(__name__)


def approvals_url(loket) -> str:
    """The page where a partner approves or rejects what waits for them."""
    return settings.SITE_URL + reverse("funds:approvals", args=[loket.slug])


def _send(context: dict, to: str):
    """Renders ``funds/email/approval_waiting_subject.txt`` and ``_message.txt`` in the
    site's language (not that of whoever happened to trigger it) and sends them."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("funds/email/approval_waiting_subject.txt", context)
        body = render_to_string("funds/email/approval_waiting_message.txt", context)
    send_mail(" ".join(subject.split()), body, None, [to])


def mail_approval_waiting(allocation_pks) -> int:
    """Tells each active representative of a fund's owner at the desk that these allocations
    (those still proposed) wait for their approval, with a link to the approvals page: one
    e-mail per person, listing the allocations of the funds of the organisation they
    represent. Returns the number of e-mails sent."""
    waiting = list(
        Allocation.objects.filter(pk__in=list(allocation_pks), state=AllocationState.PROPOSED)
        .select_related("fund__owner", "fund__loket")
        .order_by("fund__name", "pk")
    )
    per_owner: dict[tuple[int, int], list[Allocation]] = {}
    for allocation in waiting:
        fund = allocation.fund
        per_owner.setdefault((fund.loket_id, fund.owner_id), []).append(allocation)
    sent = 0
    for allocations in per_owner.values():
        fund = allocations[0].fund
        context = {
            "desk": fund.loket,
            "owner": fund.owner,
            "allocations": allocations,
            "url": approvals_url(fund.loket),
        }
        for membership in selectors.fund_approvers(fund=fund):
            if not membership.user.email:
                continue
            try:
                _send(context | {"name": membership.user.full_name}, membership.user.email)
            except Exception:  # one refused address must not keep the others uninformed
                logger.exception(
                    "E-mail about allocations %s to %s failed",
                    [a.pk for a in allocations],
                    membership.user.email,
                )
            else:
                sent += 1
    return sent
