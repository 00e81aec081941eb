"""A provider's question arriving at the desk: by the web form, without an account, or recorded
by a coordinator when it came by phone, e-mail, in person or at a meeting. Stored with its
deadlines and first history row, then confirmed to the provider (when an e-mail address is
known) and announced to the desk."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.models import Membership
from sportloket.core.permissions import Capability
from sportloket.helprequests.constants import Channel
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest, StateChange
from sportloket.helprequests.services.notifications import mail_confirmation, mail_desk
from sportloket.helprequests.workingdays import add_working_days
from sportloket.registry.models import Organisation


def request_submit(
    *, loket, themes=(), organisation=None, channel=Channel.WEB_FORM, actor=None, **fields
) -> HelpRequest:
    """A question arrives. By the web form (``channel`` left as it is) the provider is the
    actor and gives an e-mail address. Any other channel is a question the desk records:
    ``actor`` is the member who records it (a coordinator of this desk, named in the history
    and the audit trail), and the e-mail address may be unknown. After commit the provider
    gets an e-mail with the private tracking link, if an address is known."""
    channel = _check_channel(loket, channel, actor, fields.get("contact_email", ""))
    if organisation is not None and not (
        Organisation.objects.for_desk(loket).filter(pk=organisation.pk).exists()
    ):
        organisation = None  # only organisations in this desk's register are linked here
    today = timezone.localdate()
    help_request = HelpRequest(
        loket=loket,
        state=S.SUBMITTED,
        organisation=organisation,
        channel=channel,
        respond_by=add_working_days(today, loket.first_response_days),
        decide_by=add_working_days(today, loket.resolution_days),
        **fields,
    )
    help_request.full_clean(exclude=["tracking_token"])
    recorded_by = actor if channel != Channel.WEB_FORM else None
    with transaction.atomic(), audited(recorded_by):
        help_request.save()
        help_request.themes.set([t for t in themes if t.loket_id == loket.pk])
        StateChange.objects.create(
            help_request=help_request,
            from_state="",
            to_state=S.SUBMITTED,
            actor=recorded_by,
            by_provider=recorded_by is None,
        )
        mail_confirmation(help_request)
        mail_desk(help_request)
    return help_request


def _check_channel(loket, channel, actor, email: str) -> str:
    """The web form's questions carry an e-mail address; the other channels are recorded by a
    coordinator of the desk."""
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose how the question came in.")})
    if channel == Channel.REFERRAL:
        return channel  # sent by another desk's coordinator: services.referrals checks them
    if channel == Channel.WEB_FORM:
        if not (email or "").strip():
            raise ValidationError({"contact_email": _("Enter an e-mail address.")})
        return channel
    membership = (
        Membership.objects.active().filter(user_id=actor.pk, loket=loket).first()
        if getattr(actor, "is_authenticated", False)
        else None
    )
    if membership is None or not membership.can(Capability.MANAGE_REQUESTS):
        raise ValidationError(_("Only a coordinator of this desk records a question."))
    return channel
