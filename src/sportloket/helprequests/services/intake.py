"""A provider's question arriving at the desk, without an account: stored with its deadlines
and first history row, then confirmed to the provider and announced to the desk."""

from django.db import transaction
from django.utils import timezone

from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest, StateChange
from sportloket.helprequests.services.notifications import mail_confirmation, mail_desk
from sportloket.helprequests.workingdays import add_working_days
from sportloket.registry.models import Organisation


def request_submit(*, loket, themes=(), organisation=None, **fields) -> HelpRequest:
    """A provider's question arrives (no account: the provider is the actor). After commit the
    provider gets an e-mail with the private tracking link."""
    if organisation is not None and not (
        Organisation.objects.for_desk(loket).filter(pk=organisation.pk).exists()
    ):
        organisation = None  # only organisations in this desk's register are linked here
    today = timezone.localdate()
    help_request = HelpRequest(
        loket=loket,
        state=S.SUBMITTED,
        organisation=organisation,
        respond_by=add_working_days(today, loket.first_response_days),
        decide_by=add_working_days(today, loket.resolution_days),
        **fields,
    )
    help_request.full_clean(exclude=["tracking_token"])
    with transaction.atomic():
        help_request.save()
        help_request.themes.set([t for t in themes if t.loket_id == loket.pk])
        StateChange.objects.create(
            help_request=help_request, from_state="", to_state=S.SUBMITTED, by_provider=True
        )
        transaction.on_commit(lambda: mail_confirmation(help_request), robust=True)
        transaction.on_commit(lambda: mail_desk(help_request), robust=True)
    return help_request
