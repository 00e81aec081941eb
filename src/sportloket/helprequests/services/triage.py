"""Triage of a question: its themes and urgency, and the organisation in the desk's register
it comes from (linked, or created from what the provider typed)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.helprequests.models import HelpRequest
from sportloket.registry import selectors as registry_selectors
from sportloket.registry import services as registry_services
from sportloket.registry.constants import PROVIDER_KINDS, LinkSource
from sportloket.registry.models import Organisation
from sportloket.registry.validation import name_key


def request_triage(
    *, help_request: HelpRequest, actor, themes=None, urgency=None, organisation=None
) -> HelpRequest:
    """Sets the themes, the urgency and the linked organisation (from the desk's register)."""
    with transaction.atomic(), audited(actor):
        help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        if organisation is not None:
            in_register = Organisation.objects.for_desk(help_request.loket).filter(
                pk=organisation.pk
            )
            if not in_register.exists():
                raise ValidationError(
                    {"organisation": _("Choose an organisation from the register of this desk.")}
                )
            help_request.organisation = organisation
        if urgency:
            help_request.urgency = urgency
        help_request.save(update_fields=["organisation", "urgency", "updated_at"])
        if themes is not None:
            help_request.themes.set([t for t in themes if t.loket_id == help_request.loket_id])
    return help_request


def request_organisation_create(*, help_request: HelpRequest, actor, kind: str) -> Organisation:
    """Puts the organisation the provider named (name, place and KvK number as given) in the
    desk's register and links the question to it. An organisation the national register
    already holds under that KvK number, with the same name, is added to the desk's register
    instead of created twice; under another name the coordinator links it by hand after
    checking."""
    if kind not in PROVIDER_KINDS:
        raise ValidationError({"kind": _("Choose a sports club or a commercial sport provider.")})
    with transaction.atomic():
        help_request = (
            HelpRequest.objects.select_for_update().select_related("loket").get(pk=help_request.pk)
        )
        if help_request.organisation_id:  # a second click, or someone was quicker
            raise ValidationError(_("This question is already linked to an organisation."))
        organisation = registry_selectors.organisation_by_kvk(help_request.organisation_kvk)
        if organisation is not None:
            _link_known(help_request, organisation, actor)
        else:
            organisation = _create_as_given(help_request, kind, actor)
        request_triage(help_request=help_request, actor=actor, organisation=organisation)
    return organisation


def _link_known(help_request: HelpRequest, organisation: Organisation, actor):
    """Adds the organisation the national register knows by the KvK number to the desk's
    register, if its name is the one the provider gave."""
    if organisation.name_key != name_key(help_request.organisation_name):
        raise ValidationError(
            _(
                "The register knows KvK number %(kvk)s as %(name)s. If that is this "
                "organisation, find it by its KvK number and link it."
            )
            % {"kvk": help_request.organisation_kvk, "name": organisation.name}
        )
    registry_services.organisation_link(
        organisation=organisation, loket=help_request.loket, source=LinkSource.MANUAL,
        actor=actor,
    )  # fmt: skip


def _create_as_given(help_request: HelpRequest, kind: str, actor) -> Organisation:
    """A new organisation in the register, with the name, place and KvK number as given."""
    loket = help_request.loket
    place = help_request.organisation_place.strip()
    return registry_services.organisation_create(
        loket=loket,
        actor=actor,
        kind=kind,
        name=help_request.organisation_name,
        kvk_number=help_request.organisation_kvk,
        city=place,
        municipality=loket.work_area.filter(name__iexact=place).first() if place else None,
    )
