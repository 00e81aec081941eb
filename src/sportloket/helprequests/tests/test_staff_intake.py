"""Questions that did not come by the web form: a coordinator records one that came by phone,
e-mail, in person or at a meeting ("Nieuwe vraag vastleggen"). The intake service names the
coordinator in the history and the audit trail, and the provider gets the same confirmation
with the tracking link as from the web form, unless no e-mail address is known."""

import re

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from sportloket.core import services as core_services
from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import services
from sportloket.helprequests.constants import Channel
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db

QUESTION = "Het bestuur belde: de kantine moet verduurzamen, waar beginnen we?"


def record(desk, actor, **fields):
    data = {
        "organisation_name": "VV Domstad",
        "contact_name": "Henk de Wit",
        "contact_email": "henk@domstad.example.nl",
        "question": QUESTION,
        "consents_to_processing": True,
        "channel": Channel.PHONE,
    }
    return services.request_submit(loket=desk, actor=actor, **(data | fields))


def provider_mail(address):
    return [m for m in mail.outbox if m.to == [address]]


# --- the service --------------------------------------------------------------------------------


def test_a_recorded_question_names_the_coordinator_and_confirms_to_the_provider(
    desk, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = record(desk, coordinator)

    assert (question.channel, question.state) == (Channel.PHONE, S.SUBMITTED)
    [row] = question.state_changes.all()
    assert (row.to_state, row.actor, row.by_provider) == (S.SUBMITTED, coordinator, False)
    entry = LogEntry.objects.get_for_object(question).get(action=LogEntry.Action.CREATE)
    assert entry.actor == coordinator
    [confirmation] = provider_mail("henk@domstad.example.nl")
    assert reverse("helprequests:track", args=[question.tracking_token]) in confirmation.body
    assert question.respond_by and question.decide_by


def test_without_an_e_mail_address_nothing_goes_to_the_provider(
    desk, coordinator, django_capture_on_commit_callbacks
):
    desk.email = ""
    desk.save()
    with django_capture_on_commit_callbacks(execute=True):
        question = record(desk, coordinator, contact_email="", channel=Channel.IN_PERSON)

    assert question.contact_email == "" and question.channel == Channel.IN_PERSON
    # The desk's coordinators still hear of it; no confirmation, no tracking link goes out.
    tracking = reverse("helprequests:track", args=[question.tracking_token])
    assert all(m.to == [coordinator.email] for m in mail.outbox)
    assert not [m for m in mail.outbox if tracking in m.body]


def test_the_web_form_still_needs_an_e_mail_address(desk):
    with pytest.raises(ValidationError) as error:
        services.request_submit(
            loket=desk,
            organisation_name="VV Domstad",
            contact_name="Henk",
            contact_email="",
            question=QUESTION,
            consents_to_processing=True,
        )
    assert "contact_email" in error.value.message_dict


def test_existing_questions_came_by_the_web_form(desk):
    question = services.request_submit(
        loket=desk,
        organisation_name="VV Domstad",
        contact_name="Henk",
        contact_email="henk@domstad.example.nl",
        question=QUESTION,
        consents_to_processing=True,
    )
    assert question.channel == Channel.WEB_FORM
    assert question.state_changes.get().by_provider is True


@pytest.mark.parametrize("role", ["supporter", "partner"])
def test_only_a_coordinator_of_the_desk_records_a_question(desk, other_desk, role):
    member = MembershipFactory(loket=desk, **{role: True})
    stranger = MembershipFactory(loket=other_desk, coordinator=True)
    for actor in (member.user, stranger.user, None):
        with pytest.raises(ValidationError):
            record(desk, actor)
    assert not HelpRequest.objects.exists()


def test_an_unknown_channel_is_refused(desk, coordinator):
    with pytest.raises(ValidationError) as error:
        record(desk, coordinator, channel="pigeon")
    assert "channel" in error.value.message_dict


# --- the page -----------------------------------------------------------------------------------


@pytest.fixture
def new_url(desk):
    core_services.themes_prefill(loket=desk, actor=None)
    return reverse("helprequests:request-new", args=[desk.slug])


def answers(**overrides):
    data = {
        "action": "record",
        "channel": Channel.PHONE,
        "find": "",
        "organisation_name": "VV Domstad",
        "organisation_place": "Utrecht",
        "kvk_number": "",
        "contact_name": "Henk de Wit",
        "contact_role": "voorzitter",
        "contact_email": "henk@domstad.example.nl",
        "contact_phone": "06 12345678",
        "question": QUESTION,
        "urgency": "normal",
        "consents_to_processing": "on",
    }
    return data | overrides


def test_the_inbox_links_a_coordinator_to_the_page(coordinator_client, desk, new_url):
    inbox = coordinator_client.get(reverse("helprequests:inbox", args=[desk.slug])).text
    assert f'href="{new_url}"' in inbox
    page = coordinator_client.get(new_url)
    assert page.status_code == 200
    assert "<h1>Nieuwe vraag vastleggen</h1>" in page.text


def test_a_supporter_neither_sees_the_link_nor_opens_the_page(client, desk, new_url):
    client.force_login(MembershipFactory(loket=desk, supporter=True).user)
    assert new_url not in client.get(reverse("helprequests:inbox", args=[desk.slug])).text
    assert client.get(new_url).status_code == 403
    assert client.post(new_url, answers()).status_code == 403
    assert not HelpRequest.objects.exists()


def test_a_coordinator_of_another_desk_gets_a_404(client, desk, other_desk, new_url):
    client.force_login(MembershipFactory(loket=other_desk, coordinator=True).user)
    assert client.get(new_url).status_code == 404
    assert client.post(new_url, answers()).status_code == 404


def test_a_coordinator_records_a_phone_question_of_a_new_organisation(
    coordinator_client, desk, coordinator, new_url, django_capture_on_commit_callbacks
):
    theme = desk.themes.get(name="Verduurzaming")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(new_url, answers(themes=[theme.pk]))

    question = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "helprequests:request-detail", args=[desk.slug, question.pk]
    )
    assert (question.channel, question.organisation, question.organisation_name) == (
        Channel.PHONE,
        None,
        "VV Domstad",
    )
    assert question.contact_phone == "+31612345678" and question.contact_role == "voorzitter"
    assert list(question.themes.all()) == [theme]
    assert question.state_changes.get().actor == coordinator
    assert len(provider_mail("henk@domstad.example.nl")) == 1
    page = coordinator_client.get(response["Location"]).text
    assert "De sportaanbieder krijgt een e-mail met de link" in page


