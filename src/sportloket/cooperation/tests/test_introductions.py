"""Introductions: only providers that agreed, one e-mail to each agreeing contact person that
names the others, recorded on the organisations' timelines."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from sportloket.cooperation import services
from sportloket.cooperation.models import IntroductionConsent
from sportloket.cooperation.tests.test_suggestions import agreeing
from sportloket.registry.tests.factories import OrganisationFactory, PersonRoleFactory

pytestmark = pytest.mark.django_db


def contact(organisation, desk, consents=True):
    return PersonRoleFactory(
        organisation=organisation, loket=desk, person__consents_to_contact=consents
    ).person


def test_each_agreeing_contact_person_gets_the_names_of_the_others(desk, coordinator):
    a = agreeing(desk, name="Hockeyclub Houten")
    b = agreeing(desk, name="Tennisvereniging Houten")
    to_a, to_b = contact(a, desk), contact(b, desk)
    contact(b, desk, consents=False)  # did not agree to be contacted: no e-mail
    introduction = services.introduction_send(
        loket=desk,
        actor=coordinator,
        organisations=[a, b],
        reason="2 aanbieders vroegen naar vrijwilligersbeleid",
        message="Misschien kunnen jullie samen een vrijwilligerscoördinator delen.",
    )
    assert introduction.recipients == 2
    assert set(introduction.organisations.all()) == {a, b}
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {to_a.email, to_b.email}
    assert "Tennisvereniging Houten" in by_person[to_a.email].body
    assert "Hockeyclub Houten" not in by_person[to_a.email].body.split("in contact met:")[1]
    assert "Hockeyclub Houten" in by_person[to_b.email].body
    assert "vrijwilligerscoördinator" in by_person[to_b.email].body


def test_a_provider_without_agreement_is_refused_and_nothing_is_sent(desk, coordinator):
    a = agreeing(desk)
    shy = OrganisationFactory.for_desk(desk)
    contact(a, desk), contact(shy, desk)
    with pytest.raises(ValidationError) as error:
        services.introduction_send(
            loket=desk, actor=coordinator, organisations=[a, shy], reason="r", message="m"
        )
    assert "organisations" in error.value.error_dict
    assert mail.outbox == []


def test_an_agreement_is_recorded_and_withdrawn(desk, coordinator):
    club = OrganisationFactory.for_desk(desk)
    with pytest.raises(ValidationError):
        services.consent_record(loket=desk, organisation=club, actor=coordinator, source=" ")
    consent = services.consent_record(
        loket=desk, organisation=club, actor=coordinator, source="per e-mail"
    )
    assert list(services.consenting(desk)) == [{"organisation_id": club.pk}]
    services.consent_withdraw(consent=consent, actor=coordinator)
    assert list(services.consenting(desk)) == []
    services.consent_record(loket=desk, organisation=club, actor=coordinator, source="opnieuw")
    assert IntroductionConsent.objects.get().withdrawn_on is None  # one record per desk


def test_an_agreement_is_for_an_organisation_of_the_register(desk, other_desk, coordinator):
    elsewhere = OrganisationFactory.for_desk(other_desk)
    with pytest.raises(ValidationError):
        services.consent_record(loket=desk, organisation=elsewhere, actor=coordinator, source="x")
