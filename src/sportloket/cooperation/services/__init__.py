"""Every write of cooperation: cooperations with their parties, statuses and links; providers'
agreements to be introduced, and introductions."""

from sportloket.cooperation.services.cooperations import (
    cooperation_create,
    cooperation_update,
    links_set,
    party_add,
    party_remove,
    status_change,
)
from sportloket.cooperation.services.introductions import (
    consent_record,
    consent_withdraw,
    consenting,
    introduction_send,
)

__all__ = [
    "consent_record",
    "consent_withdraw",
    "consenting",
    "cooperation_create",
    "cooperation_update",
    "introduction_send",
    "links_set",
    "party_add",
    "party_remove",
    "status_change",
]