def test_the_register_is_searched_in_the_form_and_nothing_typed_is_lost(
    coordinator_client, desk, new_url
):
    domstad = OrganisationFactory.for_desk(
        desk, name="VV Domstad", city="Utrecht", kvk_number="01234567"
    )
    OrganisationFactory(name="VV Domstad Oost")  # another desk's: never offered
    theme = desk.themes.get(name="Financiën")

    found = coordinator_client.post(
        new_url,
        answers(action="find", find="domstad", organisation_name="", themes=[theme.pk]),
    )

    assert found.status_code == 200
    html = squashed(found.text)
    assert 'class="alert alert--error"' not in html  # a search is no mistake
    assert f'value="{domstad.pk}"' in html and "VV Domstad, Utrecht · KvK 01234567" in html
    assert "VV Domstad Oost" not in html
    assert QUESTION in html and 'value="Henk de Wit"' in html
    assert re.search(rf'value="{theme.pk}"[^>]*checked', html)

    done = coordinator_client.post(
        new_url,
        answers(find="domstad", organisation=str(domstad.pk), organisation_name=""),
    )

    assert done.status_code == 302
    question = HelpRequest.objects.get()
    assert question.organisation == domstad
    assert (question.organisation_name, question.organisation_kvk) == ("VV Domstad", "01234567")


def test_a_kvk_number_of_the_register_links_the_organisation(coordinator_client, desk, new_url):
    domstad = OrganisationFactory.for_desk(desk, name="VV Domstad", kvk_number="01234567")
    response = coordinator_client.post(new_url, answers(kvk_number="0123 4567"))
    assert response.status_code == 302
    assert HelpRequest.objects.get().organisation == domstad


def test_every_mistake_is_said_beside_its_field_and_the_answers_stay(coordinator_client, new_url):
    response = coordinator_client.post(
        new_url,
        answers(channel="", organisation_name="", contact_email="henk@", consents_to_processing=""),
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors == {
        "channel": ["Kies hoe de vraag binnenkwam."],
        "organisation_name": ["Geef de naam van de organisatie, of zoek haar in het register."],
        "contact_email": ["Voer een geldig e-mailadres in."],
        "consents_to_processing": [
            "Zonder toestemming van de sportaanbieder kan het loket de vraag niet vastleggen."
        ],
    }
    html = squashed(response.text)
    for name in errors:
        assert f'id="id_{name}_error"' in html, name
    assert QUESTION in html and 'value="Henk de Wit"' in html
    assert not HelpRequest.objects.exists()


def test_a_choice_outside_what_was_found_is_refused(coordinator_client, desk, new_url):
    elsewhere = OrganisationFactory(name="VV Domstad")  # not in this desk's register
    response = coordinator_client.post(
        new_url, answers(find="domstad", organisation=str(elsewhere.pk))
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "organisation": ["Kies een organisatie uit het register van dit loket."]
    }
