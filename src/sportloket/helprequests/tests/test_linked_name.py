"""A question's ``linked_name`` follows the register (the triggers of migration 0017): the
inbox's search finds a question by the name its organisation has now, whoever changed it."""

import pytest

from sportloket.helprequests import services
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.tests.factories import submit_request as submit
from sportloket.registry import services as registry_services
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def linked_name(help_request) -> str:
    return HelpRequest.objects.values_list("linked_name", flat=True).get(pk=help_request.pk)


def test_the_linked_name_follows_the_link_and_the_registers_renames(desk, coordinator):
    kraaien = OrganisationFactory.for_desk(desk, name="Hockeyclub De Kraaien")
    dolfijn = OrganisationFactory.for_desk(desk, name="Zwemclub Dolfijn")
    linked = submit(desk, organisation=kraaien, organisation_name="HC Kraai")
    given = submit(desk, organisation_name="VV Oost")
    assert linked_name(linked) == "Hockeyclub De Kraaien"
    assert linked_name(given) == ""

    services.request_triage(help_request=given, actor=coordinator, organisation=dolfijn)
    assert linked_name(given) == "Zwemclub Dolfijn"

    registry_services.organisation_update(
        organisation=dolfijn, loket=desk, actor=coordinator, name="Zwem- en Polovereniging Dolfijn"
    )
    assert linked_name(given) == "Zwem- en Polovereniging Dolfijn"
    assert linked_name(linked) == "Hockeyclub De Kraaien"  # another organisation's question

    HelpRequest.objects.filter(pk=linked.pk).update(organisation=None)
    assert linked_name(linked) == ""


def test_a_full_save_of_a_question_read_before_a_rename_keeps_the_new_name(desk, coordinator):
    club = OrganisationFactory.for_desk(desk, name="Korfbalclub Oud")
    question = submit(desk, organisation=club)
    stale = HelpRequest.objects.get(pk=question.pk)
    registry_services.organisation_update(
        organisation=club, loket=desk, actor=coordinator, name="Korfbalclub Nieuw"
    )
    stale.save()  # writes every column, the old copy of the name too
    assert linked_name(question) == "Korfbalclub Nieuw"
