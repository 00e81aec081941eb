"""Reads on help requests: what the provider may see of their own question."""

from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.workflow import CLOSED_STATES, NOTE_REQUIRED, TRANSITIONS
from sportloket.registry.models import Organisation


def desk_organisation_by_kvk(*, loket, kvk: str):
    """The organisation with this KvK number in the desk's register, if any."""
    if not kvk:
        return None
    return Organisation.objects.for_desk(loket).filter(kvk_number=kvk).first()


def provider_timeline(*, help_request):
    """The moves of the request as the provider sees them: states and dates, and only the
    notes written for the provider (the reason for a rejection, referral or pause)."""
    rows = []
    for change in help_request.state_changes.order_by("at", "pk"):
        rows.append(
            {
                "state": S(change.to_state).label,
                "at": change.at,
                "note": change.note if change.to_state in NOTE_REQUIRED else "",
            }
        )
    return rows


def provider_actions(*, help_request) -> dict:
    state = help_request.state
    return {
        "can_withdraw": state not in CLOSED_STATES and S.WITHDRAWN in TRANSITIONS[state],
        "can_rate": S.EVALUATED in TRANSITIONS[state],
    }
