"""The desk's awarded money as open data in the shape of the 360Giving data standard
(https://standard.threesixtygiving.org): a package ``{"grants": [...]}`` with per awarded
allocation its identifier, title, description, currency, amountAwarded, awardDate,
recipientOrganization, fundingOrganization and grantProgramme.

Only what may be published: organisations from the register (by KvK number, which is public)
and the decision's summary for the public register. Never a person's name, e-mail or phone:
not the question's contact person, nor who decided or approved, nor the question's text. A
recipient that may be a natural person (a sole trader's business carries its owner's name, and
its KvK number leads to them) is published by what it is and where, with an identifier of the
desk's own."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sportloket.core.money import as_decimal
from sportloket.funds import selectors
from sportloket.funds.constants import AllocationState
from sportloket.registry.constants import OrganisationKind as K

# 360Giving identifiers start with the publisher's prefix; a deployment sets its own.
DEFAULT_PREFIX = "360G-sportloket"


def prefix() -> str:
    return getattr(settings, "GRANTS_360G_PREFIX", DEFAULT_PREFIX)


# The kinds of organisation that are always a legal person (an association, a foundation, a
# public body): their name and KvK number are no one's personal data. Every other kind (a
# commercial provider, a business, care or welfare, a sport company, other) may be a sole
# trader (eenmanszaak), whose trade name is often its owner's name; the register does not
# record the legal form, so these are never published by name.
LEGAL_PERSON_KINDS = frozenset(
    {K.CLUB, K.MUNICIPALITY, K.FEDERATION, K.FUND, K.SPORT_PLATFORM, K.SUPPORT, K.EDUCATION}
)


def may_be_a_person(organisation) -> bool:
    return organisation.kind not in LEGAL_PERSON_KINDS


def local_id(desk, organisation) -> str:
    """An identifier of the desk's own for an organisation: stable (the desk and the
    organisation's record), in 360Giving's style with the publisher's prefix."""
    return f"{prefix()}-{desk.slug}-org-{organisation.pk}"


def organisation_id(desk, organisation) -> str:
    """An organisation's identifier: its KvK number as org-id.guide writes it, or one local to
    the desk when the register has none."""
    if organisation.kvk_number:
        return f"NL-KVK-{organisation.kvk_number}"
    return local_id(desk, organisation)


def recipient(desk, organisation) -> dict:
    """The recipient as published: an organisation that is a legal person by its name and
    identifier; one that may be a natural person by what it is and its municipality, with the
    desk's own identifier (never its KvK number)."""
    if not may_be_a_person(organisation):
        return {"id": organisation_id(desk, organisation), "name": organisation.name}
    kind = organisation.get_kind_display()
    if organisation.municipality_id:
        name = _("%(kind)s in %(municipality)s") % {
            "kind": kind,
            "municipality": organisation.municipality.name,
        }
    else:
        name = str(kind)
    return {"id": local_id(desk, organisation), "name": name}


def _json_amount(cents) -> int | float:
    """Euros as a JSON number: whole euros as an integer (360Giving's examples do so)."""
    amount = as_decimal(cents)
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def grant(desk, allocation) -> dict:
    fund = allocation.fund
    decision = allocation.decision
    help_request = decision.help_request
    organisation = help_request.organisation
    offerings = [option.offering.title for option in decision.chosen_options]
    if organisation is not None:
        recipient_organisation = recipient(desk, organisation)
    else:
        # A question not linked to the register: the name as typed might be a person's, so
        # the recipient is named by what it is, with an identifier of its own.
        recipient_organisation = {
            "id": f"{prefix()}-{desk.slug}-request-{help_request.pk}",
            "name": _("Sport provider (not in the register)"),
        }
    awarded_at = allocation.awarded_at or allocation.created_at
    item = {
        "identifier": f"{prefix()}-{desk.slug}-{allocation.pk}",
        "title": ", ".join(offerings) or _("Support from %(fund)s") % {"fund": fund.name},
        "description": decision.public_summary
        or _("Support for a sport provider from %(fund)s, decided by %(desk)s.")
        % {"fund": fund.name, "desk": desk.name},
        "currency": "EUR",
        "amountAwarded": _json_amount(allocation.amount_cents),
        "awardDate": timezone.localdate(awarded_at).isoformat(),
        "recipientOrganization": [recipient_organisation],
        # The owner as any organisation is published: one that may be a person by what it is.
        "fundingOrganization": [recipient(desk, fund.owner)],
        "grantProgramme": [{"code": f"{prefix()}-{desk.slug}-fund-{fund.pk}", "title": fund.name}],
    }
    if allocation.state == AllocationState.PAID:
        item["amountDisbursed"] = _json_amount(allocation.paid_cents or 0)
    return item


def grants_package(desk) -> dict:
    """The desk's awarded allocations (approved or paid), oldest first, in Dutch."""
    with translation.override("nl"):
        return {
            "grants": [grant(desk, a) for a in selectors.awarded_allocations(loket=desk)],
        }
